#!/usr/bin/env bash
# Packs a built postlint binary as the release asset for one target:
#   OUT_DIR/postlint-TARGET.tar.gz         postlint-TARGET/{postlint[.exe],README.md,LICENSE-*}
#   OUT_DIR/postlint-TARGET.tar.gz.sha256  "<sha256>  postlint-TARGET.tar.gz"
# The names are what `cargo binstall` (Cargo.toml), the Action (action/install-release.sh) and
# scripts/release/npm_packages.py expect. Every platform gets a .tar.gz: Windows 10 and later
# have tar, and the Action then needs one code path.
#
# usage: scripts/release/archive.sh TARGET BINARY OUT_DIR
set -euo pipefail

if [ "$#" -ne 3 ]; then
  echo "usage: $0 TARGET BINARY OUT_DIR" >&2
  exit 2
fi
target=$1
binary=$2
out=$3
repo=$(cd "$(dirname "$0")/../.." && pwd)
name="postlint-$target"
case "$target" in
  *windows*) exe=postlint.exe ;;
  *) exe=postlint ;;
esac

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp "$binary" "$stage/$name/$exe"
chmod 755 "$stage/$name/$exe"
cp "$repo/README.md" "$repo/LICENSE-MIT" "$repo/LICENSE-APACHE" "$stage/$name/"

# Relative paths only: GNU tar on Windows reads `D:\...` as a remote host.
(cd "$stage" && tar -czf "$name.tar.gz" "$name")
mv "$stage/$name.tar.gz" "$out/"
if command -v sha256sum >/dev/null 2>&1; then
  (cd "$out" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
else
  (cd "$out" && shasum -a 256 "$name.tar.gz" > "$name.tar.gz.sha256")
fi
echo "$out/$name.tar.gz"
