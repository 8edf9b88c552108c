// Chapter 4's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output: Keras's progress bar as it trains, each epoch's loss and accuracy lines,
// then summary.json's test accuracy. The page starts from 2 000 training images, not 55 000:
// the full run takes about a minute natively, many more here.
dlLive.chapter("mnist_mlp", {
  intro: "A run on 2 000 images, 30 epochs, takes some seconds here. Try another learning rate, " +
         "batch size or hidden layers (e.g. 100,100,100).",
  controls: [
    {option: "--limit", label: "Training images (0: all 55 000)", integer: true, start: 2000},
    {option: "--epochs", label: "Epochs", integer: true},
    {option: "--batch-size", label: "Batch size", integer: true},
    {option: "--learning-rate", label: "Learning rate α"},
    {option: "--hidden", label: "Hidden layers", size: 12},
    {option: "--seed", label: "Seed", integer: true},
  ],
  setUp(view) {
    const axis = (title) => ({type: "linear", title: {display: true, text: title}});
    const line = (label, color, dash) => ({label, data: [], borderColor: color, backgroundColor: color,
                                           borderDash: dash ? [6, 4] : [], pointRadius: 2});
    view.accuracy = view.chart("accuracy", "Accuracy after each epoch: training, and the 5 000 validation images", {
      type: "line",
      data: {datasets: [line("accuracy", "#1f77b4"), line("val_accuracy", "#ff7f0e", true)]},
      options: {parsing: false, scales: {x: axis("epoch"), y: axis("accuracy")}},
    });
    view.loss = view.chart("loss", "Loss after each epoch", {
      type: "line",
      data: {datasets: [line("loss", "#1f77b4"), line("val_loss", "#ff7f0e", true)]},
      options: {parsing: false, scales: {x: axis("epoch"), y: axis("cross-entropy")}},
    });
  },
  onLine(view, text, end) {
    const epoch = /^Epoch (\d+)\//.exec(text);
    if (epoch) view.epoch = Number(epoch[1]);
    const m = / - loss: ([\d.]+) - accuracy: ([\d.]+) - val_loss: ([\d.]+) - val_accuracy: ([\d.]+)/.exec(text);
    if (m && end === "\n") {
      const [loss, accuracy, valLoss, valAccuracy] = m.slice(1).map(Number);
      view.accuracy.data.datasets[0].data.push({x: view.epoch, y: accuracy});
      view.accuracy.data.datasets[1].data.push({x: view.epoch, y: valAccuracy});
      view.loss.data.datasets[0].data.push({x: view.epoch, y: loss});
      view.loss.data.datasets[1].data.push({x: view.epoch, y: valLoss});
      view.changed(view.accuracy);
      view.changed(view.loss);
    }
  },
  onClear(view) { view.box("test").textContent = ""; },
  onDone(view, files, summary) {
    view.box("test").textContent = "Test accuracy " + (100 * summary.test_accuracy).toFixed(2) +
      "% on " + summary.test_images + " images (" + summary.test_errors + " wrong), after training on " +
      summary.training_images + " images.";
  },
});
