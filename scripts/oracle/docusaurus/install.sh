#!/usr/bin/env bash
# Installs the real Docusaurus 3 (core, classic preset, blog and docs plugins, mdx-loader) from
# npm at the exact versions of package-lock.json, into node_modules/ here (ignored by git).
# Idempotent: does nothing when node_modules already matches the lock file.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "install.sh: Docusaurus 3 needs Node 18 or newer, found $(node --version)" >&2
  exit 1
fi

stamp=node_modules/.postlint-oracle-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
# `npm ci` trips over the platform-specific optional packages of @swc/html (an npm bug with
# lock files); `npm install` with the committed lock file installs the same versions.
npm install --no-audit --no-fund --no-save --loglevel=error
cp package-lock.json "$stamp"
node -e '
  const v = (p) => require(`./node_modules/${p}/package.json`).version;
  for (const p of ["@docusaurus/core", "@docusaurus/mdx-loader", "@docusaurus/plugin-content-blog", "@mdx-js/mdx"]) console.log(`${p} ${v(p)}`);
  console.log(`node ${process.versions.node}`);
'
