#!/usr/bin/env python3
"""The rendered-identical check for `postlint --fix` on a generated 2,000-post Hugo site.

Generates the posts (scripts/oracle/gen-br-site.py) into a temporary copy of the hugo-br
fixture's config and layouts, builds it, runs `postlint --fix`, builds it again and compares
each changed page. Only the summary is committed.

    br2000.py --hugo BIN --tools VERSIONS_JSON --postlint BIN --out SUMMARY_JSON
"""

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixcheck  # noqa: E402
from extract import SiteFacts, tools  # noqa: E402
from hugo import Hugo  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
POSTS, PARAGRAPHS, SEED = 2000, 60, 7
EXAMPLES = 3


def generate(site):
    template = ROOT / "fixtures/oracle/hugo-br"
    site.mkdir()
    shutil.copy(template / "hugo.toml", site / "hugo.toml")
    shutil.copytree(template / "layouts", site / "layouts")
    subprocess.run([sys.executable, str(ROOT / "scripts/oracle/gen-br-site.py"), "--dialect",
                    "commonmark", "--layout", "hugo", "--posts", str(POSTS), "--paragraphs",
                    str(PARAGRAPHS), "--seed", str(SEED), "--out", str(site / "content/posts")],
                   check=True)


def example(site_facts, path, public_after):
    permalink = site_facts.listing[path]["permalink"]
    before = fixcheck.normalise(fixcheck.html_of(site_facts.public, permalink) or "")
    after = fixcheck.normalise(fixcheck.html_of(public_after, permalink) or "")
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), "before", "after",
                                n=0, lineterm="")
    return {"path": path, "diff": [line for line in diff][2:12]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hugo", required=True)
    parser.add_argument("--tools", required=True)
    parser.add_argument("--postlint", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oracle-hugo-br2000-") as tmp:
        work = Path(tmp)
        generate(work / "generated")
        (work / "run").mkdir()
        site_facts = SiteFacts(Hugo(args.hugo), work / "generated", work / "run")
        fixes = fixcheck.fix_facts(site_facts, args.postlint.resolve(), work / "run" / "fixed")
        differing = sorted(p for p, f in fixes.items() if not f["render_identical"])
        summary = {
            "generator": "hugo",
            "tools": tools(args.tools),
            "command": f"gen-br-site.py --dialect commonmark --layout hugo --posts {POSTS} "
                       f"--paragraphs {PARAGRAPHS} --seed {SEED}",
            "posts": POSTS,
            "paragraphs": POSTS * PARAGRAPHS,
            "files_fixed": len(fixes),
            "identical": len(fixes) - len(differing),
            "differing": len(differing),
            "examples": [example(site_facts, p, work / "run" / "fixed-public")
                         for p in differing[:EXAMPLES]],
        }
    args.out.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {summary['files_fixed']} fixed, {summary['differing']} differing")


if __name__ == "__main__":
    main()
