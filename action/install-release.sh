#!/usr/bin/env bash
# The Action's first step. When the postlint source the workflow pinned is a released one (its
# source hash is the one action/released.env records), downloads that release's binary for this
# runner, checks its SHA-256 and hands its folder to the run step: a first run in seconds. Otherwise (a commit
# after a release, a fork with changes, a runner with no release binary, a failed download) the
# next steps build from source, cached under `key`.
#
# Writes to $GITHUB_OUTPUT: key, root (where the build-from-source path installs), installed, and
# bin (the folder holding the binary) when installed.
set -euo pipefail
action=${GITHUB_ACTION_PATH:?}
hash=$(bash "$action/action/source-hash.sh" "$action")
# Outputs keep the runner's own path form (actions/cache reads `root`); on Windows, Git Bash
# works on the /d/... form.
native_root="$RUNNER_TEMP/postlint-${hash:0:20}"
temp=$RUNNER_TEMP
if command -v cygpath >/dev/null 2>&1; then temp=$(cygpath -u "$RUNNER_TEMP"); fi
root="$temp/postlint-${hash:0:20}"
{
  echo "key=postlint-${RUNNER_OS}-${RUNNER_ARCH}-${hash:0:20}"
  echo "root=$native_root"
} >> "$GITHUB_OUTPUT"

build_instead() {
  echo "$1: building postlint from source"
  echo "installed=false" >> "$GITHUB_OUTPUT"
  exit 0
}

released="$action/action/released.env"
[ -f "$released" ] || build_instead "no release of postlint has this source"
version='' source='' url=''
while IFS='=' read -r key value; do
  value=${value%$'\r'}
  case "$key" in
    version) version=$value ;;
    source) source=$value ;;
    url) url=$value ;;
  esac
done < "$released"
[ "$source" = "$hash" ] || build_instead "the pinned source differs from postlint v$version"

case "$RUNNER_OS-$RUNNER_ARCH" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *) build_instead "postlint v$version has no binary for $RUNNER_OS $RUNNER_ARCH" ;;
esac
name="postlint-$target"
download="$temp/postlint-download-${hash:0:20}"
rm -rf "$download"
mkdir -p "$download"
cd "$download"
fetch() {
  curl --fail --silent --show-error --location --retry 3 --connect-timeout 30 \
    --proto-redir '=https' --output "$1" "$url/$1"
}
if ! fetch "$name.tar.gz" || ! fetch "$name.tar.gz.sha256"; then
  echo "::warning title=postlint::could not download $url/$name.tar.gz"
  build_instead "the download failed"
fi

expected=$(cut -d ' ' -f 1 < "$name.tar.gz.sha256" | tr -d '\r\n')
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$name.tar.gz" | cut -d ' ' -f 1)
else
  actual=$(shasum -a 256 "$name.tar.gz" | cut -d ' ' -f 1)
fi
if [ "$expected" != "$actual" ]; then
  echo "::error title=postlint::$url/$name.tar.gz: SHA-256 $actual, but the release says $expected"
  exit 1
fi

# A relative archive name: GNU tar on Windows reads `D:\...` as a remote host.
tar -xzf "$name.tar.gz"
mkdir -p "$root/bin"
for exe in postlint postlint.exe; do
  if [ -f "$name/$exe" ]; then
    mv "$name/$exe" "$root/bin/$exe"
    chmod +x "$root/bin/$exe"
  fi
done
got=$("$root/bin/postlint" --version)
if [ "$got" != "postlint $version" ]; then
  echo "::error title=postlint::$name.tar.gz holds $got, not postlint $version"
  exit 1
fi
{
  echo "bin=$native_root/bin"
  echo "installed=true"
} >> "$GITHUB_OUTPUT"
echo "$got: the release binary for $target"
