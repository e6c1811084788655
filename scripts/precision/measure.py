#!/usr/bin/env python3
"""Precision and recall of `undefined-reference` over a folder written by gen-bracket-posts.py.

    measure.py DIR [POSTLINT]
"""

import json
import os
import subprocess
import sys


def main():
    folder = sys.argv[1]
    postlint = sys.argv[2] if len(sys.argv) > 2 else "postlint"
    with open(os.path.join(folder, "truth.json"), encoding="utf-8") as f:
        truth = {(name, line) for name, lines in json.load(f).items() for line in lines}
    run = subprocess.run(
        [postlint, "--preset", "none", "--select", "undefined-reference", "--format", "json", "."],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    found = {
        (os.path.basename(d["path"]), d["line"])
        for d in json.loads(run.stdout)["diagnostics"]
        if d["rule"] == "undefined-reference"
    }
    hits = found & truth
    precision = len(hits) / len(found) if found else 1.0
    recall = len(hits) / len(truth) if truth else 1.0
    print(f"reported {len(found)}, real mistakes {len(truth)}, caught {len(hits)}: "
          f"precision {precision:.1%}, recall {recall:.1%}")
    for name, line in sorted(found - truth)[:10]:
        print(f"  false alarm: {name}:{line}")
    for name, line in sorted(truth - found)[:10]:
        print(f"  missed: {name}:{line}")


if __name__ == "__main__":
    main()
