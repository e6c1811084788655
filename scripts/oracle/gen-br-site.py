#!/usr/bin/env python3
"""Writes posts whose paragraphs put `<br>` tags in every position real blogs use.

The oracles render each post before and after `postlint --fix` with the generator's own
renderer and require identical HTML, so these posts are the proof that a fix never changes the
page. Deterministic: the same arguments give the same bytes.

    gen-br-site.py --dialect kramdown --posts 20 --paragraphs 60 --out DIR [--seed 7]

Dialects and what they change:
  commonmark  Hugo (goldmark) and plain CommonMark: every `<br>` spelling, backslash breaks.
  kramdown    Jekyll: every spelling, backslash breaks, kramdown-style tables too.
  mdx         Docusaurus: only self-closing `<br />` / `<br/>` (an unclosed `<br>` stops the MDX
              compile), no `{`, `}` or `<` in prose.

File names and front matter follow the generator: `--layout jekyll` writes
`YYYY-MM-DD-br-NNN.md` with `title`/`date`; `hugo` writes `br-NNN.md` with `title`/`date`;
`docusaurus` writes `YYYY-MM-DD-br-NNN.md` (or `.mdx` with `--ext mdx`) with `title`.
"""

import argparse
import datetime
import os
import random

WORDS_KO = ["설치", "배포", "데이터", "파이프라인", "컨퍼런스", "후기", "정리", "세션", "발표", "질문"]
WORDS_EN = ["deploy", "the", "cluster", "notes", "from", "a", "talk", "about", "queues", "today"]
WORDS_JA = ["設定", "確認", "手順", "まとめ"]
EMOJI = ["🚀", "✅", "🤍"]

BR_ALL = ["<br>", "<br/>", "<br />", "</br>", "<BR>", "<Br/>"]
BR_MDX = ["<br />", "<br/>"]


def words(rng, n):
    pool = rng.choice([WORDS_KO, WORDS_EN, WORDS_KO + WORDS_JA, WORDS_EN + EMOJI])
    return " ".join(rng.choice(pool) for _ in range(n))


def inline(rng, dialect):
    """A line of prose, sometimes ending in inline markup."""
    text = words(rng, rng.randint(2, 7))
    tail = rng.random()
    if tail < 0.08:
        text += " *강조*"
    elif tail < 0.14:
        text += " `code`"
    elif tail < 0.20:
        text += " [link](https://example.com/" + str(rng.randint(1, 99)) + ")"
    elif tail < 0.23 and dialect != "mdx":
        text += " **굵게**"
    return text


class Writer:
    def __init__(self, rng, dialect):
        self.rng = rng
        self.dialect = dialect
        self.spellings = BR_MDX if dialect == "mdx" else BR_ALL

    def br(self):
        return self.rng.choice(self.spellings)

    def ending(self):
        """What ends a prose line: nothing, a `<br>` in one of its shapes, or a Markdown break."""
        r = self.rng.random()
        if r < 0.25:
            return ""
        if r < 0.55:
            return self.br()
        if r < 0.62:
            return " " + self.br()
        if r < 0.68:
            return self.br() + "  "
        if r < 0.74:
            return "  " + self.br()
        if r < 0.82:
            return self.br() + self.br()
        if r < 0.86:
            return self.br() + " " + self.br()
        if r < 0.90:
            return "\\"
        if r < 0.94:
            return "  "
        return " " + self.br() + " "

    def line(self):
        text = inline(self.rng, self.dialect)
        if self.rng.random() < 0.12:
            words_ = text.split(" ")
            cut = self.rng.randint(1, max(1, len(words_) - 1))
            text = " ".join(words_[:cut]) + self.br() + " ".join(words_[cut:])
        return text + self.ending()

    def lone(self):
        r = self.rng.random()
        if r < 0.6:
            return self.br()
        if r < 0.85:
            return self.br() + self.br()
        return "  " + self.br()

    def prose_lines(self, max_lines=4):
        lines = []
        for i in range(self.rng.randint(1, max_lines)):
            if i > 0 and self.rng.random() < 0.15:
                lines.append(self.lone())
            lines.append(self.line())
        if self.rng.random() < 0.2:
            lines.append(self.lone())
        return lines

    def paragraph(self):
        return "\n".join(self.prose_lines())

    def list_block(self, ordered, loose):
        items = []
        for i in range(self.rng.randint(1, 3)):
            marker = f"{i + 1}. " if ordered else "- "
            pad = " " * len(marker)
            lines = self.prose_lines(3)
            item = marker + lines[0] + "".join("\n" + pad + rest for rest in lines[1:])
            if self.rng.random() < 0.2:
                item += "\n" + pad + "- " + self.line()
            items.append(item)
        return ("\n\n" if loose else "\n").join(items)

    def quote(self):
        return "\n".join("> " + line if line else ">" for line in self.prose_lines(3))

    def heading(self):
        level = "#" * self.rng.randint(2, 4)
        title = words(self.rng, self.rng.randint(1, 3))
        after = self.rng.random()
        if after < 0.3:
            return f"{level} {title}{self.br()}"
        if after < 0.7:
            return f"{level} {title}\n{self.lone()}\n{self.line()}"
        return f"{level} {title}\n{self.paragraph()}"

    def table(self):
        rows = ["| a | b |", "| --- | --- |"]
        for _ in range(self.rng.randint(1, 3)):
            rows.append(f"| {words(self.rng, 2)}{self.br()}{words(self.rng, 1)} | {words(self.rng, 2)} |")
        return "\n".join(rows)

    def html_block(self):
        lines = [self.line() for _ in range(self.rng.randint(1, 3))]
        if self.dialect == "mdx":
            return "<div>\n" + "\n".join(lines) + "\n</div>"
        if self.rng.random() < 0.5:
            return '<div class="notice">\n' + "\n".join(lines) + "\n</div>"
        return "<p>" + words(self.rng, 3) + "</p>\n" + "\n".join(lines)

    def block(self):
        r = self.rng.random()
        if r < 0.45:
            return self.paragraph()
        if r < 0.55:
            return self.list_block(ordered=False, loose=False)
        if r < 0.60:
            return self.list_block(ordered=False, loose=True)
        if r < 0.65:
            return self.list_block(ordered=True, loose=False)
        if r < 0.72:
            return self.quote()
        if r < 0.80:
            return self.heading()
        if r < 0.86:
            return self.table()
        if r < 0.92:
            return self.html_block()
        return self.lone()


def front_matter(layout, index, date):
    title = f"br placements {index:03d}"
    if layout == "jekyll":
        return f'---\ntitle: "{title}"\ndate: {date.isoformat()} 10:00:00 +0000\n---\n'
    if layout == "hugo":
        return f'---\ntitle: "{title}"\ndate: {date.isoformat()}\n---\n'
    return f'---\ntitle: "{title}"\n---\n'


def file_name(layout, index, date, ext):
    if layout == "hugo":
        return f"br-{index:03d}.{ext}"
    return f"{date.isoformat()}-br-{index:03d}.{ext}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialect", choices=["commonmark", "kramdown", "mdx"], required=True)
    parser.add_argument("--layout", choices=["jekyll", "hugo", "docusaurus"], required=True)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--paragraphs", type=int, default=60, help="blocks per post")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ext", default="md")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    start = datetime.date(2024, 1, 1)
    for index in range(1, args.posts + 1):
        rng = random.Random(f"{args.seed}-{args.dialect}-{index}")
        writer = Writer(rng, args.dialect)
        date = start + datetime.timedelta(days=index)
        blocks = [writer.block() for _ in range(args.paragraphs)]
        text = front_matter(args.layout, index, date) + "\n" + "\n\n".join(blocks) + "\n"
        path = os.path.join(args.out, file_name(args.layout, index, date, args.ext))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


if __name__ == "__main__":
    main()
