// The "Run it here" panels: each chapter's own program, compiled to WebAssembly, run in the
// reader's browser (common/live/README.md says how the pieces fit).
//
// A page asks for a panel with <div class="dl-live" data-chapter="SLUG">. Nothing heavy loads
// with the page: opening the panel loads Chart.js and the chapter's bundle, live/live_SLUG.js,
// which registers the program (dlLive.register) and the panel's description (dlLive.chapter:
// its controls and plots, chapters/NN_*/live.js). Every run is the program's main() with a
// command line made of the controls, in a Web Worker (worker.js), so the page never waits on
// it; Stop ends the worker. What the address bar or the program says reaches the page as text,
// never as HTML: this file builds every element itself and sets only textContent and value.
//
// For tests and curious readers, window.dlLive.run(settings) runs the page's chapter with
// `settings` ({"learning-rate": 0.25, "article-dc": true, ...}; missing ones keep their
// controls' values) and resolves to the program's summary.json, or rejects with its error.
(function () {
  "use strict";
  const base = document.currentScript.src.replace(/[^/]*$/, "") + "live/";
  const programs = {};  // slug -> object URL of the worker's code
  const chapters = {};  // slug -> the panel's description
  const loading = {};   // url -> Promise of a script's load
  let pagePanel = null;

  function loadScript(url) {
    if (!loading[url]) {
      loading[url] = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = () => reject(new Error(url + " did not load"));
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- the program's own option list: defaults and ranges from its --help ----------------------

  // CLI11 writes "  --epochs UINT:INTEGER in 1 to 10000000=50" and, on the next line, the help.
  function parseHelp(text) {
    const options = {};
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; ++i) {
      const m = /^\s+(?:-\w,)?(--[\w-]+)(?:,!?--[\w-]+)?\s*(.*)$/.exec(lines[i]);
      if (!m) continue;
      let rest = m[2];
      let help = "";
      const split = /^(\S*(?: (?:in|between|to|and|>|>=) \S+)*(?:=\S+(?: \.\.\.)?)?)\s{2,}(.*)$/.exec(rest);
      if (split) { rest = split[1]; help = split[2]; }
      else if (i + 1 < lines.length && /^\s{20,}\S/.test(lines[i + 1])) help = lines[i + 1].trim();
      const option = {name: m[1], help: help, flag: !/[A-Z]+:|^[A-Z]+/.test(rest)};
      // The default: "=50" (CLI11 2.3), or "[50]" at the end (CLI11 2.4); a list "[300,100]".
      const value = /=(\[[^\]]*\]|\S+)/.exec(rest) ||
                    /\s\[(\[[^\]]*\]|[^\]]*)\](?:\s*\.\.\.)?\s*$/.exec(rest);
      if (value) option.default = value[1].replace(/^\[|\]$/g, "");
      const range = /in (\S+) to ([^\s=]+)/.exec(rest) || /between (\S+) and ([^\s=]+)/.exec(rest);
      if (range) option.range = /between/.test(rest) ? "between " + range[1] + " and " + range[2]
                                                     : range[1] + " to " + range[2];
      else if (/NUMBER >= 0/.test(rest)) option.range = "0 or more";
      else if (/NUMBER > 0/.test(rest)) option.range = "more than 0";
      const choices = /\{([^}]*)\}/.exec(rest);
      if (choices && !option.flag) option.range = "one of " + choices[1].split(",").join(", ");
      options[option.name] = option;
    }
    return options;
  }

  // ---- one panel ---------------------------------------------------------------------------------

  class Panel {
    constructor(root, slug) {
      this.root = root;
      this.slug = slug;
      this.worker = null;
      this.controls = {};
      this.build();
    }

    build() {
      const root = this.root;
      root.textContent = "";
      const head = element("div", "dl-live-head");
      head.appendChild(element("strong", null, "Run it here: "));
      head.appendChild(document.createTextNode(
        "this chapter's program, compiled from the same C++ to WebAssembly, runs in your browser."));
      root.appendChild(head);
      this.openButton = element("button", "dl-live-open", "Open the panel");
      this.openButton.type = "button";
      this.openButton.addEventListener("click", () => this.open());
      root.appendChild(this.openButton);
      this.status = element("p", "dl-live-status");
      this.status.setAttribute("role", "status");
      root.appendChild(this.status);
    }

    open() {
      if (this.opening) return this.opening;
      this.openButton.disabled = true;
      this.say("Loading the program…");
      this.opening = loadScript(base + "chart.min.js")
        .then(() => loadScript(base + "live_" + this.slug + ".js"))
        .then(() => this.capture(["--help"]))
        .then((help) => {
          this.options = parseHelp(help.stdout);
          this.spec = chapters[this.slug];
          this.layout();
          this.openButton.remove();
          this.say("Ready. Change a setting, then Run.");
        })
        .catch((error) => {
          this.openButton.disabled = false;
          this.opening = null;
          this.say("The panel could not start: " + error.message);
          throw error;
        });
      return this.opening;
    }

    say(text) { this.status.textContent = text; }

    layout() {
      const spec = this.spec;
      const form = element("form", "dl-live-controls");
      form.addEventListener("submit", (e) => { e.preventDefault(); this.start().catch(() => {}); });
      const params = new URLSearchParams(location.search);
      for (const control of spec.controls) {
        const option = this.options[control.option];
        if (!option) throw new Error(control.option + " is not an option of the program");
        if (!option.flag && option.default === undefined)
          throw new Error("the program's --help gives no default for " + control.option);
        const key = control.option.replace(/^--/, "");
        const row = element("label", "dl-live-control");
        row.appendChild(element("span", "dl-live-label", control.label));
        let input;
        if (option.flag) {
          input = element("input");
          input.type = "checkbox";
        } else if (control.choices) {
          input = element("select");
          for (const choice of control.choices) input.appendChild(element("option", null, choice));
        } else {
          input = element("input");
          input.type = "text";
          input.inputMode = control.integer ? "numeric" : "decimal";
          input.spellcheck = false;
          input.size = control.size || 8;
        }
        input.name = key;
        row.appendChild(input);
        const note = [];
        if (!option.flag) note.push("program default " + option.default);
        if (option.range) note.push(option.range);
        if (control.note) note.push(control.note);
        row.appendChild(element("span", "dl-live-note", note.join("; ")));
        form.appendChild(row);
        const initial = control.start !== undefined ? String(control.start)
                                                    : option.flag ? "" : option.default;
        this.controls[key] = {input, option, control, initial};
        this.setValue(key, params.has(key) ? params.get(key) : initial);
        input.addEventListener("change", () => this.remember());
      }
      const buttons = element("div", "dl-live-buttons");
      this.runButton = element("button", "dl-live-run", "Run");
      this.runButton.type = "submit";
      this.stopButton = element("button", "dl-live-stop", "Stop");
      this.stopButton.type = "button";
      this.stopButton.disabled = true;
      this.stopButton.addEventListener("click", () => this.stop("Stopped."));
      const reset = element("button", "dl-live-reset", "Reset");
      reset.type = "button";
      reset.addEventListener("click", () => this.reset());
      buttons.append(this.runButton, this.stopButton, reset);
      form.appendChild(buttons);
      this.root.insertBefore(form, this.status);
      if (spec.intro) this.root.insertBefore(element("p", "dl-live-intro", spec.intro), form);
      this.console = element("pre", "dl-live-console");
      this.console.setAttribute("aria-label", "the program's output");
      // The console follows the output, unless the reader scrolls up to read.
      this.follow = true;
      this.console.addEventListener("scroll", () => {
        const c = this.console;
        this.follow = c.scrollTop + c.clientHeight >= c.scrollHeight - 8;
      });
      this.root.appendChild(this.console);
      this.figures = element("div", "dl-live-figures");
      this.root.appendChild(this.figures);
      this.view = new View(this);
      if (spec.setUp) spec.setUp(this.view);
    }

    setValue(key, text) {
      const c = this.controls[key];
      if (!c) return;
      if (c.input.type === "checkbox") c.input.checked = text === true || text === "on" || text === "1" || text === "true";
      else c.input.value = String(text);  // as text: the program parses it, and says what is wrong
    }

    // The settings into the address, so that a run can be bookmarked, shared and reloaded.
    remember() {
      const params = new URLSearchParams(location.search);
      for (const [key, c] of Object.entries(this.controls)) {
        const value = c.input.type === "checkbox" ? (c.input.checked ? "on" : "") : c.input.value;
        const initial = c.input.type === "checkbox" ? (c.initial === "on" ? "on" : "") : c.initial;
        if (value === initial) params.delete(key);
        else params.set(key, value);
      }
      const query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    reset() {
      this.stop("");
      for (const [key, c] of Object.entries(this.controls)) this.setValue(key, c.initial);
      this.remember();
      this.console.textContent = "";
      this.view.clear();
      this.say("Reset to the starting values.");
    }

    commandLine() {
      const args = [];
      for (const [key, c] of Object.entries(this.controls)) {
        if (c.input.type === "checkbox") {
          if (c.input.checked) args.push("--" + key);
          else if (c.control.negation) args.push(c.control.negation);
        }
        else args.push("--" + key, c.input.value);
      }
      return args.concat(this.spec.fixed || []);
    }

    // A worker of its own for each run: `onOutput` sees the program's output as it comes.
    launch(args, onOutput, options = {}, reuse = null) {
      const worker = reuse || new Worker(programs[this.slug]);
      let cancel;
      const result = new Promise((resolve, reject) => {
        cancel = () => reject(new Error("stopped"));
        worker.onmessage = (event) => {
          const m = event.data;
          if (m.type === "output") onOutput(m);
          else if (m.type === "done") resolve(m);
          else if (m.type === "trap") reject(new Error("the program stopped: " + m.message));
        };
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error("the program stopped: " + (event.message || "an error in its worker")));
        };
        worker.postMessage({args, files: options.files || {}, only: options.only || null});
      });
      return {worker, result, cancel};
    }

    // A short run beside the training runs (the digit canvas): one worker, kept, runs one
    // command after another, each after the one before. Resolves to the run's "done" message.
    quick(args, options) {
      if (!this.quickWorker) this.quickWorker = new Worker(programs[this.slug]);
      const next = () => this.launch(args, () => {}, options, this.quickWorker).result;
      this.quickQueue = (this.quickQueue || Promise.resolve()).then(next, next);
      return this.quickQueue;
    }

    // Runs the program to the end and returns what it wrote on stdout (for --help).
    capture(args) {
      let stdout = "";
      const run = this.launch(args, (m) => { if (m.fd === 1 && m.end) stdout += m.text + "\n"; });
      return run.result.then((done) => { run.worker.terminate(); return {stdout, done}; },
                             (error) => { run.worker.terminate(); throw error; });
    }

    start() {
      if (this.worker) this.stop("");
      this.remember();
      this.console.textContent = "";
      this.line = null;
      this.follow = true;
      this.view.clear();
      if (this.spec.onStart) this.spec.onStart(this.view);
      const args = this.commandLine();
      const started = performance.now();
      const run = this.launch(args, (m) => this.output(m));
      this.worker = run.worker;
      this.cancel = run.cancel;
      this.runButton.disabled = true;
      this.stopButton.disabled = false;
      this.say("Running…");
      const ticker = setInterval(() => {
        this.say("Running… " + ((performance.now() - started) / 1000).toFixed(1) + " s");
        this.view.update();
      }, 100);
      const finished = run.result.then((done) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        let summary = null;
        if (done.files["summary.json"]) summary = JSON.parse(done.files["summary.json"]);
        if (done.status === 0 && summary) {
          this.say("Finished in " + seconds + " s.");
          this.lastFiles = done.files;
          if (this.spec.onDone) this.spec.onDone(this.view, done.files, summary);
          this.view.update();
          return summary;
        }
        const last = this.lastError || "exit status " + done.status;
        this.say("The program stopped with an error after " + seconds + " s: " + last);
        throw new Error(last);
      }).catch((error) => {
        if (error.message === "stopped") throw error;
        if (!/^The program stopped with an error/.test(this.status.textContent))
          this.say("The run failed: " + error.message + ". You can run it again.");
        throw error;
      }).finally(() => {
        clearInterval(ticker);
        if (this.worker === run.worker) this.finishRun();
      });
      this.running = finished;
      this.lastError = null;
      return finished;
    }

    finishRun() {
      if (this.worker) this.worker.terminate();
      this.worker = null;
      this.runButton.disabled = false;
      this.stopButton.disabled = true;
    }

    stop(message) {
      if (!this.worker) return;
      const cancel = this.cancel;
      this.finishRun();
      if (message) this.say(message);
      cancel();  // the run's promise rejects with "stopped"; its ticker ends
    }

    // A terminal's rules: '\n' ends a line, '\r' goes back to its start (Keras's progress bar
    // writes itself over), and a flush shows what the line has so far.
    output(m) {
      if (!this.line) {
        this.line = element("span", m.fd === 2 ? "dl-live-err" : null);
        this.console.appendChild(this.line);
        this.lineText = "";
      }
      if (this.overwrite && m.text) { this.lineText = ""; this.overwrite = false; }
      this.lineText += m.text;
      this.line.textContent = this.lineText;
      const text = this.lineText;
      if (m.end === "\n") {
        this.console.appendChild(document.createTextNode("\n"));
        this.line = null;
        this.overwrite = false;
        if (m.fd === 2 && text) this.lastError = text;
      } else if (m.end === "\r") {
        this.overwrite = true;
      }
      if (this.follow) this.console.scrollTop = this.console.scrollHeight;
      if (this.spec.onLine && text && m.end) this.spec.onLine(this.view, text, m.end);
    }
  }

  // ---- what a chapter's description draws with --------------------------------------------------

  class View {
    constructor(panel) {
      this.panel = panel;
      this.quick = (args, options) => panel.quick(args, options);
      this.charts = {};
      this.dirty = new Set();
    }

    // A Chart.js chart in its own figure, made once and emptied by clear().
    chart(name, caption, config) {
      if (this.charts[name]) return this.charts[name];
      const figure = element("figure", "dl-live-figure");
      const box = element("div", "dl-live-canvas");
      const canvas = element("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", caption);
      box.appendChild(canvas);
      figure.appendChild(box);
      figure.appendChild(element("figcaption", null, caption));
      this.panel.figures.appendChild(figure);
      config.options = Object.assign({animation: false, maintainAspectRatio: false,
                                      responsive: true}, config.options || {});
      const chart = new Chart(canvas, config);
      this.charts[name] = chart;
      return chart;
    }

    // Marks a chart to redraw at the next tick (at most ten times a second).
    changed(chart) { this.dirty.add(chart); }

    update() {
      for (const chart of this.dirty) chart.update("none");
      this.dirty.clear();
    }

    clear() {
      for (const [name, chart] of Object.entries(this.charts)) {
        if (this.panel.spec.keep && this.panel.spec.keep.includes(name)) continue;
        for (const set of chart.data.datasets) set.data = [];
        chart.update("none");
      }
      this.dirty.clear();
      if (this.panel.spec && this.panel.spec.onClear) this.panel.spec.onClear(this);
    }

    // An element of the page, made as everywhere in the panel: text goes in as text, never HTML.
    element(tag, className, text) { return element(tag, className, text); }

    // A small element of the panel's own, below the charts (a table, a slider).
    box(name) {
      this.boxes = this.boxes || {};
      if (!this.boxes[name]) {
        this.boxes[name] = element("div", "dl-live-box");
        this.panel.figures.appendChild(this.boxes[name]);
      }
      return this.boxes[name];
    }
  }

  // CSV text (a header line, then numbers) as {column: [values]}.
  function csvColumns(text) {
    const lines = text.trim().split("\n");
    const names = lines[0].split(",");
    const columns = {};
    names.forEach((n) => { columns[n] = []; });
    for (const line of lines.slice(1)) {
      line.split(",").forEach((v, j) => columns[names[j]].push(Number(v)));
    }
    return columns;
  }

  // The colours of a heat map (a loss surface): each value's logarithm, from dark blue (lowest) to
  // pale yellow (highest). Values below `floor` count as `floor` (a surface through its minimum
  // holds an exact 0); a `gamma` below 1 gives the low values more of the scale.
  function heatColours(values, {floor = 0, gamma = 1} = {}) {
    const logs = values.map((v) => Math.log(Math.max(v, floor)));
    const lo = Math.min(...logs), hi = Math.max(...logs);
    const dark = [38, 52, 110], pale = [250, 235, 160];
    return logs.map((l) => {
      const t = Math.pow(hi > lo ? (l - lo) / (hi - lo) : 0, gamma);
      return "rgb(" + dark.map((v, k) => Math.round(v + (pale[k] - v) * t)).join(",") + ")";
    });
  }

  window.dlLive = {
    register(slug, code) {
      programs[slug] = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
    },
    chapter(slug, spec) { chapters[slug] = spec; },
    csvColumns,
    heatColours,
    parseHelp,
    // The page's panel, run with `settings`: resolves to summary.json (see the file comment).
    run(settings) {
      if (!pagePanel) return Promise.reject(new Error("this page has no Run-it-here panel"));
      return pagePanel.open().then(() => {
        for (const [key, value] of Object.entries(settings || {})) {
          if (!pagePanel.controls[key]) throw new Error("no control " + key);
          pagePanel.setValue(key, value);
        }
        return pagePanel.start();
      });
    },
    stop() { if (pagePanel) pagePanel.stop("Stopped."); },
    // Opens the page's panel (loads the program), without running it.
    open() { return pagePanel ? pagePanel.open() : Promise.reject(new Error("no panel")); },
  };

  function setUp() {
    const roots = document.querySelectorAll("div.dl-live[data-chapter]");
    roots.forEach((root, k) => {
      const panel = new Panel(root, root.getAttribute("data-chapter"));
      if (k === 0) pagePanel = panel;
      // An address with settings in it opens the panel with them (without running).
      const keys = Array.from(new URLSearchParams(location.search).keys());
      if (k === 0 && keys.length) panel.open().catch(() => {});
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
