{  // a block of its own: nothing here becomes a global of the page
// Chapter 1's "Run it here" panel (common/live/live.js): which options it offers, and what it
// draws from the program's own output. Numbers are the program's: the console's losses while it
// runs, then history.csv (a, b, c and the loss at every epoch) and summary.json.
dlLive.chapter("quadratic_neuron", {
  intro: "Try a learning rate near the stability limit the program prints, or the article's dJ/dc.",
  controls: [
    {option: "--learning-rate", label: "Learning rate α"},
    {option: "--epochs", label: "Epochs", integer: true},
    {option: "--samples", label: "Samples m", integer: true},
    {option: "--seed", label: "Seed", integer: true},
    {option: "--article-dc", label: "The article's dJ/dc (no factor 2)"},
  ],
  setUp(view) {
    const axis = (title, log) => ({type: log ? "logarithmic" : "linear", title: {display: true, text: title},
                                   ticks: log ? {callback: (v) => (/^1/.test(v.toExponential()) ? v.toExponential(0) : "")} : {}});
    view.fit = view.chart("fit", "The samples (blue) and the neuron's predictions (red), epoch by epoch", {
      type: "scatter",
      data: {datasets: [
        {label: "predicted", data: [], borderColor: "#d62728", backgroundColor: "#d62728", pointRadius: 1.5},
        {label: "real", data: [], borderColor: "#1f77b4", backgroundColor: "#1f77b4", pointRadius: 1.5}]},
      options: {parsing: false, scales: {x: axis("x"), y: axis("y")}},
    });
    view.loss = view.chart("loss", "The loss J at each epoch (log scale)", {
      type: "line",
      data: {datasets: [{label: "mean squared error", data: [], borderColor: "#d62728", pointRadius: 2}]},
      options: {parsing: false, scales: {x: axis("epoch"), y: axis("J", true)}},
    });
    view.parameters = view.chart("parameters", "a, b and c at each epoch; dashed: the true 10, 5 and 12", {
      type: "line",
      data: {datasets: ["a", "b", "c"].map((name, k) => ({
        label: name, data: [], pointRadius: 0, borderColor: ["#1f77b4", "#2ca02c", "#9467bd"][k]}))
        .concat([10, 5, 12].map((v, k) => ({label: "true " + "abc"[k], data: [], borderDash: [6, 4],
          pointRadius: 0, borderWidth: 1, borderColor: ["#1f77b4", "#2ca02c", "#9467bd"][k]})))},
      options: {parsing: false, scales: {x: axis("epoch"), y: axis("value")},
                plugins: {legend: {labels: {filter: (item) => !/^true/.test(item.text)}}}},
    });
    // The loss over (b, c) with a held at 10, from the program's loss_surface.csv, as coloured
    // cells (dark: low), and the run's path over it, one step a frame.
    const cell = (ctx) => (ctx.chart.chartArea ? ctx.chart.chartArea.width / 61 / 1.4 : 3);
    view.path = view.chart("path", "Gradient descent over the loss J(10, b, c), one step a frame; the cross is the true (5, 12)", {
      type: "scatter",
      data: {datasets: [
        {label: "path", data: [], showLine: true, borderColor: "#d62728", backgroundColor: "#d62728",
         pointRadius: 2.5, order: 0},
        {label: "true (b, c)", data: [], pointStyle: "crossRot", pointRadius: 9, borderColor: "#fff",
         borderWidth: 2, order: 1},
        {label: "J", data: [], pointStyle: "rect", pointRadius: cell, borderWidth: 0, order: 2,
         backgroundColor: (ctx) => (ctx.raw ? ctx.raw.color : "#000")},
      ]},
      options: {parsing: false,
                scales: {x: Object.assign(axis("b"), {min: -5, max: 10}),
                         y: Object.assign(axis("c"), {min: 3, max: 20})},
                plugins: {legend: {labels: {filter: (item) => item.text !== "J"}}}},
    });
  },
  onLine(view, text, end) {
    const m = /^epoch\s+(\d+) -+> mean squared error ([\d.e+-]+)/.exec(text);
    if (m && end === "\n") {
      view.loss.data.datasets[0].data.push({x: Number(m[1]), y: Math.max(Number(m[2]), 1e-12)});
      view.changed(view.loss);
    }
  },
  onClear(view) { if (view.frames) clearInterval(view.frames); },
  onDone(view, files) {
    const h = dlLive.csvColumns(files["history.csv"]);
    view.loss.data.datasets[0].data = h.epoch.map((e, i) => ({x: e, y: Math.max(h.loss[i], 1e-12)}));
    const sets = view.parameters.data.datasets;
    ["a", "b", "c"].forEach((name, k) => {
      sets[k].data = h.epoch.map((e, i) => ({x: e, y: h[name][i]}));
      sets[k + 3].data = [{x: 0, y: [10, 5, 12][k]}, {x: h.epoch[h.epoch.length - 1], y: [10, 5, 12][k]}];
    });
    view.changed(view.loss);
    view.changed(view.parameters);
    // The path appears step by step, as in the article's animation.
    const path = view.path.data.datasets;
    path[1].data = [{x: 5, y: 12}];
    const surface = dlLive.csvColumns(files["loss_surface.csv"]);
    // The grid passes through the true (5, 12), where the loss is exactly 0: colour by the log of
    // the loss above a floor.
    const colours = dlLive.heatColours(surface.loss, {floor: 1e-6});
    path[2].data = surface.b.map((b, i) => ({x: b, y: surface.c[i], color: colours[i]}));
    // The samples, and the predictions of the neuron as it was at each epoch: the program's a,
    // b and c put into y = a x² + b x + c.
    const d = dlLive.csvColumns(files["data.csv"]);
    // Sorted by x: with parsing off, Chart.js takes a dataset's x range from its first and last points.
    const step = Math.ceil(d.x.length / 400);
    const samples = d.x.map((x, i) => ({x, y: d.y[i]})).filter((_, i) => i % step === 0)
      .sort((p, q) => p.x - q.x);
    const few = samples.map((p) => p.x);
    view.fit.data.datasets[1].data = samples;
    const ys = d.y.slice();
    const [ylo, yhi] = [Math.min(...ys), Math.max(...ys)];
    Object.assign(view.fit.options.scales.y, {min: Math.floor(ylo - 0.2 * (yhi - ylo)), max: Math.ceil(yhi + 0.2 * (yhi - ylo))});
    let shown = 0;
    view.frames = setInterval(() => {
      shown = Math.min(h.epoch.length, shown + Math.max(1, Math.ceil(h.epoch.length / 120)));
      path[0].data = h.b.slice(0, shown).map((b, i) => ({x: b, y: h.c[i]}));
      const e = shown - 1;
      view.fit.data.datasets[0].data = few.map((x) => ({x, y: h.a[e] * x * x + h.b[e] * x + h.c[e]}));
      view.path.update("none");
      view.fit.update("none");
      if (shown === h.epoch.length) clearInterval(view.frames);
    }, 40);
  },
});
}
