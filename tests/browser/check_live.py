#!/usr/bin/env python3
"""The "Run it here" panels, used in headless Chromium as a reader would, and held to the native
programs: fails unless

- every chapter's panel, opened as a file (file://, with none of the browser's file-access flags)
  and from a web server, runs the chapter's program and gives the native program's numbers:
  chapter 1's a, b and c to 6 significant digits; chapter 2's every printed cost (6 digits) and
  its confusion matrices exactly; chapter 3's train and test RMSEs to 4 significant digits;
  chapter 4's test accuracy within 0.2 percentage points. The native numbers are the summary.json
  and console.txt of the runs the docs build made (build/release/output), with the defaults and
  with one other setting per chapter;
- a bad value gets the program's own one-line error, in the console and the status line, and
  the panel then runs again; a diverging run shows the program's own message;
- Stop takes effect at once (the status says so when the click returns) and ends the program
  before its next output; the page answers while a run trains (the output comes in separate
  updates and the page's own timer fires before the last: training on the page's own thread
  would hold every timer and show the output at once, when the run ends);
  chapter 4's progress bar moves while an epoch trains, at least once per 5 000 images;
- hostile addresses (markup and script in every setting, out-of-range and non-numeric values, a
  huge epoch count) run no script, show the values as text, end in a clear message, and leave a
  page that still runs.

Saves a screenshot of each panel mid-run, at a desktop's and a phone's width, into --screenshots.

    check_live.py --site build/release/docs/html --outputs build/release/output --screenshots DIR

No verdict depends on how busy the machine is: each check compares what the page did in what
order (outputs, timer ticks, clicks), never how long it took. The waits below are there only so
that a page that hangs ends the test; they are minutes long.

Exits 77 (CTest's "skipped") when Chromium, its driver or Selenium is missing.
"""
import argparse
import functools
import http.server
import json
import os
import re
import sys
import threading
import time

SKIP = 77
# How long a wait may last before the page counts as hung: a guard against a test that never ends,
# not a measure of speed (a busy machine may take many times longer than an idle one).
HUNG_S = 300
PAGES = {"quadratic_neuron": "chapter1.html", "tumour_net": "chapter2.html",
         "boston_regression": "chapter3.html", "mnist_mlp": "chapter4.html"}
# Chapter 4's panel starts from 2 000 training images and 10 epochs (chapters/04_mnist_mlp/live.js):
# its native twin is the docs build's limit_2000_epochs_10 run.
RUNS = {
    "quadratic_neuron": [({}, ""), ({"learning-rate": "0.25"}, "lr_0.25")],
    "tumour_net": [({}, ""), ({"seed": "2"}, "seed_2")],
    "boston_regression": [({}, ""), ({"weight-decay": "0"}, "no_weight_decay")],
    "mnist_mlp": [({}, "limit_2000_epochs_10"), ({"batch-size": "64"}, "limit_2000_batch_64")],
}


def browser(width, height, phone=False):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        print("check_live.py: skipped: python3-selenium is not installed (./setup.sh --tests)")
        sys.exit(SKIP)
    for binary in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
        if not os.path.exists(binary):
            print(f"check_live.py: skipped: {binary} is missing (./setup.sh --tests)")
            sys.exit(SKIP)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    # No --allow-file-access-from-files: the panels must work in a reader's browser as it is.
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 f"--window-size={width},{height}", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(1800)
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
    return driver


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Runs the page's panel with `settings` and hands back the summary or the error, the console's
# text and the status line; while it runs, records in one sequence each tick of a 50 ms timer and
# each change of the console (with its last line): the order in which the page did things.
RUN = r"""
const [settings, done] = [arguments[0], arguments[arguments.length - 1]];
const panel = document.querySelector("div.dl-live");
dlLive.open().then(() => {
const events = [];
const timer = setInterval(() => events.push(["tick"]), 50);
let observer = null;
dlLive.run(settings).then(
  (summary) => ({summary}), (error) => ({error: String(error.message || error)})
).then((result) => {
  clearInterval(timer);
  if (observer) observer.disconnect();
  result.console = panel.querySelector("pre.dl-live-console").textContent;
  result.status = panel.querySelector(".dl-live-status").textContent;
  result.events = events;
  done(result);
});
const watch = () => {
  const c = panel.querySelector("pre.dl-live-console");
  if (!c) return setTimeout(watch, 20);
  observer = new MutationObserver(() => {
    const lines = c.textContent.split("\n");
    events.push(["output", lines[lines.length - 1] || lines[lines.length - 2] || ""]);
  });
  observer.observe(c, {childList: true, subtree: true, characterData: true});
};
watch();
}, (error) => done({error: "the panel did not open: " + error.message, console: "", status: ""}));
"""


def answered(events):
    """Whether the page answered while the run was under way: its output reached the console in
    separate updates, and the page's own timer fired before the last of them. A page that trained
    on its own thread would hold every timer and show the whole output in one update when the run
    ended. (A fast program may print in one burst: its outputs still come as separate updates, but
    no timer need fire between them.) Returns a problem, or None."""
    outputs = [i for i, (kind, *_) in enumerate(events) if kind == "output"]
    if len(outputs) < 2:
        return f"the console changed {len(outputs)} time(s) during the run: its output came all at once"
    if not any(kind == "tick" for kind, *_ in events[:outputs[-1]]):
        return (f"the page's timer never fired before the run's last output ({len(outputs)} "
                f"outputs): the page did not answer while it ran")
    return None


def midway(driver, seconds):
    """Starts the page's panel with its current settings and returns once it has run `seconds`
    (or finished): the moment of a screenshot mid-run."""
    driver.execute_script("dlLive.run({}).catch(() => {});")
    deadline = time.time() + HUNG_S
    while time.time() < deadline:
        status = driver.execute_script(
            "const s = document.querySelector('div.dl-live .dl-live-status'); return s ? s.textContent : ''")
        ran = re.match(r"Running… ([\d.]+) s", status)
        if (ran and float(ran.group(1)) >= seconds) or status.startswith(("Finished", "The program")):
            return
        time.sleep(0.1)


def run(driver, settings):
    return driver.execute_async_script(RUN, settings)


def load(driver, url):
    driver.get(url)
    deadline = time.time() + HUNG_S
    while time.time() < deadline:
        if driver.execute_script("return !!(window.dlLive && document.querySelector('div.dl-live'))"):
            return True
        time.sleep(0.05)
    return False


def native(outputs, slug, variant):
    """The summary (None for a run that failed, as it should) and the console of a docs run."""
    folder = os.path.join(outputs, slug, variant) if variant else os.path.join(outputs, slug)
    summary = None
    if os.path.exists(os.path.join(folder, "summary.json")):
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
    with open(os.path.join(folder, "console.txt"), encoding="utf-8") as f:
        console = f.read()
    return summary, console


def close(a, b, digits):
    """a and b agree to `digits` significant digits."""
    if a == b:
        return True
    return abs(a - b) <= 0.5 * 10 ** (1 - digits) * max(abs(a), abs(b))


def compare(slug, page, summary, console, problems, where):
    if slug == "quadratic_neuron":
        for key in ("a", "b", "c"):
            if not close(page[key], summary[key], 6):
                problems.append(f"{where}: {key} = {page[key]!r}, the native program's {summary[key]!r}")
    elif slug == "tumour_net":
        costs = lambda text: [l for l in text.splitlines() if l.startswith("Cost after iteration")]
        mine, theirs = costs(page["_console"]), costs(console)
        if mine != theirs:
            diff = next((f"'{a}' against '{b}'" for a, b in zip(mine, theirs) if a != b),
                        f"{len(mine)} cost lines against {len(theirs)}")
            problems.append(f"{where}: the printed costs differ from the native program's: {diff}")
        for t_page, t_native in zip(page["thresholds"], summary["thresholds"]):
            for key in ("confusion_matrix_train", "confusion_matrix_validation"):
                if t_page[key] != t_native[key]:
                    problems.append(f"{where}: threshold {t_native['threshold']}: {key} "
                                    f"{t_page[key]} against {t_native[key]}")
    elif slug == "boston_regression":
        for model, numbers in summary["models"].items():
            for key in ("train_rmse", "test_rmse"):
                if not close(page["models"][model][key], numbers[key], 4):
                    problems.append(f"{where}: {model} {key} = {page['models'][model][key]!r}, "
                                    f"the native program's {numbers[key]!r}")
        for a, b in zip(page["improved_test_rmse_per_split"], summary["improved_test_rmse_per_split"]):
            if not close(a, b, 4):
                problems.append(f"{where}: a split's test RMSE {a!r} against {b!r}")
    elif slug == "mnist_mlp":
        if page["training_images"] != summary["training_images"]:
            problems.append(f"{where}: trained on {page['training_images']} images, "
                            f"the native run on {summary['training_images']}")
        if abs(page["test_accuracy"] - summary["test_accuracy"]) > 0.002:
            problems.append(f"{where}: test accuracy {page['test_accuracy']:.4f}, the native "
                            f"program's {summary['test_accuracy']:.4f} (more than 0.2 points apart)")


def check_chapter(driver, base, slug, outputs, problems, runs, shots, mode):
    url = base + PAGES[slug]
    if not load(driver, url):
        problems.append(f"{mode} {PAGES[slug]}: no panel, or live.js did not load")
        return
    for settings, variant in runs:
        where = f"{mode} {PAGES[slug]} {json.dumps(settings)}"
        result = run(driver, settings)
        if "error" in result:
            problems.append(f"{where}: the run failed: {result['error']} (status: {result['status']})")
            continue
        page = result["summary"]
        page["_console"] = result["console"]
        compare(slug, page, *native(outputs, slug, variant), problems, where)
        frozen = answered(result["events"])
        if frozen:
            problems.append(f"{where}: {frozen}")
        print(f"check_live.py: {where}: ok, {result['status']}")
        if slug == "tumour_net" and not variant:
            check_slider(driver, native(outputs, slug, variant)[0], problems, where)
    if shots:
        # Mid-run: start the defaults again and photograph the panel while it trains.
        midway(driver, 8 if slug == "mnist_mlp" else 3)  # chapter 4 first reads its 70 000 images
        panel = driver.find_element("css selector", "div.dl-live")
        driver.execute_script("arguments[0].scrollIntoView()", panel)
        panel.screenshot(os.path.join(shots, f"live_{slug}_{mode}.png"))
        driver.execute_script("dlLive.stop()")


SLIDER = """
const slider = document.querySelector("div.dl-live input[type=range]");
slider.value = arguments[0];
slider.dispatchEvent(new Event("input"));
return Array.from(document.querySelectorAll("div.dl-live table.dl-live-table tr"))
  .slice(1).map((row) => Array.from(row.querySelectorAll("td")).slice(0, 4).map((td) => Number(td.textContent)));
"""


def check_slider(driver, summary, problems, where):
    """Chapter 2's threshold slider sorts the program's predictions as the program does."""
    for t in summary["thresholds"]:
        rows = driver.execute_script(SLIDER, str(t["threshold"]))
        for row, key in zip(rows, ("confusion_matrix_train", "confusion_matrix_validation")):
            m = t[key]
            if row != [m[0][0], m[0][1], m[1][0], m[1][1]]:
                problems.append(f"{where}: the slider at {t['threshold']} shows {row} for {key}, "
                                f"the program printed {m}")


# Draws strokes on chapter 4's canvas with pointer events, as a reader's mouse would, and waits
# for the site's network to give its ten probabilities. Strokes are lists of (x, y) on the
# canvas's 280 x 280 grid.
DRAW = """
const [strokes, patience, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const pad = document.querySelector("div.dl-live canvas.dl-live-pad");
document.querySelector("div.dl-live button.dl-live-clear").click();
const r = pad.getBoundingClientRect();
const event = (type, [x, y]) => pad.dispatchEvent(new PointerEvent(type, {
  bubbles: true, pointerId: 1, clientX: r.left + x * r.width / 280, clientY: r.top + y * r.height / 280}));
const chart = Chart.getChart(document.querySelector("div.dl-live canvas[aria-label^='The ten probabilities']"));
for (const stroke of strokes) {
  chart.data.datasets[0].data = [];
  event("pointerdown", stroke[0]);
  for (const point of stroke.slice(1)) event("pointermove", point);
  event("pointerup", stroke[stroke.length - 1]);
}
const started = performance.now();
const poll = () => {
  const data = chart.data.datasets[0].data;
  if (data.length === 10) return done(data.map((d) => d.y));
  if (performance.now() - started > patience * 1000) return done(null);
  setTimeout(poll, 100);
};
poll();
"""
DIGITS = {
    1: [[(140, 40), (140, 240)]],
    7: [[(70, 50), (210, 50), (120, 250)]],
    0: [[(140, 40), (200, 80), (215, 140), (200, 200), (140, 240), (80, 200), (65, 140), (80, 80), (140, 40)]],
}


def check_drawing(driver, base, problems):
    load(driver, base + "chapter4.html")
    driver.execute_async_script("const done = arguments[0]; dlLive.open().then(() => done(1), () => done(0));")
    for digit, strokes in DIGITS.items():
        p = driver.execute_async_script(DRAW, strokes, HUNG_S)
        if p is None:
            problems.append(f"chapter4: no probabilities for a drawn {digit} within {HUNG_S} s")
            continue
        if abs(sum(p) - 1) > 1e-3 or p.index(max(p)) != digit:
            problems.append(f"chapter4: a drawn {digit} was read as {p.index(max(p))} "
                            f"(probabilities {[round(x, 3) for x in p]})")
        else:
            print(f"check_live.py: chapter4: a drawn {digit} is read as {digit} ({max(p):.3f})")


def check_errors(driver, base, outputs, problems):
    """A bad value, a diverging run, Stop, and the panel running again after each."""
    if not load(driver, base + "chapter1.html"):
        problems.append("chapter1.html: no panel, or live.js did not load")
        return
    result = run(driver, {"epochs": "many"})
    if "error" not in result or "quadratic_neuron: error: --epochs" not in result["console"]:
        problems.append(f"chapter1: --epochs many: no error from the program's option parsing "
                        f"(console: {result.get('console', '')[:200]!r})")
    elif "--epochs" not in result["status"]:
        problems.append(f"chapter1: --epochs many: the status line does not name the option: {result['status']!r}")
    _, failing = native(outputs, "quadratic_neuron", "lr_0.3")
    result = run(driver, {"epochs": "50", "learning-rate": "0.3"})
    message = failing.strip().splitlines()[-1]
    if "error" not in result or message not in result["console"]:
        problems.append(f"chapter1: learning rate 0.3: the native program's message {message!r} "
                        f"is not in the panel's console")
    result = run(driver, {"learning-rate": "0.1"})
    if "error" in result:
        problems.append(f"chapter1: after two failed runs the panel did not run again: {result['error']}")

    load(driver, base + "chapter2.html")
    stop = driver.execute_async_script(STOP)
    if stop["status"] != "Stopped." or stop["runDisabled"]:
        problems.append(f"chapter2: right after Stop the status is {stop['status']!r} and Run is "
                        f"{'disabled' if stop['runDisabled'] else 'enabled'}")
    if stop["after"]:
        problems.append(f"chapter2: the console changed {stop['after']} time(s) after Stop, in a "
                        f"wait in which the running program had printed {2 * stop['before']} times")


# Starts chapter 2's default run, clicks Stop in the same task as the run's fourth output, and then
# watches the console for twice as long as those four outputs took (at least a second): a program
# still running would have printed about eight more times. Hands back what the panel showed right
# after the click and how often the console changed after it.
STOP = r"""
const done = arguments[arguments.length - 1];
const panel = document.querySelector("div.dl-live");
dlLive.open().then(() => {
  dlLive.run({}).catch(() => {});
  const c = panel.querySelector("pre.dl-live-console");
  let before = 0, after = 0, first = 0, stopped = null;
  new MutationObserver(() => {
    if (stopped) { after += 1; return; }
    before += 1;
    if (before === 1) first = performance.now();
    if (before < 4) return;
    const took = performance.now() - first;
    panel.querySelector("button.dl-live-stop").click();
    stopped = {status: panel.querySelector(".dl-live-status").textContent,
               runDisabled: panel.querySelector("button.dl-live-run").disabled};
    setTimeout(() => done({...stopped, before, after}), Math.max(1000, 2 * took));
  }).observe(c, {childList: true, subtree: true, characterData: true});
});
"""


HOSTILE = {
    "learning-rate": "<img src=x onerror=\"window.__pwned=1\">",
    "epochs": "<script>window.__pwned=1</script>",
    "samples": "99999999999999999999",
    "seed": "-1",
    "article-dc": "\"><svg onload=window.__pwned=1>",
    "<b>x</b>": "<b>y</b>",
}


def check_hostile(driver, base, problems):
    import urllib.parse
    url = base + "chapter1.html?" + urllib.parse.urlencode(HOSTILE)
    driver.get(url)
    deadline = time.time() + 20
    while time.time() < deadline and not driver.execute_script(
            "return document.querySelectorAll('div.dl-live input').length > 0"):
        time.sleep(0.1)
    shown = driver.execute_script(
        "return document.querySelector('div.dl-live input[name=\"learning-rate\"]').value")
    if shown != HOSTILE["learning-rate"]:
        problems.append(f"hostile address: the learning rate field shows {shown!r}, not the text given")
    result = run(driver, {})
    if "error" not in result or "quadratic_neuron: error:" not in result["console"]:
        problems.append(f"hostile address: no clear error from the program (status {result.get('status')!r})")
    injected = driver.execute_script(
        "return [window.__pwned === 1, document.querySelectorAll('div.dl-live img, div.dl-live svg, "
        "div.dl-live script, div.dl-live b').length]")
    if injected[0] or injected[1]:
        problems.append(f"hostile address: markup from the address ran or became elements: {injected}")
    # Huge but valid: the run starts, and Stop ends it.
    driver.get(base + "chapter1.html?epochs=10000000&samples=10000000")
    load(driver, base + "chapter1.html?epochs=10000000&samples=10000000")
    driver.execute_script("window.__huge = dlLive.run({}).catch((e) => String(e.message));")
    time.sleep(2)
    driver.execute_script("document.querySelector('div.dl-live button.dl-live-stop').click()")
    result = run(driver, {"epochs": "50", "samples": "1000"})
    if "error" in result:
        problems.append(f"hostile address: after a huge run was stopped the panel did not run: {result['error']}")


# Chapter 4's progress check: two epochs of 10 000 images, each 313 steps of 32.
PROGRESS_RUN = {"epochs": "2", "limit": "10000"}
PROGRESS_EVERY = 5000  # images: the bar must move at least this often while an epoch trains


def check_progress(driver, base, problems):
    """While an epoch trains, Keras's progress bar moves: the page shows it mid-epoch at least once
    per PROGRESS_EVERY images (twice in each epoch of 10 000), and the page's timer fires between
    the outputs. (Between epochs the program measures the 5 000 validation images, and says so
    when it is done, as Keras does.) The program redraws its bar every 0.1 s of its own time, so a
    busy machine shows it more often per image, never less."""
    load(driver, base + "chapter4.html")
    result = run(driver, PROGRESS_RUN)
    if "error" in result:
        problems.append(f"chapter4: no run to see the progress in ({result['error']})")
        return
    epochs, last = [], None
    for kind, *line in result["events"]:
        bar = re.match(r"(\d+)/(\d+) \[", line[0]) if kind == "output" else None
        if not bar or bar.group(1) == bar.group(2):  # not the bar, or the bar at the epoch's end
            continue
        step = int(bar.group(1))
        if last is None or step < last:
            epochs.append(set())
        epochs[-1].add(step)
        last = step
    wanted = int(PROGRESS_RUN["limit"]) // PROGRESS_EVERY
    seen = [len(e) for e in epochs]
    if len(epochs) != int(PROGRESS_RUN["epochs"]) or min(seen, default=0) < wanted:
        problems.append(f"chapter4: the progress bar showed {seen} different mid-epoch steps in "
                        f"the epochs of a run of {PROGRESS_RUN}: it must move at least once per "
                        f"{PROGRESS_EVERY} images ({wanted} times an epoch)")
    frozen = answered(result["events"])
    if frozen:
        problems.append(f"chapter4: {frozen}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--outputs", required=True)
    ap.add_argument("--screenshots", required=True)
    ap.add_argument("--chapter", action="append", help="only these chapters' slugs")
    ap.add_argument("--no-runs", action="store_true",
                    help="skip the runs held to the native numbers (the other checks only)")
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    os.makedirs(args.screenshots, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    served = f"http://127.0.0.1:{server.server_address[1]}/"
    files = "file://" + site + "/"
    problems = []
    slugs = args.chapter or list(PAGES)
    driver = browser(1280, 1000)
    try:
        for slug in ([] if args.no_runs else slugs):
            # The defaults from the server, the other setting as a file: both ways, both settings.
            check_chapter(driver, served, slug, args.outputs, problems, RUNS[slug][:1], args.screenshots, "http")
            check_chapter(driver, files, slug, args.outputs, problems, RUNS[slug][1:], None, "file")
        if not args.chapter:
            check_errors(driver, served, args.outputs, problems)
            check_hostile(driver, files, problems)
            check_progress(driver, served, problems)
            check_drawing(driver, files, problems)
        for entry in driver.get_log("browser"):
            # As in check_site.py: MathJax 2's font probe from about:blank, and the browser's own
            # request for /favicon.ico, are expected. Anything else counts.
            if entry["level"] == "SEVERE" and not any(
                    harmless in entry["message"] for harmless in ("about:blank", "/favicon.ico")):
                problems.append(f"JavaScript error: {entry['message']}")
    finally:
        driver.quit()
    phone = browser(390, 844, phone=True)
    try:
        for slug in slugs:
            load(phone, served + PAGES[slug])
            midway(phone, 8 if slug == "mnist_mlp" else 3)
            width = phone.execute_script("return document.documentElement.scrollWidth")
            if width > 390:
                problems.append(f"{PAGES[slug]} @390: the page with its panel open is {width} px wide")
            panel = phone.find_element("css selector", "div.dl-live")
            phone.execute_script("arguments[0].scrollIntoView()", panel)
            phone.save_screenshot(os.path.join(args.screenshots, f"live_{slug}_phone.png"))
            phone.execute_script("dlLive.stop()")
    finally:
        phone.quit()
    server.shutdown()
    for p in problems:
        print("check_live.py: " + p)
    print(f"check_live.py: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
