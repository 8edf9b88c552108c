// Chapter 3's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output: history.csv (the improved network's cost at every iteration) and
// summary.json's train and test RMSE of each model.
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
