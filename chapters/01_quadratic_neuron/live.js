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
    const axis = (title, log) => ({type: log ? "logarithmic" : "linear", title: {display: true, text: title}});
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
    view.path = view.chart("path", "Gradient descent in the (b, c) plane, one step a frame; the cross is the true (5, 12)", {
      type: "scatter",
      data: {datasets: [
        {label: "path", data: [], showLine: true, borderColor: "#d62728", backgroundColor: "#d62728", pointRadius: 2},
        {label: "true (b, c)", data: [], pointStyle: "crossRot", pointRadius: 9, borderColor: "#000", borderWidth: 2},
      ]},
      options: {parsing: false, scales: {x: axis("b"), y: axis("c")}},
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
    let shown = 0;
    view.frames = setInterval(() => {
      shown = Math.min(h.epoch.length, shown + Math.max(1, Math.ceil(h.epoch.length / 120)));
      path[0].data = h.b.slice(0, shown).map((b, i) => ({x: b, y: h.c[i]}));
      view.path.update("none");
      if (shown === h.epoch.length) clearInterval(view.frames);
    }, 40);
  },
});
