"""Facts about one page, taken from Hugo's built HTML: heading ids, references and whether they
resolve in `public/`, and `<br>` elements with where goldmark put them.
"""

import re
import unicodedata
from urllib.parse import unquote, urljoin, urlsplit

import htmltree

EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
HEADING_LINE = re.compile(r"^\s{0,3}(?:>\s?)*\s{0,3}(#{1,6})(?:\s+|$)(.*)$")
SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
CUSTOM_ID = re.compile(r"\{#([^}\s]+)[^}]*\}\s*$")
TAG = re.compile(r"<[^>]*>")
LINK_DEST = re.compile(r"\]\([^)]*\)")
INLINE_TAGS = {"a", "abbr", "b", "cite", "code", "del", "em", "i", "kbd", "mark", "q", "s",
               "small", "span", "strong", "sub", "sup", "u"}
PROSE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}
BLOCKS = {"blockquote", "div", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol",
          "p", "pre", "section", "table", "ul"}
END_BR = re.compile(r"</br( +)>", re.I)


def normalise_text(text):
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text.lower() if ch.isalnum())


def body_of(html):
    return htmltree.parse(html)


# --- headings -------------------------------------------------------------------------------

def heading_ids(tree, marked_tree, source):
    """Every heading id goldmark (or a shortcode's Markdown) gave, with its source line."""
    headings = [e for e in tree.iter() if e.tag in htmltree.HEADINGS]
    marked = [e for e in marked_tree.iter() if e.tag in htmltree.HEADINGS]
    raw = [("data-oracle-raw" in e.attrs) for e in marked] if len(marked) == len(headings) else None
    candidates = heading_lines(source)
    records = []
    last = 0
    for index, heading in enumerate(headings):
        if "id" not in heading.attrs or (raw and raw[index]):
            continue
        hid = heading.attrs["id"]
        line = None
        for number, text, custom in candidates:
            if number <= last:
                continue
            if custom == hid or (custom is None and normalise_text(text) == normalise_text(heading.text())):
                line = number
                break
        if line is None:
            line = shortcode_line_after(source, last)
        else:
            last = line
        records.append({"line": line, "id": hid})
    return records


def heading_lines(source):
    lines = list(source.body_lines())
    found = []
    for i, (number, text) in enumerate(lines):
        match = HEADING_LINE.match(text)
        if match:
            found.append((number, *heading_text(match.group(2))))
        elif i + 1 < len(lines) and text.strip() and SETEXT.match(lines[i + 1][1]) \
                and not text.lstrip().startswith(("-", "*", "|", ">")):
            found.append((number, *heading_text(text)))
    return found


def heading_text(text):
    custom = CUSTOM_ID.search(text)
    if custom:
        text = text[: custom.start()]
    text = re.sub(r"\s#+\s*$", "", text)
    text = LINK_DEST.sub("]", TAG.sub("", text))
    return text, (custom.group(1) if custom else None)


def shortcode_line_after(source, last):
    """A heading the source does not spell out came from a shortcode: the first call after `last`."""
    for number, text in source.body_lines():
        if number > last and ("{{%" in text or "{{<" in text):
            return number
    return last or source.body_first_line


# --- references -----------------------------------------------------------------------------

class Resolver:
    """Resolves a URL against the built site the way a browser and a static file server do."""

    def __init__(self, public, base_url):
        self.public = public
        split = urlsplit(base_url)
        self.origin = f"{split.scheme}://{split.netloc}"
        self.ids = {}

    def local(self, target):
        if target.startswith(self.origin + "/") or target == self.origin:
            return True
        return not EXTERNAL.match(target)

    def resolve(self, page_url, target, kind):
        """(ok, broken) for `target` written on the page served at `page_url`."""
        absolute = urljoin(self.origin + page_url, target)
        split = urlsplit(absolute)
        path = unquote(split.path) or "/"
        fragment = unquote(split.fragment)
        file = self.file_for(path)
        if file is None:
            last = path.rstrip("/").rsplit("/", 1)[-1]
            is_file = kind == "image" or ("." in last and not path.endswith("/")
                                          and not last.endswith(".html"))
            return False, ("file" if is_file else "page")
        if fragment and file.suffix == ".html" and fragment not in self.ids_of(file):
            return False, "anchor"
        return True, None

    def file_for(self, path):
        candidate = self.public / path.lstrip("/")
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def ids_of(self, file):
        if file not in self.ids:
            tree = htmltree.parse(file.read_text(encoding="utf-8"))
            self.ids[file] = {e.attrs["id"] for e in tree.iter() if e.attrs.get("id")}
        return self.ids[file]


class LineFinder:
    """Finds the source line of a reference by its target and its label, each use of a text on
    a line being taken once, so repeated targets map to successive lines."""

    def __init__(self, source):
        self.lines = list(source.body_lines())
        self.used = {}

    def find(self, candidates):
        """The first line where every pattern of the first matching candidate is still unused."""
        for patterns in candidates:
            if any(p is None for p in patterns):
                continue
            for number, text in self.lines:
                if all(self.available(number, text, p) > 0 for p in patterns):
                    for p in patterns:
                        self.used[(number, p.pattern)] = self.used.get((number, p.pattern), 0) + 1
                    return number
        return None

    def available(self, number, text, pattern):
        return len(pattern.findall(text)) - self.used.get((number, pattern.pattern), 0)


TARGET_PREFIX = r"(?:\]\(\s*<?|\]:\s*<?|=\s*[\"']?|<|\"|\()"
TARGET_END = r"(?=[\s)\"'>]|$)"


def target_pattern(target):
    return re.compile(TARGET_PREFIX + re.escape(target) + TARGET_END) if target else None


def definition_pattern(target):
    """The target written in a reference definition (`[label]: target`)."""
    return re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?" + re.escape(target) + TARGET_END) if target else None


def label_pattern(label):
    return re.compile(r"\[" + re.escape(label) + r"\]") if label else None


def references(tree, source, page_url, resolver):
    finder = LineFinder(source)
    records = []
    for element in tree.iter():
        if element.tag == "a" and element.attrs.get("href"):
            kind, target, label = "link", element.attrs["href"], element.text().strip()
        elif element.tag == "img" and element.attrs.get("src"):
            kind, target, label = "image", element.attrs["src"], element.attrs.get("alt", "")
        else:
            continue
        if not resolver.local(target):
            continue
        path_only = target[len(resolver.origin):] if target.startswith(resolver.origin) else None
        targets = [target_pattern(t) for t in (target, unquote(target), path_only)]
        label_re = label_pattern(label)
        definitions = [definition_pattern(t) for t in (target, unquote(target), path_only)]
        # A reference link's target is written in its definition; a render hook or shortcode
        # rewrites targets, so otherwise the label comes before a target alone.
        line = finder.find([[t, label_re] for t in targets] + [[d] for d in definitions]
                           + [[label_re]] + [[t] for t in targets])
        if line is None:
            raise LookupError(f"no source line for {kind} `{target}` (text `{label}`)")
        ok, broken = resolver.resolve(page_url, target, kind)
        record = {"line": line, "kind": kind, "target": target, "ok": ok}
        if not ok:
            record["broken"] = broken
        records.append(record)
    return records


# --- <br> -----------------------------------------------------------------------------------

def unmark_end_tags(html):
    """`</br` + N+1 spaces + `>` (a numbered closing `</br>`) becomes a `<br>` carrying N."""
    return END_BR.sub(lambda m: f'<br data-oracle="{len(m.group(1)) - 1}">', html)


def br_records(marked_tree, br_lines, omitted):
    records = []
    for element in marked_tree.iter():
        if element.tag != "br" or "data-oracle" not in element.attrs:
            continue
        number = int(element.attrs["data-oracle"])
        context = "omitted" if omitted else br_context(element)
        records.append({"line": br_lines[number], "context": context})
    return records


def br_context(br):
    """Where goldmark put a `<br>` tag: Markdown prose, a table cell, or raw HTML it passed on."""
    node, child = br.parent, br
    while node.tag != "#root" and "data-oracle-raw" in node.attrs:
        node, child = node.parent, node
    if node.tag in ("td", "th"):
        return "table"
    if node.tag in PROSE:
        return "prose"
    if node.tag in INLINE_TAGS:
        return "prose" if inside_prose(node) else "html"
    if node.tag == "li":
        return "prose" if tight_text(node, child) else "html"
    return "html"


def inside_prose(node):
    while node.tag in INLINE_TAGS:
        node = node.parent
    return node.tag in PROSE or node.tag in ("td", "th", "li")


def tight_text(li, child):
    """Inline content sits directly in a tight list item, before any block the item holds."""
    if isinstance(child, htmltree.Element) and child is not None and child.tag in BLOCKS \
            and "data-oracle" not in child.attrs:
        return False
    for sibling in li.children:
        if sibling is child:
            return True
        if isinstance(sibling, htmltree.Element) and sibling.tag in BLOCKS:
            return False
    return True
