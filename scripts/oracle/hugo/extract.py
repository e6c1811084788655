#!/usr/bin/env python3
"""Builds one fixture site with the real Hugo and writes its facts (format 1) next to it.

    extract.py --hugo BIN --tools VERSIONS_JSON --postlint BIN SITE_DIR [--fix-only]

Everything is taken from Hugo's own output: `hugo config` (content dirs, `unsafe`), `hugo list
all` (which posts are pages, their URL and date), the built `public/` (ids, links, images and
whether they resolve) and a second build of a marked copy of the site (which `<br>` tag went
where). `--fix-only` keeps the other facts and recomputes only `fix` (after postlint's fixes
changed). See scripts/oracle/README.md.
"""

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import facts  # noqa: E402
import fixcheck  # noqa: E402
import frontmatter  # noqa: E402
from hugo import Hugo  # noqa: E402
from source import Source  # noqa: E402

UNSAFE_ENV = {"HUGO_MARKUP_GOLDMARK_RENDERER_UNSAFE": "true"}


def posts_of(site, directories):
    """Every Markdown file under the site's content dirs, as postlint's Hugo preset lints them."""
    found = set()
    for directory in directories:
        root = site / directory
        if root.is_dir():
            found.update(p.relative_to(site).as_posix() for p in root.rglob("*.md") if p.is_file())
    return sorted(found)


def page_file(public, url):
    path = public / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") else path


class SiteFacts:
    def __init__(self, hugo, site, work):
        self.hugo = hugo
        self.site = site
        self.work = work
        self.copy = work / "site"
        shutil.copytree(site, self.copy)
        self.config = hugo.config(self.copy)
        self.public = work / "public"
        self.set_aside = hugo.build(self.copy, self.public)
        self.listing = hugo.pages(self.copy)
        self.posts = posts_of(site, hugo.content_dirs(self.copy))
        self.sources = {p: Source((site / p).read_text(encoding="utf-8")) for p in self.posts}

    def url_of(self, path):
        row = self.listing.get(path)
        if not row or row["draft"] != "false" or not row["permalink"]:
            return None
        url = unquote(urlsplit(row["permalink"]).path) or "/"
        return url if page_file(self.public, url).is_file() else None

    def date_of(self, path):
        row = self.listing.get(path)
        if not row or row["date"].startswith("0001-01-01"):
            return None
        return row["date"][:10]

    def marked_build(self):
        """Builds the marked copy with raw HTML passed through; returns (public, br lines)."""
        marked = self.work / "marked"
        shutil.copytree(self.copy, marked)
        br_lines = {}
        for path in self.posts:
            if (marked / path).exists():
                text, br_lines[path] = self.sources[path].marked()
                (marked / path).write_text(text, encoding="utf-8")
        public = self.work / "marked-public"
        if self.hugo.build(marked, public, env=UNSAFE_ENV):
            raise RuntimeError("the marked copy stopped a build the original passed")
        return public, br_lines

    def pages(self):
        marked_public, br_lines = self.marked_build()
        resolver = facts.Resolver(self.public, self.config.get("baseurl") or "/")
        goldmark = self.config.get("markup", {}).get("goldmark", {})
        omitted = not goldmark.get("renderer", {}).get("unsafe", False)
        taxonomies = (self.config.get("taxonomies") or {}).values()
        pages = []
        for path in self.posts:
            source = self.sources[path]
            url = self.url_of(path)
            page = {"path": path, "rendered": url is not None, "url": url,
                    "date": self.date_of(path) if url else None, "heading_ids": [], "br": [],
                    "refs": [], "front_matter": frontmatter.ignored_keys(source, taxonomies),
                    "errors": [], "fix": None}
            if path in self.set_aside:
                where, record = frontmatter.rejection(source, *self.set_aside[path])
                page[where].append(record)
            if url:
                html = page_file(self.public, url).read_text(encoding="utf-8")
                marked_html = page_file(marked_public, url).read_text(encoding="utf-8")
                tree = facts.body_of(html)
                marked_tree = facts.body_of(facts.unmark_end_tags(marked_html))
                try:
                    page["heading_ids"] = facts.heading_ids(tree, marked_tree, source)
                    page["refs"] = facts.references(tree, source, url, resolver)
                except LookupError as error:
                    raise SystemExit(f"{self.site.name}/{path}: {error}") from None
                page["br"] = facts.br_records(marked_tree, br_lines[path], omitted)
            for key in ("heading_ids", "br", "refs", "front_matter", "errors"):
                page[key].sort(key=lambda r: r["line"])
            pages.append(page)
        return pages


def tools(versions_file):
    versions = json.loads(Path(versions_file).read_text())["versions"]
    return {"hugo": versions["hugo"], "python": versions["python"], "pyyaml": versions["pyyaml"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--hugo", required=True)
    parser.add_argument("--tools", required=True, help="versions.json written by install.sh")
    parser.add_argument("--postlint", required=True, type=Path)
    parser.add_argument("--fix-only", action="store_true")
    args = parser.parse_args()
    site = args.site.resolve()
    out = site.parent / f"{site.name}.oracle.json"
    with tempfile.TemporaryDirectory(prefix="oracle-hugo-") as tmp:
        site_facts = SiteFacts(Hugo(args.hugo), site, Path(tmp))
        if args.fix_only:
            document = json.loads(out.read_text(encoding="utf-8"))
            pages = document["pages"]
        else:
            document = {"format": 1, "generator": "hugo", "tools": tools(args.tools)}
            pages = site_facts.pages()
        fixes = fixcheck.fix_facts(site_facts, args.postlint.resolve(), Path(tmp) / "fixed")
        for page in pages:
            page["fix"] = fixes.get(page["path"])
        document["pages"] = pages
    out.write_text(fixcheck.dump(document), encoding="utf-8")
    print(f"wrote {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")


if __name__ == "__main__":
    main()
