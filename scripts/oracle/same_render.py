#!/usr/bin/env python3
"""Whether two renderings of a page show the same thing: the comparison behind `render_identical`.

    same_render.py BEFORE.html AFTER.html     exit 0 when they render the same, 1 (with a diff) if not

Both files come from the same generator, before and after `postlint --fix`. They are compared
after normalising only what a browser does not show:

- `<br>`, `<br/>`, `<br />`, `</br>` (any case) are one element;
- HTML comments (Hugo writes `<!-- raw HTML omitted -->` where it drops a tag) show nothing;
- runs of blanks are one blank, and blanks next to a block tag show nothing (outside `<pre>`);
- a `<br>` after inline content and right before a block starts or ends shows nothing (one `<br>`
  only: in `a<br><br></p>` the first still makes an empty line).

Nothing else is forgiven: text, tags, attributes and ids must be equal.
"""

import difflib
import re
import sys

BLOCK = r"(?:p|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|div|table|thead|tbody|tr|td|th|pre|hr|figure|section|details|summary)"
BR = re.compile(r"<\s*/?\s*br\b[^<>]*?/?\s*>", re.IGNORECASE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)
BLANKS = re.compile(r"\s+")
AROUND_BLOCK = re.compile(r"\s*(</?" + BLOCK + r"\b[^<>]*>)\s*", re.IGNORECASE)
FINAL_BR = re.compile(r"<br>(?=\s*</?" + BLOCK + r"\b)", re.IGNORECASE)
BLOCK_TAG_END = re.compile(r"</?" + BLOCK + r"\b[^<>]*>$", re.IGNORECASE)


def drop_final_brs(part):
    """Drops a `<br>` right before a block tag when inline content precedes it: it ends a line
    that has something on it, so it draws nothing. A `<br>` after a block tag, after another
    `<br>` or at the start stands on a line of its own (an empty line) and is kept."""

    def keep_or_drop(match):
        before = part[: match.start()].rstrip()
        if not before or before.endswith("<br>") or BLOCK_TAG_END.search(before):
            return match.group(0)
        return ""

    return FINAL_BR.sub(keep_or_drop, part)


def normalise(html):
    parts = PRE.split(html)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:  # inside <pre>: blanks are content
            out.append(BR.sub("<br>", part))
            continue
        part = COMMENT.sub("", part)
        part = BR.sub("<br>", part)
        part = BLANKS.sub(" ", part)
        part = AROUND_BLOCK.sub(r"\1", part)
        part = drop_final_brs(part)
        out.append(part)
    text = "".join(out)
    # Blocks split again so that a failing comparison prints a readable diff.
    return AROUND_BLOCK.sub(r"\n\1", text).strip()


def same(before, after):
    return normalise(before) == normalise(after)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        before = normalise(f.read())
    with open(sys.argv[2], encoding="utf-8") as f:
        after = normalise(f.read())
    if before == after:
        return 0
    sys.stdout.writelines(
        difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), "before", "after", n=2
        )
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
