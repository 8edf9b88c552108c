#!/usr/bin/env bash
# Installs what the benchmark's references need, Debian's NumPy and PyTorch, if missing.
set -euo pipefail
missing=()
for p in python3 python3-numpy python3-torch; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "bench/setup.sh: all installed"; exit 0; }
sudo=(); [ "$(id -u)" -ne 0 ] && sudo=(sudo)
echo "bench/setup.sh: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
