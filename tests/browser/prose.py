#!/usr/bin/env python3
"""Measures the prose of the built site's narrative pages and checks that each chapter opens, closes
and quizzes its reader as the site promises. Reads the HTML Doxygen wrote (no browser needed):

    prose.py --site build/release/docs/html [--page chapter2] [--runs build/release/output]
             [--quiet] [--show]

The narrative pages are the pages Doxygen writes from Markdown (each ends its text with the
`<!-- PageDoc -->` mark): the main page (index), the chapters and their sub-pages, the epilogue and
the helpers, testing and benchmark pages. Class, namespace, file and source pages are left alone.

What a page's prose is. The text of its contents, with left out: code (pre, code, div.fragment),
formulas (MathJax's \\( \\) and \\[ \\], \\begin{..} .. \\end{..}, p.formulaDsp), headings (h1-h6,
the table of contents), script and style, and the labels of fold-outs that are titles rather than
sentences (the summary of an aside, a log or an answer: "Aside: ...", "The whole console",
"Answer"). Paragraphs, list items, table cells, captions, self-check questions and everything
inside <details> are kept.

Sentences. A paragraph, list item, table cell or caption is split after `.`, `?` or `!` followed by
a space and a character that is not a lower-case letter (so "e.g. the", "i.e. a", "vs. b" and
decimal numbers such as 0.25 do not split), and after every `;`. Text a block ends without a full
stop (a list item, a table cell, a caption) is a sentence of its own. A word is a run of characters
between spaces with at least one letter or digit in it; code and formulas count no words.

Limits, per page: the median sentence has at most MEDIAN_MAX (16) words, and at most LONG_MAX (2)
sentences are longer than LONG_WORDS (40) words. Every sentence over 40 words is printed.

Chapters (N = 1..4). Page chapterN has the anchor chapterN_goals (Doxygen writes `{#id}` as
`<a class="anchor" id="id">`) followed, before the next heading, by a list of 3 to 5 items. Page
chapterN_results has the anchors chapterN_recap and chapterN_selfcheck; after chapterN_selfcheck, 3
to 5 `<details class="selfcheck">` questions (a question is a details with a summary: Doxygen 1.9.4
repeats the details tag for each paragraph of a fold-out, so the repeats count once).

Numbers in answers. Every number in a self-check (question and answer, `details.selfcheck`) or in
an answer to a "Things to try" question (`details.answer`) must be one a run of the same chapter
produced. The run values of chapter N are every number in the text outputs of its runs, the folder
--runs/SLUG for the program chapters/0N_SLUG and all its variants: summary.json and every other
.json (numbers, and numbers inside strings such as a run's command line in run.json), console.txt
and every other .txt. They hold each run's settings too (learning rate, iterations, sizes), so a
setting quoted in an answer is a run value. The per-iteration logs (history.csv) are left out:
thousands of values would make almost any number with two or three decimals "produced". A page
outside the chapters draws on all runs. A quoted number is accepted when
  - some run value, rounded to the quoted number of decimals, equals it (0.994 matches
    0.9945054945; 1.5e-05 matches 1.4987e-05 at two significant digits; 12000 matches 11987 at the
    significant digits the quote shows). The sign is ignored ("fell by 0.3" quotes a difference
    only if a run printed it). A number followed by % may be a run value times 100;
  - it is a whole number from 0 to 10: counts, chapter numbers, exponents and the small constants
    of the formulas (the 2 of a square's derivative, the 1 of 1 - sigmoid);
  - it appears in a formula on the same chapter's pages outside the answers: a mathematical
    constant the chapter derives in the open (sigmoid's largest slope 0.25), not a result.
Anything else is a number typed by hand: the answer must quote it through @run{...}, and if no run
produces it, a run must record it.

Exits 1 and lists the failing pages when a limit or a check fails, 0 otherwise.
"""
import argparse
import html
import html.parser
import json
import math
import os
import re
import statistics
import sys

MEDIAN_MAX = 16
LONG_WORDS = 40
LONG_MAX = 2
CHAPTERS = (1, 2, 3, 4)
ITEMS = (3, 5)

BLOCKS = {"p", "li", "td", "th", "dt", "dd", "caption", "div", "blockquote", "details", "summary",
          "ul", "ol", "dl", "table", "tr", "br", "hr", "figure", "figcaption"}
SKIP_TAGS = {"pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TITLE_SUMMARIES = {"aside", "log", "answer"}
CODE = "\x01"       # stands where code or a formula was: no word, but starts a sentence
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|vs|cf|et al|approx|resp|fig|eq|etc|no)\.", re.I)
FORMULA = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S)
NUMBER = re.compile(r"(?<![\w.])([-\u2212]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([eE][-+\u2212]?\d+)?"
                    r"(?![\w])(\s*%)?")


def classes(attrs):
    return set((dict(attrs).get("class") or "").split())


class Page(html.parser.HTMLParser):
    """One page's prose blocks, the answers' texts, its anchors in order and its formulas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False          # within div.contents
        self.skip = []               # [tag, depth] of the element being left out
        self.code = 0                # within inline <code>
        self.details = []            # classes of the open <details>
        self.summary = False
        self.blocks = []             # (text, in_title_summary)
        self.text = []
        self.answers = []            # [kind, text] of details.selfcheck / details.answer
        self.formulas = []           # TeX of formulas outside answers
        self.events = []             # ("anchor", id) | ("heading",) | ("list", n) | ("details", cls)
        self.lists = []              # item counts of the open lists
        self.boundary = False        # a block ended; the next text starts a new one
        self.joinable = False        # ... unless it goes on a sentence a display formula broke

    # -- where the text goes
    def flush(self):
        text = "".join(self.text)
        self.text = []
        self.boundary = self.joinable = False
        if text.strip():
            self.blocks.append(text)

    def mark(self):
        """A block ends here; the next text starts a new one (see text())."""
        self.boundary = True

    def text_starts(self, first):
        """Text begins after a boundary: a new block, unless a display formula stood in between
        and the text goes on in lower case ("... \\[ y = x \\] where ...": one sentence)."""
        if self.boundary:
            if not (self.joinable and (first.islower() or first in ",.;:)")):
                self.flush()
            self.boundary = self.joinable = False

    def answer(self):
        for cls in reversed(self.details):
            if cls & {"selfcheck", "answer"}:
                return self.answers[-1] if self.answers else None
        return None

    def handle_starttag(self, tag, attrs):
        cls = classes(attrs)
        if tag == "div" and "contents" in cls:
            self.inside = True
        if not self.inside:
            return
        ident = dict(attrs).get("id")
        if ident and tag == "a":
            self.events.append(("anchor", ident))
        if self.skip:
            if tag == self.skip[-1][0]:
                self.skip[-1][1] += 1
            return
        if tag in HEADINGS:
            self.events.append(("heading",))
            if ident:
                self.events.append(("anchor", ident))
        if tag == "p" and "formulaDsp" in cls:
            self.text.append(" " + CODE + " ")
            self.joinable = True
            self.skip.append([tag, 1])
            return
        if tag in SKIP_TAGS or (tag == "div" and cls & {"fragment", "toc"}):
            self.mark()
            self.skip.append([tag, 1])
            return
        if tag == "details":
            self.flush()
            self.details.append(cls)
            self.events.append(("details", frozenset(cls)))
            if cls & {"selfcheck", "answer"}:
                self.answers.append([("selfcheck" if "selfcheck" in cls else "answer"), ""])
            return
        if tag == "summary":
            self.flush()
            self.summary = True
            self.events.append(("summary",))
            return
        if tag in ("ul", "ol"):
            self.mark()
            self.lists.append(0)
            return
        if tag == "li" and self.lists:
            self.lists[-1] += 1
        if tag == "code":
            self.text_starts("X")
            self.code += 1
            self.text.append(" " + CODE + " ")
        if tag in BLOCKS:
            self.mark()

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if self.skip:
            if tag == self.skip[-1][0]:
                self.skip[-1][1] -= 1
                if self.skip[-1][1] == 0:
                    self.skip.pop()
            return
        if tag == "details":
            self.flush()
            if self.details:
                self.details.pop()
            return
        if tag == "summary":
            title = self.details and self.details[-1] & TITLE_SUMMARIES
            if title:
                self.text = []
            self.flush()
            self.summary = False
            return
        if tag in ("ul", "ol"):
            self.mark()
            if self.lists:
                self.events.append(("list", self.lists.pop()))
            return
        if tag == "code":
            self.code = max(0, self.code - 1)
        if tag in BLOCKS:
            self.mark()

    def handle_data(self, data):
        if not self.inside or self.skip:
            return
        answer = self.answer()
        if answer is not None:
            answer[1] += " " + data
        else:
            self.formulas.extend(m.group(0) for m in FORMULA.finditer(data))
        if not self.code:
            if data.strip():
                self.text_starts(data.lstrip()[0])
            self.text.append(data)

    def handle_comment(self, data):
        if data.strip() == "contents":
            self.flush()
            self.inside = False


def sentences(block):
    """The sentences of one block of text, each as (text, words)."""
    text = FORMULA.sub(" " + CODE + " ", block)
    text = re.sub(r"\s+", " ", text).strip()
    text = ABBREVIATIONS.sub(lambda m: m.group(0)[:-1] + "\x02", text)
    out, start = [], 0
    for m in re.finditer(r"(;|[.?!]+)[\"'\u201d\u2019)\]]*(?= |$)", text):
        rest = text[m.end():].lstrip()
        if m.group(1) != ";" and rest and rest[0].islower():
            continue
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    result = []
    for s in out:
        s = s.replace("\x02", ".").strip()
        words = [w for w in s.split() if re.search(r"\w", w.replace(CODE, ""))]
        if words:
            result.append((re.sub(r" ?\x01 ?", " ", s).strip(), len(words)))
    return result


def parse(path):
    with open(path, encoding="utf-8") as f:
        page = Page()
        page.feed(f.read())
        page.close()
    return page


# -- numbers the runs produced

def run_values(runs):
    values = set()

    def walk(node):
        if isinstance(node, bool):
            return
        if isinstance(node, (int, float)):
            if math.isfinite(node):
                values.add(abs(float(node)))
        elif isinstance(node, str):
            from_text(node)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)

    def from_text(text):
        for m in NUMBER.finditer(text):
            values.add(abs(number(m)))

    for root, _, files in os.walk(runs):
        for name in files:
            path = os.path.join(root, name)
            if name.endswith(".json"):
                try:
                    with open(path, encoding="utf-8") as f:
                        walk(json.load(f))
                except (ValueError, OSError):
                    pass
            elif name.endswith(".txt"):
                with open(path, encoding="utf-8", errors="replace") as f:
                    from_text(f.read())
    return values


def number(m):
    return float((m.group(2).replace(",", "") + (m.group(3) or "") +
                  (m.group(4) or "")).replace("\u2212", "-"))


class Matcher:
    """Whether a quoted number is a run value at the precision it is quoted with."""

    def __init__(self, values):
        self.values = values
        self.cache = {}

    def rounded(self, key, fmt):
        if key not in self.cache:
            self.cache[key] = {fmt(v) for v in self.values}
        return self.cache[key]

    def __call__(self, m):
        whole, frac, exp = m.group(2).replace(",", ""), m.group(3) or "", m.group(4) or ""
        quoted = abs(number(m))
        scales = (1.0, 100.0) if m.group(5) else (1.0,)
        for scale in scales:
            if exp:
                digits = len(frac) - 1 if frac else 0
                key = ("e", digits, scale)
                fmt = lambda v, d=digits, s=scale: float(f"{v * s:.{d}e}")
                if float(f"{quoted:.{digits}e}") in self.rounded(key, fmt):
                    return True
            elif frac:
                digits = len(frac) - 1
                key = ("f", digits, scale)
                fmt = lambda v, d=digits, s=scale: f"{v * s:.{d}f}"
                if f"{quoted:.{digits}f}" in self.rounded(key, fmt):
                    return True
            else:
                zeros = len(whole) - len(whole.rstrip("0")) if whole != "0" else 0
                for t in range(0, zeros + 1):
                    key = ("i", t, scale)
                    fmt = lambda v, t=t, s=scale: round(v * s / 10 ** t) * 10 ** t
                    if int(whole) in self.rounded(key, fmt):
                        return True
        return False


def typed_numbers(text, matcher, constants):
    """The numbers in an answer's text that no run produced."""
    text = html.unescape(text)
    # TeX: commands and their braces are not numbers; x_1, w^{2} and \frac{1}{2} keep their digits.
    text = re.sub(r"\\[A-Za-z]+", " ", text)
    text = re.sub(r"[{}]", " ", text)
    bad = []
    for m in NUMBER.finditer(text):
        whole, frac, exp = m.group(2), m.group(3), m.group(4)
        if not frac and not exp and int(whole.replace(",", "")) <= 10:
            continue
        if m.group(0).strip().rstrip("%").strip().lstrip("-\u2212") in constants:
            continue
        if matcher(m):
            continue
        bad.append(m.group(0).strip())
    return bad


def formula_constants(pages):
    out = set()
    for page in pages:
        for tex in page.formulas:
            for m in NUMBER.finditer(re.sub(r"\\[A-Za-z]+|[{}]", " ", tex)):
                out.add(m.group(0).strip().rstrip("%").strip().lstrip("-\u2212"))
    return out


# -- the chapters' opening, recap and self-check

def after(events, anchor):
    """The events after an anchor, up to the next heading; None without the anchor."""
    for i, e in enumerate(events):
        if e == ("anchor", anchor):
            rest = []
            for f in events[i + 1:]:
                if f == ("heading",):
                    break
                rest.append(f)
            return rest
    return None


def chapter_checks(name, page):
    problems = []
    m = re.fullmatch(r"chapter(\d+)", name)
    if m and int(m.group(1)) in CHAPTERS:
        n = m.group(1)
        rest = after(page.events, f"chapter{n}_goals")
        if rest is None:
            problems.append(f"no opening: no anchor chapter{n}_goals ('What you will be able to do')")
        else:
            lists = [e[1] for e in rest if e[0] == "list"]
            if not lists or not ITEMS[0] <= lists[-1] <= ITEMS[1]:
                problems.append(f"chapter{n}_goals: {lists[-1] if lists else 0} list items, "
                                f"not {ITEMS[0]}-{ITEMS[1]}")
    m = re.fullmatch(r"chapter(\d+)_results", name)
    if m and int(m.group(1)) in CHAPTERS:
        n = m.group(1)
        if after(page.events, f"chapter{n}_recap") is None:
            problems.append(f"no recap: no anchor chapter{n}_recap ('What you learned')")
        rest = after(page.events, f"chapter{n}_selfcheck")
        if rest is None:
            problems.append(f"no self-check: no anchor chapter{n}_selfcheck ('Check yourself')")
        else:
            questions, current = 0, None
            for e in rest:
                if e[0] == "details":
                    current = e[1]
                elif e[0] == "summary" and current is not None and "selfcheck" in current:
                    questions += 1
            if not ITEMS[0] <= questions <= ITEMS[1]:
                problems.append(f"chapter{n}_selfcheck: {questions} questions "
                                f"(<details class=\"selfcheck\"> with a <summary>), "
                                f"not {ITEMS[0]}-{ITEMS[1]}")
    return problems


def chapter_runs(runs, chapter):
    """The output folder of chapter N's runs, from the program folder chapters/0N_SLUG next to
    this test; all runs for a page outside the chapters or when the folder is not found."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "chapters")
    if chapter.isdigit() and os.path.isdir(root):
        for d in os.listdir(root):
            m = re.fullmatch(r"0*(\d+)_(\w+)", d)
            if m and m.group(1) == chapter and os.path.isdir(os.path.join(runs, m.group(2))):
                return os.path.join(runs, m.group(2))
    return runs


def chapter_of(name):
    m = re.match(r"chapter(\d+)", name)
    return m.group(1) if m else name


def narrative_pages(site):
    """The narrative pages of the built site, parsed: {name: Page}."""
    pages = {}
    for f in sorted(os.listdir(site)):
        if not f.endswith(".html") or f.endswith("_source.html"):
            continue
        path = os.path.join(site, f)
        with open(path, encoding="utf-8") as fh:
            if "<!-- PageDoc -->" not in fh.read():
                continue
        pages[f[:-5]] = parse(path)
    return pages


def check(site, runs=None, only=None, show=False, quiet=False, emit=print):
    """Checks the narrative pages (all, or those named in only) and returns {page: [problem]} for
    the failing ones; emit receives the report, line by line. check_site.py calls this too."""
    site = os.path.abspath(site)
    runs = os.path.abspath(runs or os.path.join(site, "..", "..", "output"))
    pages = narrative_pages(site)
    chosen = [p for p in pages if not only or p in only]
    failing = {}
    for p in only or ():
        if p not in pages:
            failing[p] = [f"no narrative page {p}.html in {site}"]
    matchers = {}
    by_chapter = {}
    for name, page in pages.items():
        by_chapter.setdefault(chapter_of(name), []).append(page)

    for name in chosen:
        page = pages[name]
        problems = []
        all_sentences = [s for block in page.blocks for s in sentences(block)]
        counts = [w for _, w in all_sentences]
        median = statistics.median(counts) if counts else 0
        long = [(s, w) for s, w in all_sentences if w > LONG_WORDS]
        if median > MEDIAN_MAX:
            problems.append(f"median sentence {median:g} words (at most {MEDIAN_MAX})")
        if len(long) > LONG_MAX:
            problems.append(f"{len(long)} sentences over {LONG_WORDS} words (at most {LONG_MAX})")
        problems += chapter_checks(name, page)
        if page.answers:
            if not os.path.isdir(runs):
                problems.append(f"{runs} is missing: the runs' outputs are needed to check the "
                                "numbers in answers (--runs)")
            else:
                folder = chapter_runs(runs, chapter_of(name))
                if folder not in matchers:
                    matchers[folder] = Matcher(run_values(folder))
                matcher = matchers[folder]
                constants = formula_constants(by_chapter[chapter_of(name)])
                for kind, text in page.answers:
                    bad = typed_numbers(text, matcher, constants)
                    if bad:
                        what = "self-check" if kind == "selfcheck" else "answer to a thing to try"
                        snippet = re.sub(r"\s+", " ", text).strip()
                        problems.append(f"{what} quotes {', '.join(bad)}, which no run produced: "
                                        f"{snippet[:160]}")
        if problems:
            failing[name] = problems
        if not quiet or problems:
            emit(f"{name}: {len(counts)} sentences, median {median:g} words, "
                 f"{len(long)} over {LONG_WORDS}" + ("" if problems else "  ok"))
            for s, w in (all_sentences if show else long):
                emit(f"    [{w} words] {s}")
            for p in problems:
                emit(f"  FAIL {p}")
    return failing


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", required=True, help="the built site (build/release/docs/html)")
    ap.add_argument("--runs", help="the runs' output folder (default: SITE/../../output)")
    ap.add_argument("--page", action="append",
                    help="check only this page (name without .html; repeatable)")
    ap.add_argument("--quiet", action="store_true", help="print only the failing pages")
    ap.add_argument("--show", action="store_true",
                    help="print every sentence with its word count (to see how a page is split)")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.site, "index.html")):
        print(f"prose.py: {args.site}/index.html is missing: build the site first")
        return 1
    failing = check(args.site, args.runs, args.page, args.show, args.quiet)
    if failing:
        print(f"prose.py: {len(failing)} pages fail: {', '.join(failing)}")
        return 1
    print("prose.py: every page passes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
