"""A small element tree over Hugo's output HTML, built with the standard library's html.parser.

Goldmark's output is well formed; raw HTML from posts may not be, so end tags without an open
element are ignored (except `</br>`, which browsers read as a `<br>`) and block start tags close
an open `<p>` as HTML5 does.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
            "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Elements and text strings, in document order

    def text(self):
        out = []
        for child in self.children:
            out.append(child if isinstance(child, str) else child.text())
        return "".join(out)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        if tag in CLOSES_P and self._open("p"):
            self._close("p")
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        if tag == "br":
            self.current.children.append(Element("br", [("data-oracle-endtag", "")], self.current))
        elif self._open(tag):
            self._close(tag)

    def handle_data(self, data):
        self.current.children.append(data)

    def _open(self, tag):
        node = self.current
        while node is not None:
            if node.tag == tag:
                return True
            node = node.parent
        return False

    def _close(self, tag):
        while self.current.tag != tag:
            self.current = self.current.parent
        self.current = self.current.parent


def parse(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
