// The site's own scripts, loaded on every page by the header docs/CMakeLists.txt makes.
//
// 1. Full-text search over every page's words (Doxygen's own box finds symbol names only): a box
//    at the top of the navigation panel. The words come from site-search-index.js, written at
//    build time by docs/search_index.py; lunr (Debian's libjs-lunr) indexes them in the browser
//    the first time the reader types, and every word typed must appear on a page it lists.
// 2. Console output wraps instead of scrolling sideways; each output line becomes a block, so a
//    line that wraps shows its continuation indented (tutorial.css).
(function () {
  "use strict";
  const base = document.currentScript.src.replace(/[^/]*$/, "");
  let ready = null;

  function loadIndex() {
    if (!ready) {
      ready = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = base + "site-search-index.js";
        script.onerror = () => reject(new Error("site-search-index.js did not load"));
        script.onload = () => {
          const pages = window.dlSearchPages;
          // Words are split at anything but letters, digits and underscores, so that
          // "dl::numericalGradient()" is found by "numericalGradient" and "cross-entropy" by both words.
          lunr.tokenizer.separator = /[^A-Za-z0-9_]+/;
          const index = lunr(function () {
            this.ref("i");
            this.field("title", {boost: 10});
            this.field("text");
            // The chapters and guides come before the reference pages that merely list a name.
            const reference = /^(class|struct|namespace|functions|globals|annotated|hierarchy)/;
            pages.forEach((page, i) => this.add({i: i, title: page.title, text: page.text},
                                                {boost: reference.test(page.url) ? 1 : 3}));
          });
          resolve({pages, index});
        };
        document.head.appendChild(script);
      });
    }
    return ready;
  }

  // The first place on the page where one of the words occurs, with some text either side.
  function excerpt(text, words) {
    const lower = text.toLowerCase();
    let at = -1;
    for (const word of words) {
      at = lower.indexOf(word);
      if (at >= 0) break;
    }
    if (at < 0) return text.slice(0, 140) + "…";
    const start = Math.max(0, at - 60);
    return (start ? "…" : "") + text.slice(start, at + 100) + "…";
  }

  function show(box, results, query, found) {
    results.textContent = "";
    if (!query.trim()) {
      results.hidden = true;
      return;
    }
    // Fixed under the box: the navigation panel it sits in clips anything that overflows it.
    const under = box.getBoundingClientRect();
    results.style.top = under.bottom + 4 + "px";
    results.style.left = Math.max(4, under.left) + "px";
    results.hidden = false;
    if (!found.length) {
      const none = document.createElement("p");
      none.textContent = "No page has all of these words.";
      results.appendChild(none);
      return;
    }
    for (const hit of found) {
      const link = document.createElement("a");
      link.href = base + hit.url;
      const title = document.createElement("strong");
      title.textContent = hit.title;
      const text = document.createElement("span");
      text.textContent = hit.excerpt;
      link.append(title, text);
      results.appendChild(link);
    }
  }

  async function search(box, results) {
    const query = box.value;
    const {pages, index} = await loadIndex();
    const words = lunr.tokenizer(query).map(String).filter(Boolean);
    let hits = [];
    if (words.length) {
      hits = index.query(q => {
        for (const word of words)
          q.term(word, {presence: lunr.Query.presence.REQUIRED});
      });
    }
    show(box, results, query, hits.slice(0, 15).map(hit => {
      const page = pages[Number(hit.ref)];
      return {url: page.url, title: page.title, excerpt: excerpt(page.text, words)};
    }));
  }

  // The box takes the place of Doxygen's, which only finds symbols (the page index holds the
  // reference pages too, so symbols are found as well); the dark-mode toggle stays beside it.
  // Doxygen's menu script makes its box when the document is ready, so this waits for it.
  function addSearchBox(tries) {
    const doxygens = document.getElementById("MSearchBox");
    if (!doxygens && tries > 0) {
      requestAnimationFrame(() => addSearchBox(tries - 1));
      return;
    }
    const area = doxygens ? doxygens.parentNode : document.getElementById("titlearea");
    if (!area || document.getElementById("site-search")) return;
    const form = document.createElement("form");
    form.id = "site-search-form";
    form.setAttribute("role", "search");
    const box = document.createElement("input");
    box.id = "site-search";
    box.type = "search";
    box.placeholder = "Search all pages";
    box.setAttribute("aria-label", "Search the words of every page");
    box.autocomplete = "off";
    const results = document.createElement("div");
    results.id = "site-search-results";
    results.hidden = true;
    form.append(box, results);
    area.insertBefore(form, doxygens || null);
    let pending = null;
    box.addEventListener("focus", () => loadIndex());
    box.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(() => search(box, results), 120);
    });
    form.addEventListener("submit", event => {
      event.preventDefault();
      const first = results.querySelector("a");
      if (first) window.location.href = first.href;
    });
    box.addEventListener("keydown", event => {
      if (event.key === "Escape") results.hidden = true;
    });
    document.addEventListener("click", event => {
      if (!form.contains(event.target)) results.hidden = true;
    });
  }

  function wrapConsoleLines() {
    for (const pre of document.querySelectorAll("div.contents pre.fragment")) {
      const lines = pre.textContent.replace(/\n$/, "").split("\n");
      pre.textContent = "";
      for (const line of lines) {
        const span = document.createElement("span");
        span.className = "console-line";
        span.textContent = line || "\u200b";
        pre.appendChild(span);
      }
    }
  }

  // A browser may break a line after a hyphen or a slash, which splits `--learning-rate` into
  // "--" and "learning-rate", a path after its "/", and 4.1e-05 after its "e-": each then reads as
  // something else. Such tokens (up to 40 characters; longer ones may still break) are kept whole,
  // in code, in consoles and in inline code, and so are numbers with an exponent in the prose.
  function keepTokensWhole() {
    const codeToken = /[^\s]*[-/][^\s]*/g, exponent = /\d(?:\.\d+)?e[-+]\d+/g;
    const wrap = (node, pattern) => {
      const text = node.nodeValue;
      const parts = [];
      let last = 0;
      for (const m of text.matchAll(pattern)) {
        if (m[0].length < 3 || m[0].length > 40) continue;
        parts.push(text.slice(last, m.index));
        const span = document.createElement("span");
        span.className = "keep-whole";
        span.textContent = m[0];
        parts.push(span);
        last = m.index + m[0].length;
      }
      if (!parts.length) return;
      parts.push(text.slice(last));
      node.replaceWith(...parts.filter(p => p !== ""));
    };
    const textNodes = (root, skip) => {
      const nodes = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (!skip || !n.parentElement.closest(skip)) nodes.push(n);
      return nodes;
    };
    const contents = document.querySelector("div.contents");
    if (!contents) return;
    for (const el of contents.querySelectorAll("div.fragment div.line, pre.fragment span.console-line, code"))
      for (const n of textNodes(el, ".keep-whole")) wrap(n, codeToken);
    for (const n of textNodes(contents, "code, div.fragment, pre, script, style, .MathJax, .MathJax_Preview, .keep-whole"))
      wrap(n, exponent);
  }

  // Doxygen's navigation panel opens the path to the page but not the page itself, so on a
  // chapter's first page its sections, results and exercises stay hidden under a faint arrow.
  // Open the page's own entry once the panel has been built.
  function openOwnNavEntry(tries) {
    const selected = document.querySelector("#nav-tree .item.selected");
    if (!selected) {
      if (tries > 0) setTimeout(() => openOwnNavEntry(tries - 1), 50);
      return;
    }
    const arrow = selected.querySelector("a > span.arrow");
    if (arrow && arrow.textContent.trim() === "\u25ba") arrow.parentElement.click();
  }

  function start() {
    addSearchBox(120);
    wrapConsoleLines();
    keepTokensWhole();
    openOwnNavEntry(100);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
