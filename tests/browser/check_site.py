#!/usr/bin/env python3
"""Loads every page of the built site in headless Chromium and fails on what a reader would see go
wrong: a broken internal link or anchor, a missing image, a JavaScript error, a formula that MathJax
left as raw TeX, or a page wider than a phone's screen. Saves a screenshot of each chapter page
(desktop and phone width) into --screenshots.

    check_site.py --site build/release/docs/html --screenshots build/release/screenshots

Exits 77 (CTest's "skipped") with a message when Chromium, its driver or Selenium is missing:
./setup.sh --tests installs them.
"""
import argparse
import functools
import html.parser
import http.server
import os
import sys
import threading
import time
import urllib.parse

SKIP = 77


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


def static_checks(site, pages):
    """Every internal link, anchor and image must exist; every image must have alt text."""
    parsed = {}
    for page in pages:
        p = Links()
        with open(os.path.join(site, page), encoding="utf-8") as f:
            p.feed(f.read())
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
    if phone:
        # A desktop window cannot be made narrower than 500 px; emulate the phone's screen instead.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    return driver


MATH_DONE = """
return (typeof MathJax === 'undefined') ? 'none'
     : (MathJax.Hub && MathJax.Hub.queue && MathJax.Hub.queue.pending === 0 &&
        MathJax.Hub.queue.running === 0 && document.readyState === 'complete') ? 'done' : 'busy';
"""

PAGE_STATE = """
const text = document.body.innerText;
const raw = ['\\\\f$', '\\\\f[', '\\\\f]', '\\\\[', '\\\\(', '\\\\begin{'].filter(t => text.includes(t));
const tex = document.querySelectorAll('script[type^="math/tex"]').length;
const rendered = document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG, mjx-container').length;
const broken = [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src);
const errors = document.querySelectorAll('.MathJax_Error, merror').length;
// With the navigation panel, the page scrolls inside #doc-content rather than the document.
const content = document.getElementById('doc-content') || document.documentElement;
return {raw, tex, rendered, broken, errors,
        wide: Math.max(document.documentElement.scrollWidth, content.scrollWidth) - window.innerWidth,
        height: content.offsetTop + content.scrollHeight};
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def load(driver, url, timeout=20):
    driver.get(url)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if driver.execute_script(MATH_DONE) != "busy":
            break
        time.sleep(0.05)
    else:
        return None
    return driver.execute_script(PAGE_STATE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--screenshots", required=True)
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    if not os.path.exists(os.path.join(site, "index.html")):
        print(f"check_site.py: {site}/index.html is missing: build the site first "
              "(cmake --build --preset docs)")
        return 1
    pages = sorted(p for p in os.listdir(site) if p.endswith(".html"))
    problems = static_checks(site, pages)

    # Served over HTTP on the loopback address, as a reader's local web server would: over file://
    # Chromium refuses MathJax's web fonts (a cross-origin request).
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"

    os.makedirs(args.screenshots, exist_ok=True)
    chapters = [p for p in pages if p.startswith("chapter") or p in ("index.html", "testing.html", "benchmark.html")]
    desktop = browser(1280, 900)
    try:
        for page in pages:
            state = load(desktop, base + page)
            if state is None:
                problems.append(f"{page}: MathJax did not finish within 20 s")
                continue
            for entry in desktop.get_log("browser"):
                # MathJax 2 probes for web-font support by loading a font from about:blank, which
                # Chromium refuses; that probe is expected and harmless. Anything else counts.
                # The browser also asks every server for /favicon.ico on its own; that is no link
                # of the site's.
                if entry["level"] == "SEVERE" and not any(
                        harmless in entry["message"] for harmless in ("about:blank", "/favicon.ico")):
                    problems.append(f"{page}: JavaScript: {entry['message']}")
            if state["raw"]:
                problems.append(f"{page}: raw TeX left in the text: {state['raw']}")
            if state["tex"] and state["rendered"] < state["tex"]:
                problems.append(f"{page}: {state['tex']} formulas, {state['rendered']} rendered")
            if state["errors"]:
                problems.append(f"{page}: {state['errors']} formulas MathJax could not typeset")
            for src in state["broken"]:
                problems.append(f"{page}: image did not load: {src}")
            if page in chapters:
                desktop.set_window_size(1280, max(900, state["height"] + 100))
                desktop.save_screenshot(os.path.join(args.screenshots, page.replace(".html", ".png")))
                desktop.set_window_size(1280, 900)
    finally:
        desktop.quit()

    # A phone: 390 CSS pixels wide. The text must fit; wide tables and code scroll in their own box.
    phone = browser(390, 844, phone=True)
    try:
        for page in chapters:
            state = load(phone, base + page)
            if state and state["wide"] > 2:
                problems.append(f"{page}: {state['wide']} px wider than a 390 px phone screen")
            phone.save_screenshot(os.path.join(args.screenshots, page.replace(".html", "_phone.png")))
    finally:
        phone.quit()
        server.shutdown()

    for problem in problems:
        print(problem)
    print(f"check_site.py: {len(pages)} pages loaded, {len(chapters)} screenshots in "
          f"{args.screenshots}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
