"""Front matter facts: keys Hugo rejected (the build stops on them) and keys it silently keeps as
plain parameters although they are a misspelling of a field Hugo reads.

Hugo matches its own front matter fields case-insensitively (`Date` is `date`); every other key
ends up in `.Params` without a word. A key starting with `_` is the site's own parameter.
"""

import re

# The page fields Hugo reads (https://gohugo.io/content-management/front-matter/#fields), with
# the date aliases of its default `frontmatter` config.
FIELDS = {
    "aliases", "build", "cascade", "date", "description", "draft", "expirydate", "headless",
    "iscjklanguage", "keywords", "lastmod", "layout", "linktitle", "markup", "menus", "menu",
    "outputs", "params", "publishdate", "resources", "sitemap", "slug", "summary", "title",
    "translationkey", "type", "url", "weight", "pubdate", "published", "modified",
    "unpublishdate",
}
REJECTED_FIELD = re.compile(r'the "([^"]+)" front matter field')


def distance(a, b):
    """Damerau-Levenshtein distance (optimal string alignment)."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        rows[i][0] = i
    for j in range(len(b) + 1):
        rows[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def misspelt_field(key, known):
    """The field `key` is a misspelling of, or None. Singular/plural pairs (`tag`/`tags`) are
    left alone: themes read such keys as their own parameters."""
    lower = key.lower()
    if key.startswith("_") or lower in known or len(lower) < 5:
        return None
    for field in sorted(known):
        if lower + "s" == field or field + "s" == lower:
            continue
        if distance(lower, field) <= 2 and abs(len(lower) - len(field)) <= 2:
            return field
    return None


def ignored_keys(source, taxonomies):
    known = FIELDS | {t.lower() for t in taxonomies}
    records = []
    for key in source.front_matter:
        if isinstance(key, str) and misspelt_field(key, known):
            records.append({"line": source.front_matter_lines.get(key, 1), "key": key,
                            "status": "ignored"})
    return records


def rejection(source, line, message):
    """A set-aside post's error: a front matter field Hugo refused, or an error of the post."""
    field = REJECTED_FIELD.search(message)
    if field:
        for key, key_line in source.front_matter_lines.items():
            if key.lower() == field.group(1).lower():
                return "front_matter", {"line": key_line, "key": key, "status": "rejected"}
    return "errors", {"line": line or 1, "message": message}
