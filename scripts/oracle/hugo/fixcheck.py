"""The fix facts: run `postlint --fix` on a copy of a site, build it again with Hugo, and compare
each changed post's page with the page built from the original.

Pages are judged by the shared `scripts/oracle/same_render.py` (the same judge as the Jekyll and
Docusaurus oracles), which compares them after normalising only what a browser does not show.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import same_render  # noqa: E402


def normalise(html):
    return same_render.normalise(html)


def run_fix(postlint, site):
    done = subprocess.run([str(postlint), "--fix", "--quiet", "--format", "json", str(site)],
                          capture_output=True, text=True, cwd=site)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"postlint --fix failed on {site}:\n{done.stderr}")


def html_of(public, permalink):
    if not permalink:
        return None
    url = unquote(urlsplit(permalink).path) or "/"
    path = public / url.lstrip("/")
    path = path / "index.html" if url.endswith("/") else path
    return path.read_text(encoding="utf-8") if path.is_file() else None


def fix_facts(site_facts, postlint, fixed):
    """path -> {after_sha256, render_identical} for every post postlint's fixes changed."""
    shutil.copytree(site_facts.site, fixed)
    run_fix(postlint, fixed)
    changed = [p for p in site_facts.posts
               if (fixed / p).read_bytes() != (site_facts.site / p).read_bytes()]
    if not changed:
        return {}
    for path in site_facts.set_aside:
        (fixed / path).unlink()
    public = fixed.parent / "fixed-public"
    site_facts.hugo.build(fixed, public)
    listing = site_facts.hugo.pages(fixed)
    result = {}
    for path in changed:
        before_row = site_facts.listing.get(path) or {}
        after_row = listing.get(path) or {}
        before = html_of(site_facts.public, before_row.get("permalink"))
        after = html_of(public, after_row.get("permalink"))
        identical = (before is None and after is None) or (
            before is not None and after is not None and normalise(before) == normalise(after))
        result[path] = {"after_sha256": hashlib.sha256((fixed / path).read_bytes()).hexdigest(),
                        "render_identical": identical}
    return result


def dump(document):
    """Format 1 layout: two-space indent, one line per record, keys in their fixed order."""
    def inline(value):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    out = ["{", f'  "format": {document["format"]},', f'  "generator": {inline(document["generator"])},',
           f'  "tools": {inline(document["tools"])},', '  "pages": [']
    for i, page in enumerate(document["pages"]):
        out.append("    {")
        fields = []
        for key in ("path", "rendered", "url", "date"):
            fields.append(f"      {inline(key)}: {inline(page[key])}")
        for key in ("heading_ids", "br", "refs", "front_matter", "errors"):
            records = page[key]
            if not records:
                fields.append(f"      {inline(key)}: []")
            else:
                body = ",\n".join(f"        {inline(r)}" for r in records)
                fields.append(f"      {inline(key)}: [\n{body}\n      ]")
        fields.append(f'      "fix": {inline(page["fix"])}')
        out.append(",\n".join(fields))
        out.append("    }" + ("," if i + 1 < len(document["pages"]) else ""))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"
