#!/usr/bin/env bash
# Installs the Debian bookworm packages this tutorial needs, and only those that are missing.
#
#   ./setup.sh            what building, running the chapters and rendering the site need
#   ./setup.sh --tests    the same, plus what the test suite needs
#
# Safe to run again: a second run installs nothing. Uses sudo when not run as root.
set -euo pipefail

build_packages=(
  g++ cmake ninja-build pkg-config
  libarmadillo-dev libopenblas-dev      # matrices, on an optimised BLAS
  libcli11-dev                          # command-line options
  nlohmann-json3-dev                    # summary.json
  zlib1g-dev                            # gzip-compressed data files
  gnuplot-nox                           # plots
  doxygen doxygen-awesome-css libjs-mathjax fonts-mathjax   # the site, formulas rendered offline
  libjs-lunr python3                    # the site's full-text search, indexed at build time
  dataset-fashion-mnist                 # chapter 4's second data set (its results page shows it)
)
test_packages=(
  libgtest-dev                          # the unit tests
  clang libclang-rt-14-dev libomp-dev   # the sanitizers preset, its libFuzzer targets and OpenMP
  valgrind                              # memcheck runs of the chapters
  chromium chromium-driver python3-selenium   # the site, loaded in a headless browser
)

packages=("${build_packages[@]}")
case "${1:-}" in
  "") ;;
  --tests) packages+=("${test_packages[@]}") ;;
  *) echo "setup.sh: unknown option '$1' (use no option, or --tests)" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup.sh: done"
