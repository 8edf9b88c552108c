// Chapter 2's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output. While it trains: the cost lines. Then landscape.csv and
// landscape_path.csv (the cost around the trained network along two random directions, and the
// training path projected onto them), drawn one step a frame, as the article's opening picture;
// and predictions_*.csv (each sample's ŷ), which a threshold slider sorts into confusion
// matrices without training again.
{  // a block of its own: nothing here becomes a global of the page
dlLive.chapter("tumour_net", {
  intro: "The article's 67 000 iterations take some seconds here. Try fewer hidden units, " +
         "another seed, or a learning rate of 1 or 10.",
  controls: [
    {option: "--learning-rate", label: "Learning rate α"},
    {option: "--iterations", label: "Iterations", integer: true},
    {option: "--hidden", label: "Hidden units", integer: true},
    {option: "--threshold", label: "Threshold"},
    {option: "--seed", label: "Seed", integer: true},
  ],
  setUp(view) {
    const axis = (title, log) => ({type: log ? "logarithmic" : "linear", title: {display: true, text: title},
                                   ticks: log ? {callback: (v) => (/^1/.test(v.toExponential()) ? v.toExponential(0) : "")} : {}});
    view.cost = view.chart("cost", "The cost J every 500 iterations (log scale)", {
      type: "line",
      data: {datasets: [{label: "binary cross-entropy", data: [], borderColor: "#d62728", pointRadius: 0}]},
      options: {parsing: false, scales: {x: axis("iteration"), y: axis("J", true)}},
    });
    const cell = (ctx) => (ctx.chart.chartArea ? ctx.chart.chartArea.width / 61 / 1.4 : 3);
    view.landscape = view.chart("landscape",
      "The cost around the trained network along two random directions (dark: low), and the training path, one snapshot a frame", {
      type: "scatter",
      data: {datasets: [
        {label: "training path", data: [], showLine: true, borderColor: "#d62728",
         backgroundColor: "#d62728", pointRadius: 2.5, order: 0},
        {label: "cost", data: [], pointStyle: "rect", pointRadius: cell, borderWidth: 0, order: 1,
         backgroundColor: (ctx) => (ctx.raw ? ctx.raw.color : "#000")},
      ]},
      options: {parsing: false, scales: {x: axis("s (direction 1)"), y: axis("t (direction 2)")},
                plugins: {legend: {labels: {filter: (item) => item.text !== "cost"}}}},
    });
  },
  onLine(view, text, end) {
    const m = /^Cost after iteration (\d+): ([\d.e+-]+)/.exec(text);
    if (m && end === "\n") {
      view.cost.data.datasets[0].data.push({x: Number(m[1]), y: Math.max(Number(m[2]), 1e-12)});
      view.changed(view.cost);
    }
  },
  onClear(view) {
    if (view.frames) clearInterval(view.frames);
    view.box("matrices").textContent = "";
  },
  onDone(view, files) {
    // The landscape, then the path across it.
    const grid = dlLive.csvColumns(files["landscape.csv"]);
    const colours = dlLive.heatColours(grid.cost, {gamma: 0.5});
    const sets = view.landscape.data.datasets;
    sets[1].data = grid.s.map((s, i) => ({x: s, y: grid.t[i], color: colours[i]}));
    const reach = Math.max(...grid.s);
    Object.assign(view.landscape.options.scales.x, {min: -reach, max: reach});
    Object.assign(view.landscape.options.scales.y, {min: -reach, max: reach});
    const path = dlLive.csvColumns(files["landscape_path.csv"]);
    let shown = 0;
    view.frames = setInterval(() => {
      shown = Math.min(path.s.length, shown + 1);
      sets[0].data = path.s.slice(0, shown).map((s, i) => ({x: s, y: path.t[i]}));
      view.landscape.update("none");
      if (shown === path.s.length) clearInterval(view.frames);
    }, 60);

    // Confusion matrices at any threshold, from the program's predictions.
    const box = view.box("matrices");
    box.textContent = "";
    const sets2 = {training: dlLive.csvColumns(files["predictions_train.csv"]),
                   validation: dlLive.csvColumns(files["predictions_validation.csv"])};
    const label = view.element("label", "dl-live-slider");
    label.appendChild(view.element("span", null, "Threshold: predict malignant when ŷ > "));
    const slider = view.element("input");
    Object.assign(slider, {type: "range", min: "0.01", max: "0.99", step: "0.01",
                           value: document.querySelector("div.dl-live input[name=threshold]").value});
    const shownValue = view.element("strong");
    label.append(slider, shownValue);
    const table = view.element("table", "dl-live-table");
    box.append(label, table);
    const draw = () => {
      const t = Number(slider.value);
      shownValue.textContent = " " + t.toFixed(2);
      table.textContent = "";
      const head = view.element("tr");
      for (const title of ["", "TN (benign, called benign)", "FP (benign, called malignant)",
                           "FN (malignant, called benign)", "TP (malignant, called malignant)", "accuracy"])
        head.appendChild(view.element("th", null, title));
      table.appendChild(head);
      for (const [name, p] of Object.entries(sets2)) {
        const counts = [[0, 0], [0, 0]];
        p.yhat.forEach((yhat, i) => { counts[p.y[i]][yhat > t ? 1 : 0] += 1; });
        const row = view.element("tr");
        row.appendChild(view.element("th", null, name));
        for (const c of [counts[0][0], counts[0][1], counts[1][0], counts[1][1]])
          row.appendChild(view.element("td", null, String(c)));
        row.appendChild(view.element("td", null,
          ((counts[0][0] + counts[1][1]) / p.y.length).toFixed(4)));
        table.appendChild(row);
      }
    };
    slider.addEventListener("input", draw);
    draw();
  },
});
}
