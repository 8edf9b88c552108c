#!/usr/bin/env bash
# Installs the Debian packages this tutorial needs, and only those that are missing. Tested on
# Debian 12 (bookworm) and 13 (trixie); the names below exist in both.
#
#   ./setup.sh            what building, running the chapters and rendering the site need
#   ./setup.sh --tests    the same, plus what the test suite needs
#
# Safe to run again: a second run installs nothing. Uses sudo when not run as root.
set -euo pipefail

build_packages=(
  g++ cmake ninja-build pkg-config
  ccache                                # a second build of the same sources takes them from its cache
  libarmadillo-dev libopenblas-dev      # matrices, on an optimised BLAS
  libcli11-dev                          # command-line options
  nlohmann-json3-dev                    # summary.json
  zlib1g-dev                            # gzip-compressed data files
  gnuplot-nox                           # plots
  graphviz                              # the pictures of the networks on the site
  doxygen doxygen-awesome-css libjs-mathjax fonts-mathjax   # the site, formulas rendered offline
  libjs-lunr                            # the site's search, offline
  python3                               # the build's helper scripts
  dataset-fashion-mnist                 # chapter 4's second data set (its results page shows it)
  emscripten libeigen3-dev libjs-chart.js   # the chapters compiled to WebAssembly for their pages,
                                        # LAPACK's few routines from Eigen there, and the plots
)
test_packages=(
  libgtest-dev                          # the unit tests
  clang libomp-dev                      # the clang and sanitizers presets, with OpenMP
                                        # (+ clang's sanitizer runtimes: clang_runtime below)
  valgrind                              # memcheck runs of the chapters
  chromium chromium-driver python3-selenium   # the site, loaded in a headless browser
  python3-torch python3-numpy           # PyTorch as referee: regenerating tests/pytorch/*.json
)

packages=("${build_packages[@]}")
tests=false
case "${1:-}" in
  "") ;;
  --tests) tests=true; packages+=("${test_packages[@]}") ;;
  *) echo "setup.sh: unknown option '$1' (use no option, or --tests)" >&2; exit 2 ;;
esac

# (grep reads to the end, not -q: with pipefail, apt-cache killed by a closed pipe would fail the test)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep 'install ok installed' >/dev/null; }
available() { apt-cache policy "$1" 2>/dev/null | grep '^  Candidate: [^(]' >/dev/null; }

# Clang's sanitizer and libFuzzer runtimes must match clang's version: the unversioned
# libclang-rt-dev follows the release's clang where the release has it (Debian 12 and 13 do);
# elsewhere, libclang-rt-<major>-dev for the clang that apt installs.
clang_runtime() {
  if available libclang-rt-dev; then echo libclang-rt-dev; return; fi
  local major
  major=$(apt-cache depends clang 2>/dev/null | sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n1)
  echo "libclang-rt-${major:-unknown}-dev"
}
clang_runtime_installed() {
  installed libclang-rt-dev && return
  command -v clang >/dev/null && installed "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
}

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if $tests && ! clang_runtime_installed; then
  missing+=(clang-runtime)  # named once apt's lists are current
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

"${sudo[@]}" apt-get update -qq

# Every name must exist in this release; one line for each that does not, and what to do.
release=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}") || true
release=${release:-this system}
install=() lacking=0
for p in "${missing[@]}"; do
  if [ "$p" = clang-runtime ]; then
    p=$(clang_runtime)
    installed "$p" && continue
  fi
  if available "$p"; then
    install+=("$p")
  else
    echo "setup.sh: $release has no package $p: install its equivalent (the README's list by purpose), then run ./setup.sh${1:+ $1} again" >&2
    lacking=1
  fi
done

if [ ${#install[@]} -gt 0 ]; then
  echo "setup.sh: installing ${install[*]}"
  # Through env: sudo drops the caller's environment.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null
fi
[ $lacking -eq 0 ] || exit 1
echo "setup.sh: done"
