// Chapter 4's "Run it here" panel (common/live/live.js): its options, and what it draws from the
// program's own output: Keras's progress bar as it trains, each epoch's loss and accuracy lines,
// then summary.json's test accuracy. The page starts from 2 000 training images and 10 epochs,
// not 55 000 and 30: the full run takes about a minute natively, many more here.
//
// The digit canvas: the reader draws, and the program classifies the drawing (--classify, which
// makes it MNIST-like in C++ first) with the network the site's build trained (its model.bin
// ships with the page) and, after a run, with the one just trained here.
{  // a block of its own: nothing here becomes a global of the page
// The canvas as a binary PGM image: white ink on black, as MNIST's digits.
const pgm = (canvas) => {
  const {width, height} = canvas;
  const rgba = canvas.getContext("2d").getImageData(0, 0, width, height).data;
  const head = new TextEncoder().encode("P5\n" + width + " " + height + "\n255\n");
  const bytes = new Uint8Array(head.length + width * height);
  bytes.set(head);
  for (let i = 0; i < width * height; ++i) bytes[head.length + i] = rgba[4 * i];
  return bytes;
};

function drawingBox(view) {
  const box = view.box("drawing");
  box.textContent = "";
  box.appendChild(view.element("p", null, "Draw a digit, large, in the black square. " +
    "The program centres and scales it as MNIST's digits were, then classifies it."));
  const row = view.element("div", "dl-live-drawing");
  const canvas = view.element("canvas", "dl-live-pad");
  canvas.width = canvas.height = 280;
  canvas.setAttribute("aria-label", "a square to draw a digit in");
  const seen = view.element("canvas", "dl-live-seen");
  seen.width = seen.height = 28;
  seen.setAttribute("aria-label", "the 28 by 28 image the network sees");
  const side = view.element("div");
  const clear = view.element("button", "dl-live-clear", "Clear");
  clear.type = "button";
  side.append(clear, view.element("p", "dl-live-note", "What the network sees:"), seen);
  row.append(canvas, side);
  box.appendChild(row);
  const ink = canvas.getContext("2d");
  const blank = () => { ink.fillStyle = "#000"; ink.fillRect(0, 0, 280, 280); };
  blank();
  ink.strokeStyle = "#fff";
  ink.lineWidth = 22;
  ink.lineCap = ink.lineJoin = "round";
  let drawing = false;
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * 280 / r.width, (e.clientY - r.top) * 280 / r.height];
  };
  canvas.addEventListener("pointerdown", (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    ink.beginPath();
    ink.moveTo(...at(e));
    ink.lineTo(...at(e));
    ink.stroke();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    ink.lineTo(...at(e));
    ink.stroke();
  });
  const done = () => { if (drawing) { drawing = false; classify(view, canvas, seen); } };
  canvas.addEventListener("pointerup", done);
  canvas.addEventListener("pointercancel", done);
  clear.addEventListener("click", () => {
    blank();
    seen.getContext("2d").clearRect(0, 0, 28, 28);
    for (const set of view.guesses.data.datasets) set.data = [];
    view.guesses.update("none");
  });
}

async function classify(view, canvas, seen) {
  const image = pgm(canvas);
  const models = [["/data/model.bin", 0, {}]];
  const trained = view.panel.lastFiles && view.panel.lastFiles["model.bin"];
  if (trained) models.push(["/in/page_model.bin", 1, {"/in/page_model.bin": trained}]);
  else view.guesses.data.datasets[1].data = [];
  for (const [model, k, extra] of models) {
    const done = await view.quick(["--model", model, "--classify", "/in/drawing.pgm"],
                                  {files: Object.assign({"/in/drawing.pgm": image}, extra), only: ["/data/model.bin"]});
    if (done.status !== 0 || !done.files["summary.json"]) continue;
    const summary = JSON.parse(done.files["summary.json"]);
    view.guesses.data.datasets[k].data = summary.probabilities.map((p, d) => ({x: String(d), y: p}));
    if (k === 0) {
      const picture = seen.getContext("2d").createImageData(28, 28);
      summary.digit.forEach((v, i) => {
        const g = Math.round(255 * v);
        picture.data.set([g, g, g, 255], 4 * i);
      });
      seen.getContext("2d").putImageData(picture, 0, 0);
    }
  }
  view.guesses.update("none");
}

dlLive.chapter("mnist_mlp", {
  keep: ["guesses"],  // a new run leaves the drawing's probabilities
  intro: "The panel starts from 2 000 training images and 10 epochs, so that a run takes seconds, " +
         "not minutes. Try another learning rate, batch size or hidden layers (e.g. 100,100,100).",
  controls: [
    {option: "--limit", label: "Training images (0: all 55 000)", integer: true, start: 2000},
    {option: "--epochs", label: "Epochs", integer: true, start: 10},
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
    view.guesses = view.chart("guesses",
      "The ten probabilities for your drawing: the site's network (trained on 55 000 images), and the one trained here", {
      type: "bar",
      data: {labels: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], datasets: [
        {label: "the site's network", data: [], backgroundColor: "#1f77b4"},
        {label: "trained here", data: [], backgroundColor: "#ff7f0e"}]},
      options: {scales: {x: {title: {display: true, text: "digit"}},
                         y: {min: 0, max: 1, title: {display: true, text: "probability"}}}},
    });
    drawingBox(view);
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
}
