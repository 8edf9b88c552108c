// Chapter 3's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output. While it runs: each split's test RMSE, from the console's "split seed"
// lines. Then history.csv (the improved network's cost at every iteration) and summary.json's
// train and test RMSE of each model.
dlLive.chapter("boston_regression", {
  intro: "Try another network (--layers), no weight decay (0), or the article's slips.",
  controls: [
    {option: "--layers", label: "Layer sizes", size: 14},
    {option: "--learning-rate", label: "Learning rate α"},
    {option: "--iterations", label: "Iterations", integer: true},
    {option: "--weight-decay", label: "Weight decay λ"},
    {option: "--standardize", label: "Standardise the features", negation: "--no-standardize", start: "on"},
    {option: "--repeats", label: "Seeded splits", integer: true},
    {option: "--seed", label: "Seed", integer: true},
    {option: "--article-slips", label: "The article's two slips"},
  ],
  setUp(view) {
    const axis = (title, log) => ({type: log ? "logarithmic" : "linear", title: {display: true, text: title}});
    view.cost = view.chart("cost", "The improved network's cost J at each iteration, first split (log scale)", {
      type: "line",
      data: {datasets: [{label: "cost", data: [], borderColor: "#d62728", pointRadius: 0}]},
      options: {parsing: false, scales: {x: axis("iteration"), y: axis("J", true)}},
    });
    view.splits = view.chart("splits", "Test RMSE on each seeded split, as the program prints it (in $1000s)", {
      type: "line",
      data: {datasets: [
        {label: "improved network", data: [], borderColor: "#d62728", backgroundColor: "#d62728"},
        {label: "least squares", data: [], borderColor: "#1f77b4", backgroundColor: "#1f77b4",
         borderDash: [6, 4]}]},
      options: {parsing: false, scales: {x: Object.assign(axis("split seed"), {ticks: {precision: 0}}),
                                         y: Object.assign(axis("test RMSE"), {beginAtZero: true})}},
    });
  },
  onLine(view, text, end) {
    const m = /^\s*split seed (\d+): improved ([\d.]+), least squares ([\d.]+)/.exec(text);
    if (m && end === "\n") {
      view.splits.data.datasets[0].data.push({x: Number(m[1]), y: Number(m[2])});
      view.splits.data.datasets[1].data.push({x: Number(m[1]), y: Number(m[3])});
      view.changed(view.splits);
    }
  },
  onClear(view) { view.box("models").textContent = ""; },
  onDone(view, files, summary) {
    const h = dlLive.csvColumns(files["history.csv"]);
    view.cost.data.datasets[0].data = h.iteration.map((x, i) => ({x, y: Math.max(h.cost[i], 1e-12)}));
    view.changed(view.cost);
    const box = view.box("models");
    box.textContent = "";
    const table = view.element("table", "dl-live-table");
    const head = view.element("tr");
    for (const title of ["model", "train RMSE", "test RMSE"]) head.appendChild(view.element("th", null, title));
    table.appendChild(head);
    for (const [name, model] of Object.entries(summary.models)) {
      const row = view.element("tr");
      row.appendChild(view.element("td", null, name.replace(/_/g, " ")));
      row.appendChild(view.element("td", null, Number(model.train_rmse).toFixed(3)));
      row.appendChild(view.element("td", null, Number(model.test_rmse).toFixed(3)));
      table.appendChild(row);
    }
    box.appendChild(table);
    box.appendChild(view.element("p", null, "Mean test RMSE over the seeded splits: improved " +
      summary.improved_test_rmse_mean.toFixed(3) + ", least squares " +
      summary.least_squares_test_rmse_mean.toFixed(3) + " (in $1000s)."));
  },
});
