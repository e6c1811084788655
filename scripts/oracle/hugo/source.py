"""What the extractor reads from a post's source text: its front matter, the lines of its body,
and the marked copy that lets each `<br>` tag be traced from the built HTML back to its line.

Hugo reports no source positions, so records find their line by their (unique) text here.
"""

import json
import re
import tomllib

import yaml

FRONT_MATTER = {
    "---": re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S),
    "+++": re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?\r?\n)?\+\+\+[ \t]*(?:\r?\n|\Z)", re.S),
}

# Goldmark reads `<br…>` as a raw HTML tag only without space after `<` (CommonMark's rule).
BR_OPEN = re.compile(r"<(br)(?=[\s/>])", re.I)
BR_CLOSE = re.compile(r"</br\s*>", re.I)
# Any other opening tag written in the post; not `{{<` (a shortcode delimiter).
RAW_OPEN = re.compile(r"(?<!\{)<(?!br[\s/>])([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])", re.I)


class Source:
    def __init__(self, text):
        self.text = text
        self.body_start = 0  # byte-free: a str index
        self.front_matter = {}
        self.front_matter_lines = {}  # top-level key -> line
        self._split_front_matter()
        self.lines = text.split("\n")
        self.body_first_line = text.count("\n", 0, self.body_start) + 1

    def _split_front_matter(self):
        text = self.text
        if text.startswith("{"):
            try:
                value, end = json.JSONDecoder().raw_decode(text)
            except ValueError:
                return
            self.front_matter = value if isinstance(value, dict) else {}
            self.body_start = end
            self._key_lines(text[:end], r'^\s*"([^"]+)"\s*:')
            return
        for fence, pattern in FRONT_MATTER.items():
            match = pattern.match(text)
            if not match:
                continue
            self.body_start = match.end()
            block = match.group(1) or ""
            try:
                value = yaml.safe_load(block) if fence == "---" else tomllib.loads(block)
            except Exception:  # the generator's own error is what gets recorded, not ours
                value = None
            self.front_matter = value if isinstance(value, dict) else {}
            key = r"^([^\s:#][^:]*?)\s*:" if fence == "---" else r"^([A-Za-z0-9_-]+)\s*="
            self._key_lines(text[: match.end()], key)
            return

    def _key_lines(self, block, pattern):
        regex = re.compile(pattern)
        for number, line in enumerate(block.split("\n"), start=1):
            match = regex.match(line)
            if match:
                self.front_matter_lines.setdefault(match.group(1).strip("\"'"), number)

    def line_of(self, index):
        return self.text.count("\n", 0, index) + 1

    def body_lines(self):
        """(line number, text) of every body line."""
        for number in range(self.body_first_line, len(self.lines) + 1):
            yield number, self.lines[number - 1]

    def marked(self):
        """The source with every `<br>` tag numbered and every other raw opening tag flagged.

        Returns (text, br_lines): `<br>` number N is `<br data-oracle="N"…>`, or for a closing
        `</br>` (which takes no attributes) `</br` followed by N+1 spaces; other tags gain a
        `data-oracle-raw` attribute, so the built HTML tells raw HTML from goldmark's own.
        None of this changes how goldmark splits blocks: a tag stays a complete tag.
        """
        head, body = self.text[: self.body_start], self.text[self.body_start :]
        br_lines = []
        pieces = []
        position = 0
        tags = sorted(
            [(m.start(), m.end(), "open", m) for m in BR_OPEN.finditer(body)]
            + [(m.start(), m.end(), "close", m) for m in BR_CLOSE.finditer(body)]
            + [(m.start(), m.end(), "raw", m) for m in RAW_OPEN.finditer(body)],
            key=lambda t: t[0],
        )
        for start, end, kind, match in tags:
            if start < position:
                continue
            pieces.append(body[position:start])
            if kind == "raw":
                pieces.append(f'<{match.group(1)} data-oracle-raw=""')
            else:
                number = len(br_lines)
                br_lines.append(self.line_of(self.body_start + start))
                if kind == "open":
                    pieces.append(f'<{match.group(1)} data-oracle="{number}"')
                else:
                    pieces.append("</br" + " " * (number + 1) + ">")
            position = end
        pieces.append(body[position:])
        return head + "".join(pieces), br_lines
