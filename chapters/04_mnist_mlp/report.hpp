/// \file
/// \brief Chapter 4 around the mathematics: its options, the dataset's files, what it prints in
/// Keras's manner, its plots and result files. Included by main.cpp after the article's code,
/// whose types it uses.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dl/cli.hpp"
#include "dl/diagram.hpp"
#include "dl/error.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/report.hpp"
#include "dl/threads.hpp"

namespace mnist_mlp {

/// The command-line options; those that shape the run are kept in summary.json.
inline void addOptions(CLI::App& app, Settings& settings, dl::Report& report) {
  // [options]
  report.option(app, "--epochs", settings.epochs, "passes over the training set")
      ->check(dl::cli::WholeNumber(1, 10'000));
  report.option(app, "--batch-size", settings.batchSize, "images per gradient step")
      ->check(dl::cli::WholeNumber(1, 55'000));
  report.keep(dl::cli::addLearningRateOption(app, settings.learningRate, "SGD step size"),
              settings.learningRate);
  report.option(app, "--hidden", settings.hidden, "units of the hidden layers")
      ->delimiter(',')
      ->check(dl::cli::WholeNumber(1, 100'000));
  report
      .option(app, "--dataset", settings.dataset, "mnist, or fashion (Fashion-MNIST, same format)")
      ->check(CLI::IsMember({"mnist", "fashion"}));
  app.add_option("--data-dir", settings.dataDir,
                 "folder of the four IDX files (default: the dataset's)");
  app.add_option("--limit", settings.limit,
                 "train on only this many images (0: all), for quick runs")
      ->check(dl::cli::WholeNumber(0, 55'000))
      ->capture_default_str();
  app.add_option("--threads", settings.threads, "cores for the first layer's products (its blocks)")
      ->check(dl::cli::WholeNumber(1, 64))
      ->capture_default_str();
  app.add_flag("--reference", settings.reference,
               "train on the reference path (backward, then the SGD step, as the page derives "
               "them) instead of the fused, threaded one");
  report.keep(dl::cli::addSeedOption(app, settings.seed), settings.seed);
  report.addOutOption(app);
  // [options]
  // The page's digit canvas: classify one drawing with a saved model instead of training.
  CLI::Option* model = app.add_option("--model", settings.model,
                                      "with --classify: the model.bin an earlier run saved");
  app.add_option("--classify", settings.classify,
                 "classify this drawing (a PGM image) with --model, instead of training")
      ->needs(model);
}

/// The chosen dataset's files, split as the article (load()), cut to `--limit` images, and a line
/// that says what was read.
inline Data loadDataset(const Settings& settings, std::ostream& out) {
  const bool fashion = settings.dataset == "fashion";
  std::filesystem::path dir = settings.dataDir;
  if (dir.empty()) dir = fashion ? "/usr/share/datasets/fashion-mnist" : DL_DATA_DIR "/mnist";
  if (fashion && !std::filesystem::exists(dir))
    throw dl::Error(dir.string() +
                    ": Fashion-MNIST is not installed "
                    "(sudo apt-get install dataset-fashion-mnist)");
  Data data = load(
      dir,
      fashion ? std::vector<std::string>{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}
              : std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
      fashion ? "Fashion-MNIST's files, from sudo apt-get install dataset-fashion-mnist"
              : "MNIST comes with the tutorial in data/mnist/; data/README.md says where from");
  if (settings.limit > 0) {
    data.X = data.X.cols(0, settings.limit - 1);
    data.Y = data.Y.cols(0, settings.limit - 1);
  }
  out << (fashion ? "Fashion-MNIST" : "MNIST") << ": " << data.X.n_cols << " training, "
      << data.Xval.n_cols << " validation and " << data.Xtest.n_cols
      << " test images of 28x28 pixels.\n\n";
  return data;
}

/// Writes the trained model: each layer's activation, then its W and b in Armadillo's binary
/// format. The page's digit canvas classifies with it (classifyDrawing(), chapters/04_mnist_mlp/live.js).
inline void saveModel(const std::filesystem::path& file, const Model& model) {
  std::ostringstream bytes(std::ios::out | std::ios::binary);
  bytes << "dl-sequential " << model.layers.size() << '\n';
  for (const auto& layer : model.layers) {
    bytes << (layer.activation == dl::Activation::softmax ? "softmax" : "relu") << '\n';
    layer.W.save(bytes, arma::arma_binary);
    layer.b.save(bytes, arma::arma_binary);
  }
  dl::writeFileAtomically(file, bytes.str());
}

/// Reads a model saveModel() wrote; a dl::Error names the file if it is not one.
inline Model loadModel(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw dl::Error(file.string() + ": cannot open the model");
  const auto notAModel = [&file] {
    return dl::Error(file.string() + ": not a model saved by mnist_mlp (its model.bin)");
  };
  std::string magic, activation;
  std::size_t count = 0;
  if (!(in >> magic >> count) || magic != "dl-sequential" || count == 0 || count > 100)
    throw notAModel();
  std::vector<Layer> layers;
  for (std::size_t l = 0; l < count; ++l) {
    arma::fmat W;
    arma::fvec b;
    if (!(in >> activation) || in.get() != '\n' ||
        (activation != "relu" && activation != "softmax") || !W.load(in, arma::arma_binary) ||
        !b.load(in, arma::arma_binary) || b.n_elem != W.n_rows)
      throw notAModel();
    Layer layer(W.n_cols, W.n_rows,
                activation == "relu" ? dl::Activation::relu : dl::Activation::softmax);
    layer.W = std::move(W);
    layer.b = std::move(b);
    layers.push_back(std::move(layer));
  }
  try {
    return Model(std::move(layers));
  } catch (const dl::Error&) {
    throw notAModel();
  }
}

/// A binary PGM image (P5, 8 bits) as values from 0 to 1, one row per image row.
inline arma::fmat readPgm(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw dl::Error(file.string() + ": cannot open the image");
  std::string magic;
  arma::uword width = 0, height = 0, maximum = 0;
  if (!(in >> magic >> width >> height >> maximum) || magic != "P5" || maximum != 255 ||
      width == 0 || height == 0 || width > 4096 || height > 4096 || !std::isspace(in.get()))
    throw dl::Error(file.string() + ": not an 8-bit binary PGM image (P5)");
  std::vector<unsigned char> bytes(width * height);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size())))
    throw dl::Error(file.string() + ": the image ends early");
  arma::fmat image(height, width);
  for (arma::uword r = 0; r < height; ++r)
    for (arma::uword c = 0; c < width; ++c) image(r, c) = float(bytes[r * width + c]) / 255.0f;
  return image;
}

/// A drawing (ink from 0 to 1, light on dark, any size) made into a 28 x 28 image the way
/// MNIST's digits were: the ink's bounding box scaled to fit 20 x 20 pixels, keeping its shape,
/// each pixel the mean of the drawing's pixels it covers; then placed so that the centre of mass
/// of its ink is at the image's centre. A drawing with no ink gives a blank image.
inline arma::fmat mnistStyle(const arma::fmat& drawing) {
  arma::fmat digit(28, 28, arma::fill::zeros);
  const arma::uvec rows = arma::find(arma::max(drawing, 1) > 0.05f);
  const arma::uvec cols = arma::find(arma::max(drawing, 0) > 0.05f);
  if (rows.is_empty()) return digit;
  const arma::fmat ink = drawing.submat(rows.min(), cols.min(), rows.max(), cols.max());
  const double scale = 20.0 / double(std::max(ink.n_rows, ink.n_cols));
  const auto fit = [scale](arma::uword n) {
    return std::clamp<arma::uword>(arma::uword(std::lround(double(n) * scale)), 1, 20);
  };
  const arma::uword h = fit(ink.n_rows), w = fit(ink.n_cols);
  arma::fmat small(h, w);
  for (arma::uword r = 0; r < h; ++r)
    for (arma::uword c = 0; c < w; ++c) {
      const arma::uword r0 = r * ink.n_rows / h, c0 = c * ink.n_cols / w;
      const arma::uword r1 = std::max(r0 + 1, (r + 1) * ink.n_rows / h);
      const arma::uword c1 = std::max(c0 + 1, (c + 1) * ink.n_cols / w);
      small(r, c) = arma::mean(arma::vectorise(ink.submat(r0, c0, r1 - 1, c1 - 1)));
    }
  const double mass = arma::accu(small);
  const double rowMean = arma::accu(arma::sum(small, 1) % arma::regspace<arma::fvec>(0, h - 1)) / mass;
  const double colMean = arma::accu(arma::sum(small, 0) % arma::regspace<arma::frowvec>(0, w - 1)) / mass;
  const auto place = [](double centre, arma::uword size) {
    return arma::uword(std::clamp(std::lround(13.5 - centre), 0L, long(28 - size)));
  };
  const arma::uword top = place(rowMean, h), left = place(colMean, w);
  digit.submat(top, left, top + h - 1, left + w - 1) = small;
  return digit;
}

/// The page's digit canvas: the drawing in `--classify`, made MNIST-like (mnistStyle()), through
/// the model in `--model`. Prints the ten probabilities; summary.json holds them and the 28 x 28
/// image the network saw.
inline int classifyDrawing(const Settings& settings, dl::Report& report, std::ostream& out) {
  const Model model = loadModel(settings.model);
  if (model.layers.front().inputs() != 784 || model.layers.back().outputs() != 10)
    throw dl::Error(settings.model.string() + ": not a model of 28x28 images and 10 classes");
  const arma::fmat digit = mnistStyle(readPgm(settings.classify));
  Model::Workspace ws;
  const arma::fvec p = model.forward(arma::fmat(arma::vectorise(digit.t())), ws);
  out << "Probabilities:";
  for (arma::uword k = 0; k < p.n_elem; ++k)
    out << ' ' << k << ": " << std::fixed << std::setprecision(4) << p(k);
  out << "\nPredicted: " << p.index_max() << '\n';
  report.record("probabilities", arma::conv_to<std::vector<double>>::from(p));
  report.record("predicted", p.index_max());
  report.record("digit", arma::conv_to<std::vector<double>>::from(arma::vectorise(digit.t())));
  report.finish(out);
  return 0;
}

/// The article's `model.summary()`.
inline void printSummary(const Model& model, std::ostream& out) {
  const std::string rule(65, '_'), doubleRule(65, '=');
  out << "Model: \"sequential\"\n"
      << rule << '\n'
      << std::left << std::setw(29) << "Layer (type)" << std::setw(26) << "Output Shape"
      << "Param #\n"
      << doubleRule << '\n'
      << std::setw(29) << "inputLayer (Flatten)" << std::setw(26) << "(None, 784)"
      << "0\n";
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    const auto& layer = model.layers[l];
    const std::string name =
        l + 1 == model.layers.size() ? "outputLayer" : "hiddenLayer" + std::to_string(l + 1);
    out << std::setw(29) << name + " (Dense)" << std::setw(26)
        << "(None, " + std::to_string(layer.W.n_rows) + ")" << layer.parameters() << '\n';
  }
  out << doubleRule << "\nTotal params: " << model.parameters()
      << "\nTrainable params: " << model.parameters() << "\nNon-trainable params: 0\n"
      << rule << std::right << "\n";
}

std::string progressLine(arma::uword step, arma::uword steps, double seconds, double loss,
                         double accuracy) {
  const int width = 30, done = int(width * step / steps);
  std::ostringstream line;
  line << step << '/' << steps << " [" << std::string(done, '=')
       << (done < width ? ">" + std::string(width - done - 1, '.') : "") << "] - " << std::fixed
       << std::setprecision(1) << seconds << "s " << std::setprecision(2)
       << seconds * 1e3 / double(step) << "ms/step - loss: " << std::setprecision(4) << loss
       << " - accuracy: " << accuracy;
  return line.str();
}

/// The test set's loss and accuracy, and the first three predictions, as the article prints them.
inline void printTest(std::ostream& out, const Data& data, const Evaluation& test) {
  out << "\nTest: " << std::fixed << std::setprecision(4) << "loss: " << test.loss
      << " - accuracy: " << test.accuracy << "\n\n";
  for (arma::uword i = 0; i < 3; ++i)
    out << "Predicted: " << data.classNames[test.predicted(i)]
        << ", Actual: " << data.classNames[data.Ytest(i)] << '\n';
}

/// The history as a table, one row per epoch: epoch, loss, accuracy, val_loss, val_accuracy,
/// seconds (the columns of history.csv and of the learning-curve plot).
inline arma::mat historyColumns(const std::vector<EpochRecord>& history) {
  arma::mat table(history.size(), 6);
  for (std::size_t e = 0; e < history.size(); ++e) {
    const auto& h = history[e];
    table.row(e) =
        arma::rowvec{double(e + 1), h.loss, h.accuracy, h.valLoss, h.valAccuracy, h.seconds};
  }
  return table;
}

/// One image drawn in the article's `cmap="binary"`: 0 white, 1 black.
inline dl::plot::Panel& drawImage(dl::plot::Panel& panel, const arma::Mat<unsigned char>& bytes,
                                  const std::string& title) {
  const arma::mat image = arma::conv_to<arma::mat>::from(arma::reshape(pixels(bytes), 28, 28)).t();
  // Without tics the image needs no margin but its title's (two lines, and a gap under a
  // gallery's own title): the panels of a gallery are then mostly picture.
  return panel.title(title)
      .set("palette gray negative")
      .set("size ratio -1")
      .set("lmargin 0.5")
      .set("rmargin 0.5")
      .set("bmargin 0.5")
      .set("tmargin 4")
      .unset("xtics")
      .unset("ytics")
      .unset("colorbox")
      .heatmap(image, {}, {}, "");
}

/// The picture of the network as this run built it, layer by layer (dl::diagram::network()).
inline std::string networkPicture(const Model& model) {
  const dl::diagram::Layer input{"input (28 x 28 pixels)", model.layers[0].inputs(), ""};
  std::vector layers{input};
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    const bool top = l + 1 == model.layers.size();
    layers.push_back({top ? "output (one unit per class)" : "hidden layer " + std::to_string(l + 1),
                      model.layers[l].outputs(), top ? "softmax" : "ReLU"});
  }
  return dl::diagram::network(layers);
}

/// The test set's confusion matrix: row = true class, column = predicted class.
inline arma::mat confusionMatrix(const Data& data, const Evaluation& test) {
  arma::mat counts(10, 10, arma::fill::zeros);
  for (arma::uword i = 0; i < data.Ytest.n_elem; ++i) counts(data.Ytest(i), test.predicted(i)) += 1;
  return counts;
}

/// The `count` most frequent mistakes, largest first, each as {true, predicted, how many}; each
/// unordered pair of classes once, its two directions added ("4 and 9" counts 4 taken for 9 and 9
/// taken for 4), the larger direction named first.
inline nlohmann::json mostConfused(const arma::mat& counts, const std::vector<std::string>& names,
                                   arma::uword count) {
  std::vector<std::tuple<double, arma::uword, arma::uword>> pairs;
  for (arma::uword i = 0; i < counts.n_rows; ++i)
    for (arma::uword j = i + 1; j < counts.n_cols; ++j) {
      const bool iFirst = counts(i, j) >= counts(j, i);
      pairs.emplace_back(counts(i, j) + counts(j, i), iFirst ? i : j, iFirst ? j : i);
    }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  nlohmann::json top = nlohmann::json::array();
  for (arma::uword k = 0; k < std::min<arma::uword>(count, pairs.size()); ++k) {
    const auto& [total, a, b] = pairs[k];
    top.push_back({{"classes", names[a] + " and " + names[b]},
                   {"count", arma::uword(total)},
                   {"first_as_second", arma::uword(counts(a, b))},
                   {"second_as_first", arma::uword(counts(b, a))}});
  }
  return top;
}

/// Prints the median epoch time and registers the history, the summary fields and the plots:
/// the learning curves, image 30 as a picture and as numbers, the first test predictions, the
/// confusion matrix and a gallery of mistakes; and draws the network.
inline void addOutputs(dl::Report& report, std::ostream& out, const Data& data,
                       const std::vector<EpochRecord>& history, const Evaluation& test,
                       const Model& model) {
  using dl::plot::Figure;
  report.diagram("network", networkPicture(model));
  saveModel(report.out() / "model.bin", model);
  const arma::mat table = historyColumns(history);
  nlohmann::json epochs = nlohmann::json::array();
  for (arma::uword e = 0; e < table.n_rows; ++e)
    epochs.push_back({{"epoch", e + 1},
                      {"loss", table(e, 1)},
                      {"accuracy", table(e, 2)},
                      {"val_loss", table(e, 3)},
                      {"val_accuracy", table(e, 4)},
                      {"seconds", table(e, 5)}});
  const double median = arma::median(table.col(5));
  out << "\nA training epoch took " << std::setprecision(3) << median << " s (median of "
      << table.n_rows << ").\n";
  report.csv("history", {{"epoch", table.col(0)},
                         {"loss", table.col(1)},
                         {"accuracy", table.col(2)},
                         {"val_loss", table.col(3)},
                         {"val_accuracy", table.col(4)},
                         {"seconds", table.col(5)}});
  report.record("test_accuracy", test.accuracy);
  report.record("test_loss", test.loss);
  report.record("history", epochs);
  report.record("seconds_per_epoch", median);
  report.record("train_seconds", arma::accu(table.col(5)));
  report.record("parameters", model.parameters());
  report.record("training_images", data.X.n_cols);
  report.record("validation_images", data.Xval.n_cols);
  report.record("test_images", data.Xtest.n_cols);
  // The article's last cell: the first three test images, predicted and actual.
  nlohmann::json first = nlohmann::json::array();
  arma::uword firstCorrect = 0;
  for (arma::uword i = 0; i < std::min<arma::uword>(3, data.Ytest.n_elem); ++i) {
    first.push_back({{"predicted", data.classNames[test.predicted(i)]},
                     {"actual", data.classNames[data.Ytest(i)]}});
    firstCorrect += test.predicted(i) == data.Ytest(i) ? 1 : 0;
  }
  report.record("first_predictions", first);
  report.record("first_predictions_correct", firstCorrect);
  const arma::uvec wrong = arma::find(test.predicted != data.Ytest);  // also the gallery's
  if (!wrong.is_empty())
    report.record("first_mistake", {{"index", wrong(0)},
                                    {"predicted", data.classNames[test.predicted(wrong(0))]},
                                    {"actual", data.classNames[data.Ytest(wrong(0))]}});
  const arma::mat counts = confusionMatrix(data, test);
  report.record("confusion_matrix", [&counts] {
    nlohmann::json rows = nlohmann::json::array();
    for (arma::uword i = 0; i < counts.n_rows; ++i)
      rows.push_back(arma::conv_to<std::vector<arma::uword>>::from(counts.row(i)));
    return rows;
  }());
  report.record("class_accuracy",  // per true class, the fraction recognised (the diagonal)
                arma::conv_to<std::vector<double>>::from(counts.diag() / arma::sum(counts, 1)));
  report.record("test_errors", arma::uword(arma::accu(counts) - arma::trace(counts)));
  report.record("most_confused", mostConfused(counts, data.classNames, 5));
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // ru_maxrss: the peak resident memory, in KiB on Linux
  report.record("peak_memory_mb", double(usage.ru_maxrss) / 1024.0);

  report.plot("history", [table](const std::filesystem::path& png) {
    const arma::vec epoch = table.col(0), loss = table.col(1), accuracy = table.col(2),
                    valLoss = table.col(3), valAccuracy = table.col(4);
    Figure curves(png, 800, 500);
    curves.panel()
        .title("Loss and accuracy per epoch")
        .xlabel("epoch")
        .set("yrange [0:1]")
        .set("xrange [1:" + std::to_string(std::max<arma::uword>(2, table.n_rows)) + "]")
        .set("key right center")
        .line(epoch, loss, "loss")
        .line(epoch, accuracy, "accuracy")
        .line(epoch, valLoss, "val_loss")
        .line(epoch, valAccuracy, "val_accuracy");
    curves.save();
  });
  if (data.X.n_cols > 30) {  // the article's X_train[30], unless --limit left fewer images
    report.plot("train_image_30", [&data](const std::filesystem::path& png) {
      Figure figure(png, 420, 420);
      drawImage(figure.panel(), data.X.col(30),
                "X_train[30], label " + data.classNames[data.Y(30)]);
      figure.save();
    });
    report.plot("train_image_30_pixels", [&data](const std::filesystem::path& png) {
      const arma::fmat image30 = pixels(data.X.col(30));
      // Square, without a colour box (the labels say each value), the 28 cells across leave
      // about 46 px each: room for "1.0" in 18 pt with a gap, labels 11 px tall where the page
      // shows the figure 880 px wide. Zeros stay blank: a 0 in every background cell would run
      // into its neighbours and bury the stroke's values.
      Figure heatmap(png, 1400, 1400);
      // One decimal: three characters a cell, which leaves the labels large enough to read.
      const arma::mat values =
          arma::round(arma::conv_to<arma::mat>::from(arma::reshape(image30, 28, 28)).t() * 10) / 10;
      heatmap.panel()
          .title("X_train[30], pixel by pixel (0 white and blank, 1 black)")
          .set("palette gray negative")
          .set("size ratio -1")
          .set("cbrange [0:1]")
          .unset("colorbox")
          .heatmap(values, {}, {},
                   dl::plot::CellLabels{
                       .format = "%.1f", .zeros = false, .whiteFrom = 0.5, .points = 18});
      heatmap.save();
    });
  }
  report.plot("first_test_predictions", [&data, &test](const std::filesystem::path& png) {
    Figure first(png, 900, 340);
    first.grid(1, 3);
    for (arma::uword i = 0; i < 3; ++i)
      drawImage(first.panel(), data.Xtest.col(i),
                "Predicted: " + data.classNames[test.predicted(i)] +
                    "\nActual: " + data.classNames[data.Ytest(i)]);
    first.save();
  });
  report.plot("confusion_matrix", [&data, counts](const std::filesystem::path& png) {
    Figure matrix(png, 900, 820);
    matrix.panel()
        .title("Test set: true class (rows) against predicted class (columns)")
        .set("palette defined (0 '#ffffff', 1 '#c6dbef', 30 '#6baed6', 1000 '#08519c')")
        .set("logscale cb")
        .set("cbrange [1:1200]")
        .set("xtics rotate by -30")
        // White counts on the dark blue of the large ones, where black hardly shows.
        .heatmap(counts, data.classNames, data.classNames,
                 dl::plot::CellLabels{.format = "%g", .whiteFrom = 200});
    matrix.save();
  });
  if (!wrong.is_empty())
    report.plot("misclassified", [&data, &test, wrong](const std::filesystem::path& png) {
      // Each title on two lines, the true class over the predicted one: "Ankle boot -> Sandal"
      // on one line is wider than a sixth of the figure.
      Figure gallery(png, 1200, 1150);
      gallery.grid(4, 6, "The first misclassified test images (true, then -> predicted)");
      for (arma::uword k = 0; k < std::min<arma::uword>(24, wrong.n_elem); ++k)
        drawImage(gallery.panel(), data.Xtest.col(wrong(k)),
                  data.classNames[data.Ytest(wrong(k))] + "\n-> " +
                      data.classNames[test.predicted(wrong(k))]);
      gallery.save();
    });
}

}  // namespace mnist_mlp
