#!/usr/bin/env python3
"""Times postlint on single hostile posts at 1x, 10x and 100x sizes (issue 18's table).

    benches/hostile.py                      # every case, sizes 1x 10x 100x, release binary
    benches/hostile.py --cases keys,br-fix  # some cases
    benches/hostile.py --scales 1,10        # smaller sizes only

Each case writes a throwaway site with one post to a temporary folder, runs the binary on it
once (file cache warm after the write) and prints a markdown table of its wall time and CPU
time (user + system), each also per 1x unit, so near-linear growth reads as a flat column. On a
shared machine the CPU time is the steadier of the two. Python 3 standard library only. See
benches/README.md.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def docusaurus_site(site):
    write(os.path.join(site, "docusaurus.config.js"), "export default {};\n")


def keys(site, n):
    """One Docusaurus post whose front matter has n distinct keys."""
    docusaurus_site(site)
    lines = ["---", "title: many keys"]
    lines += [f"key_{i:07d}: value {i}" for i in range(n)]
    lines += ["---", "", "Body.", ""]
    write(os.path.join(site, "blog/2024-01-01-keys.md"), "\n".join(lines))
    return []


def liquid_comments(site, n):
    """One Jekyll post with n `{% comment %}` tags that are never closed."""
    write(os.path.join(site, "_config.yml"), "title: x\n")
    body = "".join(f"text {i} {{% comment %}}\n" for i in range(n))
    write(os.path.join(site, "_posts/2024-01-01-comments.md"), "---\ntitle: c\n---\n" + body)
    return []


def hugo_highlights(site, n):
    """One Hugo page with n `{{< highlight >}}` shortcodes that are never closed."""
    write(os.path.join(site, "hugo.toml"), "title = 'x'\n")
    body = "".join(f"text {i} {{{{< highlight go >}}}}\n" for i in range(n))
    write(os.path.join(site, "content/posts/highlights.md"), "---\ntitle: h\n---\n" + body)
    return []


def headings_fragments(site, n):
    """One Docusaurus post with n headings and n links to near-miss fragments."""
    docusaurus_site(site)
    parts = ["---\ntitle: anchors\n---\n"]
    parts += [f"## Section number {i:06d}\n\ntext\n\n" for i in range(n)]
    parts += [f"[link](#section-number-{i:06d}x)\n" for i in range(n)]
    write(os.path.join(site, "blog/2024-01-01-anchors.md"), "".join(parts))
    return []


def brs(site, n):
    """One Docusaurus post with n fixable `<br/>` (line end, paragraph goes on)."""
    docusaurus_site(site)
    body = "".join(f"line {i}<br/>\nnext line\n\n" for i in range(n))
    write(os.path.join(site, "blog/2024-01-01-br.md"), "---\ntitle: br\n---\n" + body)
    return []


def br_paragraph(site, n):
    """One Docusaurus post whose single paragraph has n lines ending in a fixable `<br/>`."""
    docusaurus_site(site)
    body = "".join(f"line {i}<br/>\n" for i in range(n))
    write(os.path.join(site, "blog/2024-01-01-br.md"), "---\ntitle: br\n---\n" + body)
    return []


# name: (generator, 1x size, extra postlint arguments)
CASES = {
    "keys": (keys, 2_000, []),
    "liquid-comment": (liquid_comments, 1_200, []),
    "hugo-highlight": (hugo_highlights, 600, []),
    "anchors": (headings_fragments, 200, []),
    "br-diff": (brs, 1_600, ["--diff"]),
    "br-fix": (brs, 1_600, ["--fix"]),
    "br-paragraph-fix": (br_paragraph, 1_600, ["--fix"]),
}


def run_case(binary, name, scale, timeout):
    generate, unit, extra = CASES[name]
    n = unit * scale
    site = tempfile.mkdtemp(prefix=f"postlint-hostile-{name}-")
    try:
        generate(site, n)
        size = sum(
            os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(site) for f in fs
        )
        cmd = [binary, "--format", "json", "--quiet", *extra, site]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  timeout=timeout, cwd=site)
        except subprocess.TimeoutExpired:
            return n, size, None, None, "timeout"
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        status = f"exit {proc.returncode}"
        if proc.returncode not in (0, 1):
            status += ": " + proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1][:80]
        return n, size, wall, cpu, status
    finally:
        shutil.rmtree(site, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.environ.get(
        "POSTLINT_BIN", os.path.join(ROOT, "target/release/postlint")))
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    args = parser.parse_args()
    names = [c for c in args.cases.split(",") if c]
    for c in names:
        if c not in CASES:
            sys.exit(f"unknown case {c!r}; known: {', '.join(CASES)}")
    scales = [int(s) for s in args.scales.split(",") if s]
    if not os.access(args.bin, os.X_OK):
        sys.exit(f"{args.bin} not found: build it (cargo build --release) or pass --bin")

    print("| case | scale | n | post bytes | wall | wall per 1× | CPU | CPU per 1× | result |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name in names:
        for scale in scales:
            n, size, wall, cpu, status = run_case(args.bin, name, scale, args.timeout)
            if wall is None:
                cells = f"> {args.timeout:.0f} s | – | – | – "
            else:
                cells = (f"{wall:.3f} s | {wall / scale * 1e3:.1f} ms | "
                         f"{cpu:.3f} s | {cpu / scale * 1e3:.1f} ms ")
            print(f"| {name} | {scale}× | {n} | {size} | {cells}| {status} |", flush=True)


if __name__ == "__main__":
    main()
