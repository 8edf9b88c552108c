#!/usr/bin/env python3
"""Reads every page of the built site in headless Chromium, as a reader would, at two desktop widths
(1280 and 1920 px) and a phone's (390 px), and fails on what that reader would meet:

- raw markup in the rendered text: HTML tags, Doxygen commands (\\ref, \\f$, \\ilinebr ...), Markdown
  emphasis or backticks left as text, TeX that MathJax did not typeset;
- a code or console line that needs sideways scrolling, or a table cut off, at a desktop width;
  an identifier in code broken in the middle of a word;
- a figure shown so small that its labels cannot be read: the plot's font size (read from the
  gnuplot script staged beside it) times the shown width over the image's own width must be at
  least READABLE_PX. A figure that is smaller than that must open at full size on click, and may
  only be that small as a thumbnail in a table or on a phone; every figure opens at full size and
  offers its gnuplot script beside it. The same for the networks graphviz draws: their smallest
  font (read from the DOT text staged beside them, graphviz's 14 pt at 96 dpi if none is named)
  shown at least READABLE_PX tall, a click to full size, and a run's picture its DOT text beside it;
- a description that is only a snippet marker (`[model]`), a code block showing one or starting or
  ending with a blank line; a fold-out hint with nothing inside;
- a name in a chapter's code that links to another chapter's or an exercise's symbol of the same
  name (chapter 2's `forward` opening the exercise's);
- a name in one of the site's namespaces (dl::numericalGradient) written as plain text: it must
  link to its documentation, which must exist (the documented names come from the search index);
- a title in the navigation panel running past its edge (the panel scrolling sideways);
- a broken internal link or anchor, a missing image or alt text, a JavaScript error, a formula
  MathJax could not typeset, a page wider than the window (a phone's screen, or a desktop's: the
  whole page scrolling sideways rather than one box in it);
- the reader's tools missing: full-text search that finds concepts on the pages that teach them
  ("softmax", "activation function", "epoch", ...: QUERIES), the dark-mode toggle, copy buttons on
  code, the interactive table of contents.

Saves screenshots of the narrative pages at each width into --screenshots.

    check_site.py --site build/release/docs/html --screenshots build/release/screenshots

Exits 77 (CTest's "skipped") with a message when Chromium, its driver or Selenium is missing:
./setup.sh --tests installs them.
"""
import argparse
import base64
import concurrent.futures
import functools
import html.parser
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

SKIP = 77
# How long a page may take to load and typeset before it counts as hung: a guard against a test
# that never ends, not a measure of speed (a busy machine may take many times longer than an idle one).
HUNG_S = 300
# The smallest text a reader can read on a screen without zooming, in CSS pixels (the site's body
# text is 16 px; figure labels may be smaller, not much).
READABLE_PX = 11
# gnuplot's pngcairo terminal draws its font in points at 72 dpi, so a point is an image pixel.
# A figure whose script does not name a font gets gnuplot's default, Sans 12.
GNUPLOT_DEFAULT_FONT = 12
# graphviz's defaults: 14 pt text, drawn into a PNG at 96 dpi.
DOT_DEFAULT_FONT = 14
DOT_DEFAULT_DPI = 96
DESKTOPS = (1280, 1920)
DESKTOP_HEIGHT = 900
PHONE = 390
# Concepts a reader searches for, and the pages that teach them: one of those pages must be among
# the first SEARCH_TOP hits.
QUERIES = {
    "softmax": ("chapter4",),
    "cross-entropy": ("chapter2", "chapter4"),
    "gradient check": ("chapter1",),
    "activation function": ("chapter2_activations",),
    "vanishing gradients": ("chapter2_activations",),
    "epoch": ("chapter4_learning", "chapter1"),
    "backpropagation": ("chapter2", "chapter3_by_hand"),
}
SEARCH_TOP = 10


class Links(html.parser.HTMLParser):
    """The links, images and anchor names of one HTML file."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.images, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "img" and a.get("src"):
            self.images.append((a["src"], a.get("alt")))


def static_checks(site, text):
    """Every internal link, anchor and image must exist; every image must have alt text.
    `text` holds every page's HTML by file name."""
    parsed = {}
    for page, html in text.items():
        p = Links()
        p.feed(html)
        parsed[page] = p
    problems = []
    for page, p in parsed.items():
        for href in p.hrefs:
            url = urllib.parse.urlparse(href)
            if url.scheme or href.startswith("//") or href.startswith("javascript:"):
                continue
            target = urllib.parse.unquote(url.path) or page
            path = os.path.normpath(os.path.join(site, os.path.dirname(page), target))
            if not os.path.exists(path):
                problems.append(f"{page}: link to missing {href}")
            elif url.fragment and target.endswith(".html"):
                ids = parsed.get(os.path.relpath(path, site))
                if ids is not None and url.fragment not in ids.ids:
                    problems.append(f"{page}: link to missing anchor {href}")
        for src, alt in p.images:
            if not os.path.exists(os.path.join(site, os.path.dirname(page), urllib.parse.unquote(src))):
                problems.append(f"{page}: missing image {src}")
            elif not alt and page.startswith(("chapter", "index")):  # the tutorial's figures
                problems.append(f"{page}: image {src} has no alt text")
    return problems


CODE_LINK = re.compile(r'<a class="code hl_\w+" href="([^"#]+)[^"]*">([^<]*)</a>')


def code_link_checks(text):
    """Code on a chapter's page links each name to that chapter's symbol. The chapters and their
    exercises share names (forward, cost, addOptions, Gradients::dW2), and a name linked to another
    chapter's namespace opens the wrong code. A page's chapter: chapterN*.html (the graded page
    may use the exercise's names too), a source listing's path in its title, a namespace's or
    class's page the listings its definitions link to. A qualified name (tumour_net::forward)
    says which it means, and is left alone. `text` holds every page's HTML by file name."""
    def listing(page):
        m = re.search(r"<title>[^<]*: chapters/0(\d)_[^/<]+/(exercises/)?[^<]*Source File", text[page])
        return (int(m.group(1)), bool(m.group(2))) if m else None

    def chapter(page):
        m = re.match(r"chapter(\d)", page)
        if m:
            return int(m.group(1)), "_graded" in page
        if page.endswith("_source.html"):
            return listing(page)
        if page.startswith(("namespace", "struct", "class")):
            defined = {listing(h) for h in set(re.findall(r'href="([^"#]+_source\.html)', text[page]))
                       if h in text}
            return defined.pop() if len(defined) == 1 else None
        return None

    chapters = {page: chapter(page) for page in text}
    problems = []
    for page in text:
        here = chapters[page]
        if not here:
            continue
        wrong = {}
        for target, shown in CODE_LINK.findall(text[page]):
            there = chapters.get(target)
            if "::" in shown or not there or (there[0] == here[0] and (here[1] or not there[1])):
                continue
            what = (f"`{shown}` links to {target}, chapter {there[0]}'s "
                    f"{'exercise' if there[1] else 'program'}")
            wrong[what] = wrong.get(what, 0) + 1
        problems += [f"{page}: in chapter {here[0]}'s code, {what} ({n}x)" for what, n in wrong.items()]
    return problems


def documented_names(site):
    """The qualified names the site documents, from Doxygen's search index (search/*.js):
    each entry is [key, [name, [url, 1, scope], ...]], the scope being the qualified name itself
    (a namespace, a class, an overload such as `ns::f()`) or the scope the name is in."""
    names = set()
    folder = os.path.join(site, "search")
    if not os.path.isdir(folder):
        return names
    entry = re.compile(r"^\s*\['[^']*',\['((?:[^'\\]|\\.)*)',(.*)\]\],?\s*$")
    scope = re.compile(r"'[^']*',\d+,'((?:[^'\\]|\\.)*)'")
    for name in os.listdir(folder):
        if not name.endswith(".js") or not name.startswith(("all_", "namespaces_")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                m = entry.match(line)
                if not m:
                    continue
                symbol = m.group(1)
                for s in scope.findall(m.group(2)):
                    s = re.sub(r"\(.*\)$", "", s)
                    if not s:
                        continue
                    names.add(s)
                    if s.split("::")[-1] != symbol:
                        names.add(f"{s}::{symbol}")
    return names


def plot_fonts(site):
    """The smallest font size in each gnuplot script staged on the site, by file name: the
    smallest text of the figure of the same name (the terminal's font, or any a panel sets)."""
    fonts = {}
    for name in os.listdir(site):
        if name.endswith(".gp"):
            with open(os.path.join(site, name), encoding="utf-8") as f:
                text = f.read()
            sizes = [float(s) for s in re.findall(r"font\s+['\"][^'\",]*,\s*([\d.]+)", text)]
            if not re.search(r"set\s+term(?:inal)?\s+pngcairo[^\n]*font", text):
                sizes.append(GNUPLOT_DEFAULT_FONT)
            fonts[name] = min(sizes)
    return fonts


def graph_fonts(site):
    """The height in image pixels of the smallest text of each graphviz picture on the site, by the
    PNG's file name: Doxygen draws `\\dotfile x.dot` as dot_x.png, and the site keeps x.dot beside it
    (Figures.cmake). Inline `\\dot` graphs have no file; they get graphviz's defaults."""
    heights = {}
    for name in os.listdir(site):
        if name.endswith(".dot"):
            with open(os.path.join(site, name), encoding="utf-8") as f:
                text = f.read()
            sizes = [float(s) for s in re.findall(r"fontsize\s*=\s*\"?([\d.]+)", text)]
            if not sizes or not re.search(r"node\s*\[[^\]]*fontsize", text):
                sizes.append(DOT_DEFAULT_FONT)
            dpi = re.search(r"\bdpi\s*=\s*\"?([\d.]+)", text)
            scale = (float(dpi.group(1)) if dpi else DOT_DEFAULT_DPI) / 72
            heights["dot_" + name[:-4] + ".png"] = min(sizes) * scale
    return heights


def browser(width, height, phone=False):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("check_site.py: skipped: python3-selenium is not installed (./setup.sh --tests)")
        sys.exit(SKIP)
    for binary in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(binary):
            print(f"check_site.py: skipped: {binary} is missing (./setup.sh --tests installs "
                  "chromium and chromium-driver)")
            sys.exit(SKIP)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                 f"--window-size={width},{height}", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # The pages' own guards (HUNG_S) answer before the driver gives up on a script.
    driver.set_script_timeout(HUNG_S + 60)
    driver.set_page_load_timeout(HUNG_S)
    if phone:
        # A desktop window cannot be made narrower than 500 px; emulate the phone's screen instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    else:
        # The height of the browser's own bars: the window's height less the page's viewport's.
        driver.bars = driver.execute_script("return window.outerHeight - window.innerHeight")
    return driver


# What the reader sees on one page at the current width. Arguments: the documented qualified names,
# the namespaces whose names must be links, whether this is a desktop width, and the readable size.
READER = r"""
const [documented, namespaces, desktop, readablePx, defaultFont, fonts, graphFonts, defaultGraphFont] = arguments;
const known = new Set(documented);
const found = [];
const say = (kind, what) => found.push([kind, what]);
const clip = (s, n = 110) => { s = s.replace(/\s+/g, ' ').trim(); return s.length > n ? s.slice(0, n) + '…' : s; };
const root = document.getElementById('doc-content') || document.body;
const content = root.querySelector('div.contents') || root;

// Text as rendered: text nodes that are visible, grouped by whether they are code or prose.
const hidden = 'script, style, noscript, .MathJax, .MathJax_Display, .MathJax_Preview, .MJX_Assistive_MathML, #MSearchResultsWindow, #MSearchSelectWindow';
const codeLike = 'pre, code, div.fragment, div.line, .memproto, .memname, .memItemLeft, .memItemRight, .memTemplItemLeft, .memTemplItemRight, .memTemplParams, table.params .paramname, .mlabels';
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
const prose = [], code = [];
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.nodeValue.trim() || !el || el.closest(hidden)) continue;
  if (!el.getClientRects().length) continue;  // not displayed
  (el.closest(codeLike) ? code : prose).push(n);
}
const context = (node, index, length) => {
  const text = node.nodeValue;
  return clip(text.slice(Math.max(0, index - 40), index + length + 40));
};
const scan = (nodes, kind, pattern) => {
  for (const n of nodes) {
    pattern.lastIndex = 0;
    const m = pattern.exec(n.nodeValue);
    if (m) say(kind, `${JSON.stringify(m[0])} in "${context(n, m.index, m[0].length)}"`);
  }
};
const all = prose.concat(code);
// In code, <span> may be a C++ header; markup that leaked there has attributes or closes a tag.
const tags = 'td|tr|th|table|thead|tbody|div|span|p|a|img|br|code|pre|em|strong|b|i|sup|sub|ul|ol|li|h[1-6]';
scan(prose, 'raw HTML in the text', new RegExp(`<\\/?(${tags})(\\s[^<>]*)?\\/?>`, 'gi'));
// A source listing shows its file as it is: markup in its string literals (a graphviz label) is code.
if (!location.pathname.endsWith('_source.html'))
  scan(code, 'raw HTML in the text', new RegExp(`<\\/(${tags})>|<(${tags})\\s+[\\w-]+=["'][^<>]*>`, 'gi'));
scan(all, 'raw Doxygen command in the text', /\\ilinebr\b/g);
scan(prose, 'raw Doxygen command in the text', /(^|[^\w\\])[\\@](ref|snippet|image|param|tparam|brief|returns?|code|endcode|link|endlink|see|anchor|section|subsection|page|cite|note|warning|c|p|a|b|em)(?=\s)/g);
scan(prose, 'raw TeX in the text', /\\f[$\[\]{}]|\\\[|\\\(|\\(begin|end)\{|\\(frac|mathbf|mathrm|partial|sum|cdot|odot|hat|sigma|sqrt|times|left|right|operatorname)\b|\$\$/g);
// An option's "--" that Doxygen turned into an en or em dash: the command shown is wrong.
scan(all, 'option with a typographic dash', /(^|[\s(`'"])[\u2013\u2014][a-z][\w-]*/g);
// A formula inside the emphasis splits the text into several nodes, so a lone ** counts too.
scan(prose, 'Markdown emphasis left as text', /\*\*|(^|\s)__\S[^_]*__(?=\s|$)/g);
scan(prose, 'Markdown backtick left as text', /`/g);

// A code block of a page (not a source listing, which shows its file as it is) that starts or ends
// with a blank line, or shows another snippet's marker comment.
if (!location.pathname.endsWith('_source.html')) {
  for (const frag of content.querySelectorAll('div.fragment')) {
    // textContent, not innerText: a block in a collapsed aside is not rendered, and its innerText is empty.
    const lines = [...frag.querySelectorAll(':scope > div.line')].map(l => l.textContent);
    if (!lines.length) continue;
    const first = clip(lines.find(l => l.trim()) || '', 60);
    if (!lines[0].trim() || !lines[lines.length - 1].trim())
      say('code block starts or ends with a blank line', `"${first}"`);
    const marker = lines.find(l => /^\s*\/\/ \[[\w-]+\]\s*$/.test(l));
    if (marker) say('snippet marker shown in code', `${marker.trim()} in the block starting "${first}"`);
  }
}

// A description that is only a snippet marker.
for (const el of content.querySelectorAll('td.mdescRight, td.desc, div.memdoc p, div.textblock p, dd, li')) {
  const text = el.innerText.trim();
  if (/^\[[\w-]+\]$/.test(text)) {
    const row = el.closest('tr');
    const owner = el.closest('div.memitem')?.querySelector('.memname')?.innerText
               || row?.previousElementSibling?.innerText || row?.innerText || '';
    say('description is only a snippet marker', `${text} (for ${clip(owner, 80)})`);
  }
}

// Names in the site's namespaces written as plain text: each must be a link to its page.
if (namespaces.length) {
  const heads = namespaces.map(s => s.replace(/[^\w]/g, '')).join('|');
  const qualified = new RegExp(`(?<![\\w:])((?:${heads})(?:::~?[A-Za-z_]\\w*)+)(?![\\w(]*::)`, 'g');
  for (const n of all) {
    if (n.parentElement.closest('a[href]')) continue;
    // Doxygen's own headings and indexes name the page's subject without a link to itself; a
    // comment or a namespace's opening line in a source listing is not a reference.
    if (n.parentElement.closest('.memname, .memproto, .memtitle, .title, h1, h2, .navpath, ' +
                                '.compoundTemplParams, .classindex, span.comment')) continue;
    for (const m of n.nodeValue.matchAll(qualified)) {
      const name = m[1];
      if (/namespace\s+$/.test(n.nodeValue.slice(0, m.index))) continue;
      if (/::detail(::|$)/.test(name)) continue;  // implementation details are not documented
      say(known.has(name) ? 'unlinked reference to a documented name' : 'name with no documentation page',
          `${name} in "${context(n, m.index, name.length)}"`);
    }
  }
}

if (desktop) {
  // Code and console lines: none may need sideways scrolling or be cut off by the column.
  const right = content.getBoundingClientRect().right;
  for (const box of content.querySelectorAll('div.fragment, pre')) {
    if (box.parentElement.closest('div.fragment, pre') || !box.getClientRects().length) continue;
    const r = box.getBoundingClientRect();
    if (box.scrollWidth - box.clientWidth > 1 || r.right - right > 1) {
      const lines = [...box.querySelectorAll('div.line')];
      const wide = lines.find(l => l.scrollWidth > box.clientWidth) || lines[0];
      const text = wide ? wide.innerText
                 : box.innerText.split('\n').reduce((a, b) => b.length > a.length ? b : a, '');
      say('code line needs sideways scrolling',
          `${box.scrollWidth - box.clientWidth} px beyond a ${box.clientWidth} px box: "${clip(text, 140)}"`);
    }
  }
  for (const table of content.querySelectorAll('table.markdownTable, table.doxtable, table.fieldtable, table.memberdecls')) {
    if (!table.getClientRects().length) continue;
    // doxygen-awesome lets a table's body scroll sideways inside the table: either may overflow.
    const r = table.getBoundingClientRect();
    const over = Math.max(r.right - right, ...[table, ...table.querySelectorAll(':scope > tbody')]
                                              .map(e => e.scrollWidth - e.clientWidth));
    if (over > 1)
      say('table cut off', `${Math.round(over)} px beyond the column: "${clip(table.querySelector('tr')?.innerText || '', 80)}"`);
  }
}

// Code in a table cell that runs past the cell's edge (cut off, or hidden under the next cell).
if (desktop) {
  for (const c of content.querySelectorAll('td code, td .MathJax, td .MathJax_Display')) {
    const cell = c.closest('td');
    if (!c.getClientRects().length) continue;
    const parts = [c, ...c.querySelectorAll('*')].filter(e => e.getClientRects().length);
    const right = Math.max(...parts.map(e => e.getBoundingClientRect().right));
    const over = Math.max(right - cell.getBoundingClientRect().right, c.scrollWidth - c.clientWidth);
    const what = c.matches('code') ? `"${clip(c.innerText, 60)}"`
               : `formula ${clip(c.closest('td').querySelector('script')?.textContent || c.innerText, 60)}`;
    if (over > 1) say('cut off in a table cell', `${what} runs ${Math.round(over)} px past its cell`);
  }
}

// Identifiers in code broken in the middle of a word (a code span with no space over two lines).
// On a phone, names in prose and in Doxygen's member lists may wrap (else the page would widen);
// in the text's tables they stay whole, and the table scrolls.
for (const c of content.querySelectorAll(desktop ? 'td code, p code, li code'
                                                 : 'table.markdownTable td code, table.doxtable td code')) {
  const text = c.innerText;
  if (/\s/.test(text.trim())) continue;
  const lines = new Set([...c.getClientRects()].map(r => Math.round(r.top)));
  if (lines.size > 1) say('identifier broken mid-word', `"${clip(text, 60)}" over ${lines.size} lines`);
}

// A picture opens at full size when it is the content of a link to its own file.
const opensFullSize = img => {
  const link = img.closest('a[href]');
  return Boolean(link) && new URL(link.href).pathname === new URL(img.src).pathname;
};

// Figures: readable where shown, opening at full size, with their gnuplot script beside them.
const script = src => {
  const file = decodeURIComponent(new URL(src).pathname).split('/').pop();
  const gp = file.replace(/\.png$/i, '.gp');
  return [gp, gp in fonts ? fonts[gp] : null];
};
for (const img of content.querySelectorAll('div.image img')) {
  if (!img.getClientRects().length || !img.naturalWidth) continue;
  const name = img.getAttribute('src');
  const [gp, font] = script(img.src);
  const figure = img.closest('div.image');
  const opens = opensFullSize(img);
  if (!opens) say('figure does not open at full size', name);
  const scripts = [...figure.querySelectorAll('a[href]')].filter(a => /\.gp$/.test(new URL(a.href).pathname));
  if (font === null) say('figure has no gnuplot script beside it', `${name}: ${gp} is not on the site`);
  else if (!scripts.length) say('figure has no gnuplot script beside it', `${name}: no link to ${gp}`);
  const shown = img.getBoundingClientRect().width;
  const px = (font === null ? defaultFont : font) * shown / img.naturalWidth;
  if (px < readablePx) {
    const thumbnail = !desktop || img.closest('td');
    const detail = `${name} shown ${Math.round(shown)} px wide of ${img.naturalWidth}: its smallest text (${font === null ? defaultFont + ' pt, assumed' : font + ' pt'}) is ${px.toFixed(1)} px tall`;
    if (!thumbnail) say('figure too small to read', `${detail}; needs ${readablePx} px`);
    else if (!opens) say('figure too small to read', `${detail} and does not open at full size`);
  }
}

// The networks graphviz draws: readable where shown, opening at full size, a run's picture with
// its DOT text beside it (an inline graph's source is the page's own).
for (const img of content.querySelectorAll('div.dotgraph img')) {
  if (!img.getClientRects().length || !img.naturalWidth) continue;
  const name = img.getAttribute('src');
  const opens = opensFullSize(img);
  if (!opens) say('figure does not open at full size', name);
  const inline = /^dot_inline_/.test(name);
  const sources = [...img.closest('div.dotgraph').querySelectorAll('a[href]')]
                    .filter(a => /\.dot$/.test(new URL(a.href).pathname));
  if (!inline && !sources.length) say('figure has no DOT source beside it', name);
  const natural = name in graphFonts ? graphFonts[name] : defaultGraphFont;
  const shown = img.getBoundingClientRect().width;
  const px = natural * shown / img.naturalWidth;
  if (px < readablePx) {
    const detail = `${name} shown ${Math.round(shown)} px wide of ${img.naturalWidth}: its smallest text is ${px.toFixed(1)} px tall`;
    if (desktop) say('figure too small to read', `${detail}; needs ${readablePx} px`);
    else if (!opens) say('figure too small to read', `${detail} and does not open at full size`);
  }
}

// A fold-out block (an exercise's hint) with nothing in it but its title: Doxygen 1.9.4 moves the
// text out of a <details> that has a blank line after its <summary>.
for (const d of content.querySelectorAll('details')) {
  const inside = [...d.childNodes].filter(n => n.nodeName !== 'SUMMARY' && n.textContent.trim());
  if (!inside.length) say('fold-out block with nothing inside', clip(d.querySelector('summary')?.innerText || d.innerText, 80));
}

// The reader's tools that doxygen-awesome ships.
if (!document.querySelector('doxygen-awesome-dark-mode-toggle')) say('reader tool missing', 'no dark-mode toggle');
if (content.querySelector('div.fragment') && !content.querySelector('doxygen-awesome-fragment-copy-button'))
  say('reader tool missing', 'no copy button on code');
const toc = content.querySelector(':scope > .toc');
if (toc && !toc.classList.contains('interactive')) say('reader tool missing', 'the table of contents is not interactive');
// The navigation panel: a long title wraps inside the panel instead of running off its edge.
const nav = document.getElementById('nav-tree');
if (desktop && nav && nav.getClientRects().length) {
  const right = nav.getBoundingClientRect().right;
  for (const label of nav.querySelectorAll('.item .label')) {
    const over = label.getBoundingClientRect().right - right;
    if (label.getClientRects().length && over > 1)
      say('navigation title cut off', `"${clip(label.innerText, 80)}" runs ${Math.round(over)} px past the panel`);
  }
}

const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
const tex = document.querySelectorAll('script[type^="math/tex"]').length;
const rendered = document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG, mjx-container').length;
const errors = document.querySelectorAll('.MathJax_Error, merror, .merror').length;
// With the navigation panel, the page scrolls inside #doc-content rather than the document.
const scroller = document.getElementById('doc-content') || document.documentElement;
return {found, broken, tex, rendered, errors,
        wide: Math.max(document.documentElement.scrollWidth - window.innerWidth,
                       scroller.scrollWidth - scroller.clientWidth, content.scrollWidth - content.clientWidth),
        height: scroller.offsetTop + scroller.scrollHeight};
"""

# Full-text search from the page's search box: each query must list at least one page.
SEARCH = r"""
const [query, patience, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const box = document.getElementById('site-search');
if (!box) { done({missing: true}); return; }
box.focus();
box.value = query;
box.dispatchEvent(new Event('input', {bubbles: true}));
const started = Date.now();
(function poll() {
  const hits = [...document.querySelectorAll('#site-search-results a[href]')].map(a => a.getAttribute('href'));
  if (hits.length || Date.now() - started > patience * 1000) done({hits});
  else setTimeout(poll, 100);
})();
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Resolves once the page has loaded and MathJax has typeset it ("done"), or where the page has no
# MathJax ("none"); "busy" after `patience` seconds. The page polls itself: one call per page.
MATH_WAIT = """
const [patience, done] = [arguments[0], arguments[arguments.length - 1]];
const started = Date.now();
const state = () => (typeof MathJax === 'undefined') ? 'none'
  : (MathJax.Hub && MathJax.Hub.queue && MathJax.Hub.queue.pending === 0 &&
     MathJax.Hub.queue.running === 0 && document.readyState === 'complete') ? 'done' : 'busy';
(function poll() {
  const now = state();
  if (now !== 'busy' || Date.now() - started > patience * 1000) done(now);
  else setTimeout(poll, 20);
})();
"""


def load(driver, url):
    driver.get(url)
    return driver.execute_async_script(MATH_WAIT, HUNG_S) != "busy"


# Resolves once the page's viewport has the size asked for and the browser has drawn two frames
# since: the page is laid out again and its own handlers of the resize have run. A resize is
# asynchronous (the window changes first, the page's viewport later, later still on a busy
# machine), so the page waits for its own size rather than for a number of frames; "hung" after
# `patience` seconds, a guard, not a measure of speed.
RESIZED = """
const [width, height, patience, done] = [arguments[0], arguments[1], arguments[2],
                                         arguments[arguments.length - 1]];
const started = Date.now();
(function frame() {
  if (window.innerWidth === width && window.innerHeight === height)
    requestAnimationFrame(() => requestAnimationFrame(() => done('ok')));
  else if (Date.now() - started > patience * 1000)
    done(`${window.innerWidth} x ${window.innerHeight}`);
  else requestAnimationFrame(frame);
})();
"""


def resize(driver, width, height):
    """Resizes a desktop browser's window to `width` x `height` and waits until the page's viewport
    has that size (the window's height less the browser's own bars); returns None then, otherwise
    what the viewport is after HUNG_S seconds."""
    driver.set_window_size(width, height)
    shown = driver.execute_async_script(RESIZED, width, height - driver.bars, HUNG_S)
    return None if shown == "ok" else shown


def read_page(driver, page, url, names, namespaces, fonts, graphs, desktop, problems, width,
              loaded=False):
    """Loads one page (unless `loaded`: the page already open, its window just resized) and adds
    what a reader would meet there to problems; returns its state."""
    if loaded:
        shown = resize(driver, width, DESKTOP_HEIGHT)
        if shown:
            problems.append(f"{page} @{width}: the page's viewport is {shown} px {HUNG_S} s after "
                            f"the window was resized to {width} x {DESKTOP_HEIGHT}")
            return None
    elif not load(driver, url):
        problems.append(f"{page} @{width}: MathJax did not finish within {HUNG_S} s")
        return None
    state = driver.execute_script(READER, names, namespaces, desktop, READABLE_PX,
                                  GNUPLOT_DEFAULT_FONT, fonts, graphs,
                                  DOT_DEFAULT_FONT * DOT_DEFAULT_DPI / 72)
    for entry in driver.get_log("browser"):
        # MathJax 2 probes for web-font support by loading a font from about:blank, which Chromium
        # refuses; that probe is expected and harmless. The browser also asks every server for
        # /favicon.ico on its own; that is no link of the site's. Anything else counts.
        if entry["level"] == "SEVERE" and not any(
                harmless in entry["message"] for harmless in ("about:blank", "/favicon.ico")):
            problems.append(f"{page} @{width}: JavaScript: {entry['message']}")
    # Each kind of problem once per sighting, at most five sightings a page; then how many more.
    seen = {}
    for kind, what in state["found"]:
        sightings = seen.setdefault(kind, [])
        if what not in sightings:
            sightings.append(what)
    for kind, sightings in seen.items():
        for what in sightings[:5]:
            problems.append(f"{page} @{width}: {kind}: {what}")
        if len(sightings) > 5:
            problems.append(f"{page} @{width}: {kind}: ... and {len(sightings) - 5} more")
    if state["tex"] and state["rendered"] < state["tex"]:
        problems.append(f"{page} @{width}: {state['tex']} formulas, {state['rendered']} rendered")
    if state["errors"]:
        problems.append(f"{page} @{width}: {state['errors']} formulas MathJax could not typeset")
    for src in state["broken"]:
        problems.append(f"{page} @{width}: image did not load: {src}")
    return state


def search_checks(driver, base):
    """The full-text search box finds each of QUERIES on a page that teaches it."""
    problems = []
    for query, teachers in QUERIES.items():
        load(driver, base + "index.html")
        result = driver.execute_async_script(SEARCH, query, HUNG_S)
        if result.get("missing"):
            problems.append(f"index.html: search: no full-text search box (#site-search) "
                            f"to find {query!r}")
        elif not result["hits"]:
            problems.append(f"index.html: search: {query!r} finds no page")
        else:
            hits = [urllib.parse.urlparse(h).path.rsplit("/", 1)[-1]
                    for h in result["hits"][:SEARCH_TOP]]
            if not any(h == t + ".html" for h in hits for t in teachers):
                problems.append(f"index.html: search: {query!r} lists none of "
                                f"{', '.join(teachers)} among its first {SEARCH_TOP} "
                                f"hits: {', '.join(hits)}")
    return problems


def screenshot(driver, state, path, width, phone=False):
    if not phone:
        # The whole page in one picture: the window as tall as the page, once the page has that size.
        resize(driver, width, min(max(DESKTOP_HEIGHT, state["height"] + 100), 30000))
    # A PNG as Selenium's save_screenshot() takes it, compressed for speed rather than size: a whole
    # page is tens of millions of pixels, and the tighter compression took 1.6 times as long.
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def prose_checks(site, text, only):
    """tests/browser/prose.py on the narrative pages (all, or those of --page): the sentence
    limits, each chapter's opening, recap and self-check, numbers in answers that a run produced."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import prose
    if only:
        only = [p[:-5] for p in only if "<!-- PageDoc -->" in text.get(p, "")]
        if not only:
            return []
    failing = prose.check(site, only=only, quiet=True, emit=lambda line: None)
    return [f"{page}.html: prose: {problem} (tests/browser/prose.py --site {site} --page {page} "
            "says more)" for page, problems in failing.items() for problem in problems]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--screenshots", required=True)
    ap.add_argument("--namespace", action="append", default=["dl"],
                    help="a namespace whose names must link to their pages, besides those the "
                         "search index documents (repeatable; default: dl)")
    ap.add_argument("--page", action="append",
                    help="read only this page (repeatable; while working on one page)")
    ap.add_argument("--skip-prose", action="store_true",
                    help="leave out prose.py's checks of the narrative pages' sentences, openings, "
                         "recaps, self-checks and the numbers in answers")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        print(f"check_site.py: {site}/index.html is missing: build the site first "
              "(cmake --build --preset docs)")
        return 1
    pages = sorted(p for p in os.listdir(site) if p.endswith(".html"))
    text = {}
    for page in pages:
        with open(os.path.join(site, page), encoding="utf-8") as f:
            text[page] = f.read()
    problems = static_checks(site, text) + code_link_checks(text)
    if not args.skip_prose:
        problems += prose_checks(site, text, args.page)
    if args.page:
        pages = [p for p in pages if p in args.page]
    names = documented_names(site)
    fonts = plot_fonts(site)
    graphs = graph_fonts(site)
    # The namespaces whose names are checked: the tutorial's library and every namespace the site
    # documents, outermost names only (their nested names match through them).
    namespaces = sorted({n.split("::")[0] for n in names if "::" in n} | set(args.namespace))

    # Served over HTTP on the loopback address, as a reader's local web server would: over file://
    # Chromium refuses MathJax's web fonts (a cross-origin request).
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    os.makedirs(args.screenshots, exist_ok=True)
    # The narrative pages (not the reference pages Doxygen writes per class, namespace or file)
    # are photographed at every width.
    reference = ("class", "struct", "namespace", "dir_", "functions", "globals", "files", "annotated",
                 "hierarchy")
    narrative = [p for p in pages if not p.startswith(reference) and not p.endswith("_source.html")]

    def read(share, search):
        """Every page of `share` at each width, in browsers of this reader's own; the search
        queries too when `search`. Returns the problems found and the screenshots taken. A page is
        loaded once for the desktop widths: read at the first, then its window resized."""
        found, shots = [], 0
        desktop = browser(DESKTOPS[0], DESKTOP_HEIGHT)
        try:
            for page in share:
                for k, width in enumerate(DESKTOPS):
                    state = read_page(desktop, page, base + page, sorted(names), namespaces, fonts,
                                      graphs, True, found, width, loaded=k > 0)
                    # The column holds wide code and tables in their own boxes: the page as a whole
                    # never scrolls sideways at a desktop width.
                    if state and state["wide"] > 2:
                        found.append(f"{page} @{width}: the page scrolls {state['wide']} px sideways")
                    if state and page in narrative:
                        screenshot(desktop, state, os.path.join(
                            args.screenshots, page.replace(".html", f"_{width}.png")), width)
                        shots += 1
                if resize(desktop, DESKTOPS[0], DESKTOP_HEIGHT):
                    found.append(f"{page}: the window did not return to {DESKTOPS[0]} px")
            if search:
                found += search_checks(desktop, base)
        finally:
            desktop.quit()

        # A phone: the text must fit; wide tables and code scroll in their own box.
        phone = browser(PHONE, 844, phone=True)
        try:
            for page in share:
                state = read_page(phone, page, base + page, sorted(names), namespaces, fonts, graphs,
                                  False, found, PHONE)
                if state and state["wide"] > 2:
                    found.append(f"{page} @{PHONE}: {state['wide']} px wider than a {PHONE} px "
                                 "phone screen")
                if state and page in narrative:
                    screenshot(phone, state, os.path.join(
                        args.screenshots, page.replace(".html", f"_{PHONE}.png")), PHONE, phone=True)
                    shots += 1
        finally:
            phone.quit()
        return found, shots

    # One reader per core (at most four), each with every n-th page: the pages are independent,
    # and a browser spends much of a page waiting for it to render.
    readers = max(1, min(4, os.cpu_count() or 1, len(pages)))
    shots = 0
    try:
        with concurrent.futures.ThreadPoolExecutor(readers) as pool:
            shares = [pool.submit(read, pages[k::readers], k == 0) for k in range(readers)]
            for share in shares:
                found, taken = share.result()
                problems += found
                shots += taken
    finally:
        server.shutdown()

    for problem in problems:
        print(problem)
    print(f"check_site.py: {len(pages)} pages read at {', '.join(map(str, DESKTOPS + (PHONE,)))} px, "
          f"{shots} screenshots in {args.screenshots}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
