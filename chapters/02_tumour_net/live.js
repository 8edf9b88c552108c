// Chapter 2's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output: the cost lines while it trains, then summary.json's accuracies and
// confusion matrices at each threshold.
dlLive.chapter("tumour_net", {
  intro: "The article's settings take some seconds here. Try fewer hidden units, another seed, " +
         "or a learning rate of 1 or 10.",
  controls: [
    {option: "--learning-rate", label: "Learning rate α"},
    {option: "--iterations", label: "Iterations", integer: true},
    {option: "--hidden", label: "Hidden units", integer: true},
    {option: "--threshold", label: "Threshold"},
    {option: "--seed", label: "Seed", integer: true},
  ],
  setUp(view) {
    const axis = (title, log) => ({type: log ? "logarithmic" : "linear", title: {display: true, text: title}});
    view.cost = view.chart("cost", "The cost J every 500 iterations (log scale)", {
      type: "line",
      data: {datasets: [{label: "binary cross-entropy", data: [], borderColor: "#d62728", pointRadius: 0}]},
      options: {parsing: false, scales: {x: axis("iteration"), y: axis("J", true)}},
    });
  },
  onLine(view, text, end) {
    const m = /^Cost after iteration (\d+): ([\d.e+-]+)/.exec(text);
    if (m && end === "\n") {
      view.cost.data.datasets[0].data.push({x: Number(m[1]), y: Math.max(Number(m[2]), 1e-12)});
      view.changed(view.cost);
    }
  },
  onClear(view) { view.box("matrices").textContent = ""; },
  onDone(view, files, summary) {
    const box = view.box("matrices");
    box.textContent = "";
    const table = view.element("table", "dl-live-table");
    const head = view.element("tr");
    for (const title of ["threshold", "training accuracy", "validation accuracy",
                         "validation [[TN, FP], [FN, TP]]"])
      head.appendChild(view.element("th", null, title));
    table.appendChild(head);
    for (const t of summary.thresholds) {
      const row = view.element("tr");
      row.appendChild(view.element("td", null, String(t.threshold)));
      row.appendChild(view.element("td", null, t.train_accuracy.toFixed(4)));
      row.appendChild(view.element("td", null, t.validation_accuracy.toFixed(4)));
      row.appendChild(view.element("td", null, JSON.stringify(t.confusion_matrix_validation)));
      table.appendChild(row);
    }
    box.appendChild(table);
  },
});
