"""The fix facts: run `postlint --fix` on a copy of a site, build it again with Hugo, and compare
each changed post's page with the page built from the original.

Pages are compared after normalising what a browser draws the same way:
- every `<br>` spelling (`<br>`, `<br/>`, `<br />`, `</br>`, any case) is one `<br>`, and the
  white space around it goes (it is not shown next to a forced line break; the fixture layouts
  hold no `<pre>` around a `<br>`), as does white space next to the start or end tag of a block
  other than `<pre>` (`x\n<ul>` is `x<ul>`);
- a `<br>` that ends a line which already has content, directly before the start or end of a
  block (`x<br></p>`, `x<br><ul>`), is dropped: it ends a line that ends there anyway, so it
  draws nothing. One after another `<br>` (`x<br><br></p>`) or alone between blocks
  (`</p><br><div>`) draws an empty line and stays.
"""

import hashlib
import json
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

BR = re.compile(r"\s*<\s*/?\s*br\b[^>]*>\s*", re.I)
BLOCK = ("address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|"
         "header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul")
BR_BEFORE_BLOCK = re.compile(rf"<br>(?=</?(?:{BLOCK})\b)")
SPACE_BEFORE_BLOCK = re.compile(rf"\s+(?=</?(?:{BLOCK.replace('pre|', '')})\b)")
SPACE_AFTER_BLOCK = re.compile(rf"(</?(?:{BLOCK.replace('pre|', '')})\b[^<>]*>)\s+")
INLINE_TAG_BEFORE = re.compile(r"</?(?:a|abbr|b|cite|code|del|em|i|kbd|mark|q|s|small|span|strong|"
                               r"sub|sup|u)\b[^<>]*>$")


def normalise(html):
    html = block_space(BR.sub("<br>", html))
    html = BR_BEFORE_BLOCK.sub(lambda m: "" if ends_content(html, m.start()) else m.group(0), html)
    return block_space(html)


def block_space(html):
    return SPACE_AFTER_BLOCK.sub(r"\1", SPACE_BEFORE_BLOCK.sub("", html))


def ends_content(html, end):
    """Whether the line that a `<br>` at `end` would end already holds something drawn."""
    before = html[:end]
    while True:
        inline = INLINE_TAG_BEFORE.search(before)
        if not inline:
            break
        before = before[: inline.start()]
    if not before:
        return False
    if before.endswith(">"):
        return re.search(r"<img\b[^<>]*>$", before) is not None
    return True


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
