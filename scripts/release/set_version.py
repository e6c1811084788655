#!/usr/bin/env python3
"""Sets postlint's version everywhere it is written, from one place: the release workflow.

Cargo.toml is the source of truth (maturin reads the wheel's version from it); this script
writes the same version into Cargo.lock, the npm launcher and its platform dependencies, the
pre-commit mirror's dependency pin, and every install snippet in the docs (`rev: vX.Y.Z`,
`postlint/postlint@vX.Y.Z`, `postlint==X.Y.Z`, `releases/download/vX.Y.Z`). tests/release.rs checks that they agree.

With --release it also readies the tree for the release commit: removes the notes that say no
release exists yet (`<!-- unreleased -->` … `<!-- /unreleased -->` blocks in Markdown) and writes
action/released.env, the record that lets the Action download this release's binaries instead of
building when the source it runs from is this release's.

usage: set_version.py VERSION [--release]
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")

# Files whose install snippets name the version.
SNIPPET_FILES = [
    "README.md",
    "docs/pre-commit.md",
    "docs/github-actions.md",
    "docs/install.md",
    "pre-commit-mirror/README.md",
    ".pre-commit-hooks.yaml",
]
UNRELEASED = re.compile(r"\n?<!-- unreleased -->.*?<!-- /unreleased -->\n?", re.DOTALL)


def current_version() -> str:
    text = (REPO / "Cargo.toml").read_text()
    match = re.search(r'(?m)^version = "([^"]+)"', text)
    if not match:
        raise SystemExit("Cargo.toml: no package version")
    return match.group(1)


def replace(path: Path, pattern: str, replacement: str, count_at_least: int = 1) -> None:
    text = path.read_text()
    new, n = re.subn(pattern, replacement, text)
    if n < count_at_least:
        raise SystemExit(f"{path.relative_to(REPO)}: `{pattern}` not found")
    path.write_text(new)


def set_version(old: str, new: str) -> None:
    o = re.escape(old)
    replace(REPO / "Cargo.toml", rf'(?m)^version = "{o}"', f'version = "{new}"')
    replace(
        REPO / "Cargo.lock",
        rf'(\[\[package\]\]\nname = "postlint"\nversion = )"{o}"',
        rf'\g<1>"{new}"',
    )

    npm = REPO / "npm" / "postlint" / "package.json"
    package = json.loads(npm.read_text())
    package["version"] = new
    package["optionalDependencies"] = {name: new for name in package["optionalDependencies"]}
    npm.write_text(json.dumps(package, indent=2) + "\n")

    mirror = REPO / "pre-commit-mirror" / "pyproject.toml"
    replace(mirror, rf'(?m)^version = "{o}"', f'version = "{new}"')
    replace(mirror, rf'"postlint=={o}"', f'"postlint=={new}"')

    for name in SNIPPET_FILES:
        path = REPO / name
        if path.exists():
            text = path.read_text()
            text = re.sub(rf"(rev: |postlint/postlint@|releases/download/)v{o}\b", rf"\g<1>v{new}", text)
            text = re.sub(rf"postlint=={o}\b", f"postlint=={new}", text)
            path.write_text(text)


def ready_release(version: str) -> None:
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = path.read_text()
        stripped = UNRELEASED.sub("\n", text)
        if stripped != text:
            path.write_text(stripped)
    source = subprocess.run(
        ["bash", str(REPO / "action" / "source-hash.sh"), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    cargo = (REPO / "Cargo.toml").read_text()
    repository = re.search(r'(?m)^repository = "([^"]+)"', cargo)
    if not repository:
        raise SystemExit("Cargo.toml: no repository")
    (REPO / "action" / "released.env").write_text(
        "# Written by scripts/release/set_version.py --release: the postlint source with this hash\n"
        "# is released, and the Action downloads its binaries from url.\n"
        f"version={version}\n"
        f"source={source}\n"
        f"url={repository.group(1)}/releases/download/v{version}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("version")
    parser.add_argument("--release", action="store_true")
    args = parser.parse_args()
    version = args.version.removeprefix("v")
    if not SEMVER.match(version):
        print(f"`{args.version}` is not a version like 1.2.3", file=sys.stderr)
        return 2
    old = current_version()
    if old != version:
        set_version(old, version)
    if args.release:
        ready_release(version)
    print(f"postlint {old} -> {version}" + (" (release)" if args.release else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
