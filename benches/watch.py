#!/usr/bin/env python3
"""Times `postlint --watch` from a save to the printed result on a generated site.

Starts `postlint --watch --format compact` in the site, waits for the first lint, then for each
kind of change saves a file and times until the summary line of the run it starts. Each change
is undone by the next save, which is timed too. Prints a markdown table (median, min, max in
milliseconds) and, when postlint prints one, what it says it checked again.

    benches/gen-site.py --posts 10000 --out /tmp/b10k
    benches/watch.py --postlint target/release/postlint --site /tmp/b10k --reps 5
"""

import argparse
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

POSTS_FOLDERS = ["blog", "_posts", "content/blog", "content/posts"]
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings? in ")


def reader(stream, lines):
    for line in iter(stream.readline, ""):
        lines.put(line.rstrip("\n"))
    lines.put(None)


def posts_folder(site):
    for folder in POSTS_FOLDERS:
        if os.path.isdir(os.path.join(site, folder)):
            return os.path.join(site, folder)
    sys.exit(f"no posts folder ({', '.join(POSTS_FOLDERS)}) in {site}")


def a_post_with_heading(folder):
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.endswith((".md", ".mdx")) and os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if re.search(r"^## ", text, re.M):
                return path, text
    sys.exit(f"no post with a `## ` heading in {folder}")


def static_folder(site):
    for folder in ["static/img", "static", "assets/images", "assets", "static/images"]:
        if os.path.isdir(os.path.join(site, folder)):
            return os.path.join(site, folder)
    return site


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def changes(site):
    """Each kind of change: (name, do, undo)."""
    post, text = a_post_with_heading(posts_folder(site))
    heading = re.search(r"^## .*$", text, re.M).group(0)
    fence = text[:3]
    key = "\nkeywords = ['bench']" if fence == "+++" else "\nkeywords: [bench]"
    front_end = text.find("\n" + fence, 3)
    new_post = os.path.join(os.path.dirname(post), "2031-01-01-watch-bench.md")
    image = os.path.join(static_folder(site), "watch-bench.png")
    return [
        (
            "prose edited",
            lambda: write(post, text + "\nA paragraph the benchmark adds.\n"),
            lambda: write(post, text),
        ),
        (
            "heading reworded",
            lambda: write(post, text.replace(heading, "## Reworded by the benchmark", 1)),
            lambda: write(post, text),
        ),
        (
            "front matter edited",
            lambda: write(post, text[:front_end] + key + text[front_end:]),
            lambda: write(post, text),
        ),
        (
            "post created / deleted",
            lambda: write(new_post, "---\ntitle: Bench\n---\n\nA new post.\n"),
            lambda: os.remove(new_post),
        ),
        (
            "image added / deleted",
            lambda: write(image, "png"),
            lambda: os.remove(image),
        ),
    ]


def wait_for_summary(lines, timeout):
    """The lines of one run, up to its summary; None on timeout or exit."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is None:
            return None
        seen.append(line)
        if SUMMARY.match(line):
            return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postlint", default="target/release/postlint")
    parser.add_argument("--site", required=True)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    site = os.path.abspath(args.site)
    postlint = os.path.abspath(args.postlint)

    env = dict(os.environ, NO_COLOR="1")
    env.pop("POSTLINT_FORMAT", None)
    started = time.monotonic()
    child = subprocess.Popen(
        [postlint, "--watch", "--format", "compact"],
        cwd=site,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    out, err = queue.Queue(), queue.Queue()
    threading.Thread(target=reader, args=(child.stdout, out), daemon=True).start()
    threading.Thread(target=reader, args=(child.stderr, err), daemon=True).start()
    try:
        while True:
            line = err.get(timeout=args.timeout)
            if line is None:
                sys.exit("postlint exited before watching")
            if line.startswith("watching "):
                break
        first = time.monotonic() - started
        # The first lint's findings are on standard output already; drop them.
        time.sleep(0.5)
        while not out.empty():
            out.get()
        print(f"first lint: {first * 1000:.0f} ms", file=sys.stderr)
        rows = []
        for name, do, undo in changes(site):
            times, inside, rechecked = [], [], set()
            for _ in range(args.reps):
                for step in (do, undo):
                    time.sleep(0.3)
                    t0 = time.monotonic()
                    step()
                    run = wait_for_summary(out, args.timeout)
                    if run is None:
                        sys.exit(f"{name}: no result within {args.timeout} s")
                    times.append((time.monotonic() - t0) * 1000)
                    for line in run:
                        found = re.match(r"(re-checked .*) in (\d+) ms$", line)
                        if found:
                            rechecked.add(found.group(1))
                            inside.append(int(found.group(2)))
            rows.append((name, times, inside, sorted(rechecked)))
    finally:
        child.kill()
        child.wait()

    print("| change | save → result, median ms | min | max | of which lint, median ms | checked again |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for name, times, inside, rechecked in rows:
        lint = f"{statistics.median(inside):.0f}" if inside else "–"
        print(
            f"| {name} | {statistics.median(times):.0f} | {min(times):.0f} | {max(times):.0f} "
            f"| {lint} | {'; '.join(rechecked) or 'whole site'} |"
        )


if __name__ == "__main__":
    main()
