#!/usr/bin/env python3
"""Writes the site's full-text search index: the title and the words of every page Doxygen made,
as site-search-index.js beside them, which docs/site.js loads and indexes with lunr when the reader
first searches. Source listings and folder pages are left out (their words are the code's).

    search_index.py <site folder>
"""
import html.parser
import json
import os
import re
import sys


class PageText(html.parser.HTMLParser):
    """The title and the visible words of a page's div.contents."""

    SKIP = {"script", "style"}  # and any element of class toc
    VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0        # open elements inside div.contents (0: outside)
        self.skipping = 0     # open elements inside a script, a style or the table of contents
        self.in_title = False
        self.title, self.words = "", []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif tag == "div" and "contents" in (a.get("class") or "").split():
            self.depth = 1
        # The table of contents repeats the headings; the excerpt of a result should be text.
        if self.skipping or tag in self.SKIP or "toc" in (a.get("class") or "").split():
            self.skipping += 1
        if tag == "div" and a.get("class") == "title":
            self.in_title = True

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth -= 1
        if self.skipping:
            self.skipping -= 1
        if tag == "div":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.depth and not self.skipping:
            self.words.append(data)


def main():
    site = sys.argv[1]
    pages = []
    for name in sorted(os.listdir(site)):
        if not name.endswith(".html") or name.endswith("_source.html") or name.startswith("dir_"):
            continue
        p = PageText()
        with open(os.path.join(site, name), encoding="utf-8") as f:
            p.feed(f.read())
        text = " ".join(" ".join(p.words).split())
        # TeX between \( \) and \[ \] is MathJax's input, not words a reader would type.
        text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", text)
        title = " ".join(p.title.split()) or name
        if text:
            pages.append({"url": name, "title": title, "text": text})
    with open(os.path.join(site, "site-search-index.js"), "w", encoding="utf-8") as f:
        f.write("window.dlSearchPages = ")
        json.dump(pages, f, ensure_ascii=False, separators=(",", ":"))
        f.write(";\n")
    print(f"search_index.py: {len(pages)} pages indexed")


if __name__ == "__main__":
    main()
