#!/usr/bin/env python3
"""Lays out the npm packages of a release, ready for `npm pack` / `npm publish`.

    OUT/postlint/             the package users install: the launcher (npm/postlint/)
    OUT/cli-<platform>/       @postlint/cli-<platform>: one prebuilt binary, with the `os`,
                              `cpu` and `libc` npm matches against the machine

The binaries come from the release archives (scripts/release/archive.sh); which archive goes to
which package is npm/postlint/platforms.json, the table the launcher reads too. The version is
the one in npm/postlint/package.json, which scripts/release/set_version.py keeps equal to
Cargo.toml's.

usage: npm_packages.py --archives DIR --out DIR [--platform KEY ...]
       (no --platform: every platform, and each archive must be there)
"""

import argparse
import json
import shutil
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAUNCHER = REPO / "npm" / "postlint"
SCOPE = "@postlint/cli-"
SHARED_FILES = ["LICENSE-MIT", "LICENSE-APACHE"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--archives", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--platform", action="append", default=[])
    args = parser.parse_args()

    platforms = json.loads((LAUNCHER / "platforms.json").read_text())
    launcher = json.loads((LAUNCHER / "package.json").read_text())
    version = launcher["version"]
    unknown = [key for key in args.platform if key not in platforms]
    if unknown:
        print(f"unknown platform {', '.join(unknown)}; known: {', '.join(platforms)}", file=sys.stderr)
        return 2
    wanted = args.platform or list(platforms)
    expected = {SCOPE + key: version for key in platforms}
    if launcher.get("optionalDependencies") != expected:
        print("npm/postlint/package.json: optionalDependencies must be exactly", file=sys.stderr)
        print(json.dumps(expected, indent=2), file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    main_dir = args.out / "postlint"
    if main_dir.exists():
        shutil.rmtree(main_dir)
    shutil.copytree(LAUNCHER, main_dir)
    for name in SHARED_FILES:
        shutil.copy(REPO / name, main_dir / name)

    for key in wanted:
        platform_package(key, platforms[key], version, launcher, args.archives, args.out)
    return 0


def platform_package(key, platform, version, launcher, archives: Path, out: Path) -> None:
    target = platform["target"]
    exe = "postlint.exe" if platform["os"] == "win32" else "postlint"
    archive = archives / f"postlint-{target}.tar.gz"
    if not archive.is_file():
        raise SystemExit(f"no release archive for {key}: {archive}")
    package_dir = out / f"cli-{key}"
    if package_dir.exists():
        shutil.rmtree(package_dir)
    package_dir.mkdir()
    with tarfile.open(archive) as tar:
        member = tar.getmember(f"postlint-{target}/{exe}")
        source = tar.extractfile(member)
        if source is None:
            raise SystemExit(f"{archive}: {member.name} is not a file")
        (package_dir / exe).write_bytes(source.read())
    (package_dir / exe).chmod(0o755)
    for name in SHARED_FILES:
        shutil.copy(REPO / name, package_dir / name)

    libc = f" ({platform['libc']})" if "libc" in platform else ""
    manifest = {
        "name": SCOPE + key,
        "version": version,
        "description": f"The postlint binary for {platform['os']} {platform['cpu']}{libc}: "
        "install `postlint`, which picks this package",
        "homepage": launcher["homepage"],
        "repository": launcher["repository"],
        "license": launcher["license"],
        "os": [platform["os"]],
        "cpu": [platform["cpu"]],
        "files": [exe, *SHARED_FILES],
        "preferUnplugged": True,
    }
    if "libc" in platform:
        manifest["libc"] = [platform["libc"]]
    (package_dir / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (package_dir / "README.md").write_text(
        f"# {SCOPE}{key}\n\nThe prebuilt `{exe}` of [postlint]({launcher['homepage']}) for "
        f"{platform['os']} {platform['cpu']}{libc}. Install `postlint` instead: it depends on "
        "this package on the machines it fits.\n"
    )


if __name__ == "__main__":
    sys.exit(main())
