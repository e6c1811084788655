#!/usr/bin/env bash
# Prints the SHA-256 of what the postlint binary is built from: Cargo.toml, Cargo.lock, src/ and
# rules/ (the rule docs and front matter schemas are compiled in), file names and contents, with
# the CR of CRLF line ends dropped so that a Windows checkout hashes the same. The Action keys its
# build cache on it, and downloads the released binary when it equals the `source` that
# action/released.env records (written by scripts/release/set_version.py --release).
#
# usage: action/source-hash.sh [SOURCE_DIR]   (default: this repository)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
if command -v sha256sum >/dev/null 2>&1; then sum=(sha256sum); else sum=(shasum -a 256); fi
find Cargo.toml Cargo.lock src rules -type f -print0 | LC_ALL=C sort -z \
  | LC_ALL=C xargs -0 awk 'FNR == 1 { print "== " FILENAME } { sub(/\r$/, ""); print }' \
  | "${sum[@]}" | cut -c1-64
