#!/usr/bin/env node
// Runs the prebuilt postlint binary that npm installed for this machine: each platform's binary is
// in its own package (`@postlint/cli-<os>-<cpu>[-musl]`), an optional dependency that npm installs
// only where its `os`, `cpu` and `libc` match, as biome and esbuild do.
"use strict";

const { spawnSync } = require("node:child_process");
const platforms = require("../platforms.json");

const SCOPE = "@postlint/cli-";

/** musl (Alpine) or glibc: Node reports the glibc version it runs on, and none under musl. */
function isMusl() {
  if (process.platform !== "linux") {
    return false;
  }
  try {
    return !process.report.getReport().header.glibcVersionRuntime;
  } catch {
    return false;
  }
}

/** The platform keys to try, best first: a static musl binary also runs on glibc. */
function platformKeys() {
  const base = `${process.platform}-${process.arch}`;
  const keys = isMusl() ? [`${base}-musl`] : [base, `${base}-musl`];
  return keys.filter((key) => key in platforms);
}

function binaryName(key) {
  return platforms[key].os === "win32" ? "postlint.exe" : "postlint";
}

function fail(message) {
  process.stderr.write(`postlint: ${message}\n`);
  process.exit(2);
}

function findBinary() {
  if (process.env.POSTLINT_BINARY) {
    return process.env.POSTLINT_BINARY;
  }
  const keys = platformKeys();
  if (keys.length === 0) {
    const libc = isMusl() ? " (musl)" : "";
    const supported = Object.keys(platforms).join(", ");
    fail(
      `no prebuilt binary for ${process.platform}-${process.arch}${libc}; there are ` +
        `binaries for ${supported}.\n` +
        "Build it with `cargo install --locked postlint` and set POSTLINT_BINARY to its path."
    );
  }
  for (const key of keys) {
    try {
      return require.resolve(`${SCOPE}${key}/${binaryName(key)}`);
    } catch {
      // not installed: try the next key
    }
  }
  fail(
    `the package ${SCOPE}${keys[0]}, which holds the binary for this platform, is not ` +
      "installed.\nnpm leaves it out when optional dependencies are omitted (--omit=optional, " +
      "--no-optional) or when package-lock.json was made on another platform without it: " +
      "reinstall with optional dependencies (`npm install --include=optional`)."
  );
}

const binary = findBinary();
const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  fail(`cannot run ${binary}: ${result.error.message}`);
}
if (result.signal) {
  // Die of the same signal, so that the caller sees what happened to postlint.
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
