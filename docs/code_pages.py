#!/usr/bin/env python3
"""Tidies the code on the site's pages after Doxygen: links point at the right chapter, and a
snippet shows only its code.

1. Links. The four chapter programs and their exercises reuse the article's names: `forward`, `cost`,
`loss`, `addOptions` and `Gradients::dW2` exist in several namespaces. Doxygen links a name in a
snippet (which has no enclosing namespace) or in a function that says `using namespace` to
whichever of them it finds first, so chapter 2's `forward` could open the exercise's and
chapter 4's `train` chapter 1's. This pass, run on the finished site, reads Doxygen's tag file
and, for every unqualified name in code that links into another chapter's namespace (or, outside
the exercises, into an exercise's), links it to the same name in the page's own chapter, or
unlinks it where the chapter has no documented symbol of that name. Qualified names
(`tumour_net::forward`) are Doxygen's to resolve and are left alone.

A page's chapter comes from its file name: chapterN*.html (the graded page chapterN_graded also
reads the exercise's namespace) and the source listings of chapters/0N_*/...; a namespace's
chapter is the folder of the files that open it, and the pages of a namespace or class belong
to the namespace's chapter.

2. Snippets. A snippet taken from between two `// [name]` markers can hold another snippet's
markers (chapter 1's `program` holds `main`), and one that starts at a function's documentation
comment starts with the blank line Doxygen leaves for the stripped comment. On every page but the
source listings (which show the files as they are), code blocks lose their blank first and last
lines and their marker lines.

    code_pages.py <site folder> <Doxygen tag file> <source root>
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LINK = re.compile(r'<a class="code hl_\w+" href="([^"#]+)(#[^"]*)?">([^<]*)</a>')
CHAPTER_FILE = re.compile(r"chapters/0(\d)_[^/]+/(exercises/)?")


def chapter_files(root):
    """(chapter, is exercise code) of every C++ file under chapters/, by its path from the root."""
    files = {}
    for path in Path(root, "chapters").rglob("*.[ch]pp"):
        relative = path.relative_to(root).as_posix()
        m = CHAPTER_FILE.match(relative)
        if m:
            files[relative] = int(m.group(1)), bool(m.group(2))
    return files


def listing_home(page, files):
    """(chapter, is exercise code) of the file a source listing or file page shows, else None.
    Doxygen names the page after the shortest unique tail of the path, escaped ("_2" is "/",
    "_8" is ".", "__" is "_"): 02__tumour__net_2main_8cpp_source.html, concepts_8cpp.html."""
    m = re.fullmatch(r"(\w+?)(?:_source)?\.html", page)
    if not m:
        return None
    tail = re.sub(r"_(.)", lambda e: {"_": "_", "2": "/", "8": ".", "1": ":"}.get(e.group(1), "?"),
                  m.group(1))
    found = {where for path, where in files.items() if ("/" + path).endswith("/" + tail)}
    return found.pop() if len(found) == 1 else None


def read_tags(tagfile, files, root):
    """Symbols by qualified name (-> href), compounds by file name, namespaces' (chapter, exercise)."""
    href, compound_of, home = {}, {}, {}
    for path, where in files.items():
        for ns in re.findall(r"^namespace (\w+) \{", Path(root, path).read_text(), re.M):
            home[ns] = where
    for compound in ET.parse(tagfile).getroot().findall("compound"):
        kind, name = compound.get("kind"), compound.findtext("name")
        filename = compound.findtext("filename") or ""
        if not filename.endswith(".html"):
            filename += ".html"
        if kind not in ("namespace", "struct", "class"):
            continue
        href.setdefault(name, filename)
        compound_of[filename] = name
        for member in compound.findall("member"):
            anchor = member.findtext("anchorfile"), member.findtext("anchor")
            href.setdefault(f"{name}::{member.findtext('name')}", f"{anchor[0]}#{anchor[1]}")
    return href, compound_of, home


def page_home(page, compound_of, home, files):
    """(chapter, exercise code read here) for a page of the site, or None for the shared pages."""
    m = re.match(r"chapter(\d)", page)
    if m:
        return int(m.group(1)), "_graded" in page
    listing = listing_home(page, files)
    if listing:
        return listing
    name = compound_of.get(page)
    return home.get(name.split("::")[0]) if name else None


def fix_page(text, chapter, exercise, href, compound_of, home):
    """The page with its code links mended, and how many were retargeted and unlinked."""
    # The page's own namespaces, the ones it is about first.
    own = sorted((ns for ns, (c, ex) in home.items() if c == chapter and (ex == exercise or not ex)),
                 key=lambda ns: home[ns][1] != exercise)
    counts = {"retargeted": 0, "unlinked": 0}

    def mend(m):
        target, anchor, shown = m.group(1), m.group(2), m.group(3)
        ns, *inner = compound_of.get(target, "").split("::")
        if "::" in shown or ns not in home:
            return m.group(0)
        if home[ns][0] == chapter and (exercise or not home[ns][1]):
            return m.group(0)
        inner += [shown] if anchor else []
        for candidate in own:
            found = href.get("::".join([candidate] + inner))
            if found:
                counts["retargeted"] += 1
                return m.group(0).replace(f'href="{target}{anchor or ""}"', f'href="{found}"')
        counts["unlinked"] += 1
        return shown
    return LINK.sub(mend, text), counts


BLANK = r'<div class="line">\s*</div>\n'
MARKER = re.compile(r'<div class="line">\s*<span class="comment">// \[\w+\]</span></div>\n')
FIRST_BLANKS = re.compile(r'(<div class="fragment">)(?:' + BLANK + ')+')
LAST_BLANKS = re.compile(r'(?:' + BLANK + r')+(?=(?:<div class="ttc".*\n)*</div><!-- fragment -->)')
TOOLTIP = re.compile(r'<div class="ttc" id="([^"]+)">.*\n')


def tidy_snippets(text):
    """Marker lines and blank first and last lines out of every code block; and the hover boxes
    (div.ttc) that no link of the page opens any more, once links were pointed elsewhere."""
    text = MARKER.sub("", text)
    text = FIRST_BLANKS.sub(r"\1", text)
    text = LAST_BLANKS.sub("", text)
    # Doxygen finds a link's hover box by the id "a" + its href with every other character as "_".
    opened = {"a" + re.sub(r"[^a-zA-Z0-9_]", "_", h.split("/")[-1])
              for h in re.findall(r'<a class="code[^"]*" href="([^"]+)"', text)}
    return TOOLTIP.sub(lambda m: m.group(0) if m.group(1) in opened else "", text)


def main(site, tagfile, root):
    files = chapter_files(root)
    href, compound_of, home = read_tags(tagfile, files, root)
    if not home:
        sys.exit(f"code_pages.py: no namespace opened under {root}/chapters")
    totals = {"retargeted": 0, "unlinked": 0}
    for path in sorted(Path(site).glob("*.html")):
        text = path.read_text(encoding="utf-8")
        where = page_home(path.name, compound_of, home, files)
        fixed, counts = fix_page(text, *where, href, compound_of, home) if where else (text, {})
        if not path.name.endswith("_source.html"):
            fixed = tidy_snippets(fixed)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
        for key in counts:
            totals[key] += counts[key]
    print(f"code links: {totals['retargeted']} pointed at their own chapter, "
          f"{totals['unlinked']} unlinked (no documented symbol of that name in the chapter)")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
