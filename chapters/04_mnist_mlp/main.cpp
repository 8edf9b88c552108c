/// \file
/// \brief Chapter 4: the Keras 784-300-100-10 network on MNIST, with reusable layers, trained by
/// mini-batch SGD in single precision (the program walked through on \ref chapter4).

#include <unistd.h>

#include <algorithm>
#include <armadillo>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dl/cli.hpp"
#include "dl/error.hpp"
#include "dl/idx.hpp"
#include "dl/layers.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/training.hpp"

extern "C" void openblas_set_num_threads(int threads);  // OpenBLAS's own call (cblas.h)

/// Everything chapter 4 defines, in the order the article introduces it.
namespace mnist_mlp {

using Model = dl::Sequential<float>;

// ---------------------------------------------------------------------------------------------
// 1. The data
// ---------------------------------------------------------------------------------------------

/// The article's three sets, one 784-pixel column per image, kept as the files' bytes (0-255): a
/// quarter of the memory that floats would take, and a quarter of the bytes to read when a batch
/// is gathered. They become floats in [0, 1] where they are used (pixel(), pixels()).
struct Data {
  /// \f$784 \times 55000\f$, \f$784 \times 5000\f$ and \f$784 \times 10000\f$
  arma::Mat<unsigned char> X, Xval, Xtest;
  /// the digits 0-9 (or Fashion-MNIST's classes)
  arma::urowvec Y, Yval, Ytest;
  std::vector<std::string> classNames;
};

/// The article's `X / 255.`: a byte to a pixel value in [0, 1].
inline float pixel(unsigned char byte) {
  return float(byte) / 255.0f;
}

/// Images as pixel values in [0, 1], one column each (for evaluating and drawing; the training
/// loop scales each batch as it gathers it).
arma::fmat pixels(const arma::Mat<unsigned char>& bytes) {
  arma::fmat values(bytes.n_rows, bytes.n_cols);
  std::transform(bytes.begin(), bytes.end(), values.begin(), pixel);
  return values;
}

// [data]
/// Reads the four IDX files, checks that images and labels agree, and splits as the article:
/// the first 5000 training images validate, the other 55 000 train (`X_train_full[:5000]`).
Data load(const std::filesystem::path& dir, std::vector<std::string> classNames,
          const std::string& howToGetIt) {
  const auto images = dl::idx::readImages(dir / "train-images-idx3-ubyte.gz", howToGetIt);
  const auto labels = dl::idx::readLabels(dir / "train-labels-idx1-ubyte.gz", howToGetIt);
  auto testImages = dl::idx::readImages(dir / "t10k-images-idx3-ubyte.gz", howToGetIt);
  const auto testLabels = dl::idx::readLabels(dir / "t10k-labels-idx1-ubyte.gz", howToGetIt);
  for (const auto& [set, count, labelCount] :
       {std::tuple{"training", images.n_cols, labels.n_elem},
        std::tuple{"test", testImages.n_cols, testLabels.n_elem}})
    if (count != labelCount)
      throw dl::Error(dir.string() + ": " + std::to_string(count) + " " + set + " images but " +
                      std::to_string(labelCount) + " labels");
  if (images.n_rows != 784 || testImages.n_rows != 784 || images.n_cols <= 5000)
    throw dl::Error(dir.string() + ": expected 28x28 images and more than 5000 of them");
  const auto toIndex = [](const arma::Row<unsigned char>& y) {
    return arma::conv_to<arma::urowvec>::from(y);
  };
  const arma::uword n = images.n_cols;
  return {.X = images.cols(5000, n - 1),
          .Xval = images.cols(0, 4999),
          .Xtest = std::move(testImages),
          .Y = toIndex(labels.cols(5000, n - 1)),
          .Yval = toIndex(labels.cols(0, 4999)),
          .Ytest = toIndex(testLabels),
          .classNames = std::move(classNames)};
}
// [data]

// ---------------------------------------------------------------------------------------------
// 2. The model
// ---------------------------------------------------------------------------------------------

// [model]
/// Keras's `Sequential([Flatten, Dense(300, relu), Dense(100, relu), Dense(10, softmax)])`:
/// Flatten is the column layout itself; each Dense starts Glorot-uniform with zero biases.
Model build(const std::vector<arma::uword>& hidden, arma::uword classes) {
  Model model;
  arma::uword inputs = 784;
  for (arma::uword units : hidden) {
    model.add(dl::Dense<float>(inputs, units, dl::Activation::relu));
    inputs = units;
  }
  model.add(dl::Dense<float>(inputs, classes, dl::Activation::softmax));
  for (auto& layer : model.layers) layer.glorotUniform();
  return model;
}
// [model]

/// The article's `model.summary()`.
void printSummary(const Model& model, std::ostream& out) {
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

// ---------------------------------------------------------------------------------------------
// 3. Evaluating: loss, accuracy, predictions
// ---------------------------------------------------------------------------------------------

/// Mean loss and accuracy of the model on a whole set, with every prediction.
struct Evaluation {
  double loss = 0, accuracy = 0;
  arma::urowvec predicted;
};

/// Runs the set through the model in chunks of 1000 images (one workspace, reused).
Evaluation evaluate(const Model& model, const arma::Mat<unsigned char>& X, const arma::urowvec& Y) {
  Evaluation e;
  e.predicted.set_size(Y.n_elem);
  Model::Workspace ws;
  arma::fmat chunk;
  for (arma::uword begin = 0; begin < Y.n_elem; begin += 1000) {
    const arma::uword end = std::min<arma::uword>(begin + 1000, Y.n_elem) - 1;
    chunk = pixels(X.cols(begin, end));
    const arma::fmat& P = model.forward(chunk, ws);
    e.loss += model.loss(Y.cols(begin, end), ws) * double(end - begin + 1);
    e.predicted.cols(begin, end) = arma::index_max(P, 0);
  }
  e.loss /= double(Y.n_elem);
  e.accuracy = double(arma::accu(e.predicted == Y)) / double(Y.n_elem);
  return e;
}

// ---------------------------------------------------------------------------------------------
// 4. Training: mini-batch SGD, shuffled every epoch
// ---------------------------------------------------------------------------------------------

/// The run's settings, one per command-line option.
struct Settings {
  arma::uword epochs = 30, batchSize = 32;
  double learningRate = 0.01;
  std::vector<arma::uword> hidden{300, 100};
  std::uint64_t seed = 1;
};

/// One epoch's numbers, as Keras's `history.history` holds them.
struct EpochRecord {
  double loss, accuracy, valLoss, valAccuracy, seconds;
};

/// Keras's progress line: `1719/1719 [======] - 1s 0.4ms/step - loss: ... - accuracy: ...`.
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

/// The history as a table, one row per epoch: epoch, loss, accuracy, val_loss, val_accuracy,
/// seconds (the columns of history.csv and of the learning-curve plot).
arma::mat historyColumns(const std::vector<EpochRecord>& history) {
  arma::mat table(history.size(), 6);
  for (std::size_t e = 0; e < history.size(); ++e) {
    const auto& h = history[e];
    table.row(e) =
        arma::rowvec{double(e + 1), h.loss, h.accuracy, h.valLoss, h.valAccuracy, h.seconds};
  }
  return table;
}

// [train]
/// Trains for `settings.epochs` epochs of mini-batch SGD. Each epoch visits the training images in
/// a new random order (a permutation of their indices, not of the 55 000 x 784 matrix), one batch
/// of `batchSize` columns at a time: gather the batch, forward, then backward and step together.
/// The batches and their workspaces are allocated once, before the first epoch; a last, shorter
/// batch has its own.
std::vector<EpochRecord> train(Model& model, const Data& data, const Settings& settings,
                               std::ostream& log, bool terminal) {
  const arma::uword n = data.X.n_cols, B = settings.batchSize, steps = (n + B - 1) / B;
  const arma::uword tailWidth = n - (steps - 1) * B;
  arma::fmat batch(784, B), tailBatch(784, tailWidth);
  arma::urowvec labels(B), tailLabels(tailWidth), predicted(B), tailPredicted(tailWidth);
  Model::Workspace ws, tailWs;
  dl::DivergenceCheck diverged("epoch", settings.learningRate);
  std::vector<EpochRecord> history;
  for (arma::uword epoch = 1; epoch <= settings.epochs; ++epoch) {
    log << "Epoch " << epoch << '/' << settings.epochs << '\n';
    const arma::uvec order = arma::randperm(n);
    arma::wall_clock clock;
    clock.tic();
    double lossSum = 0, correct = 0;
    for (arma::uword step = 0; step < steps; ++step) {
      const bool tail = step + 1 == steps && tailWidth != B;
      arma::fmat& X = tail ? tailBatch : batch;
      arma::urowvec& Y = tail ? tailLabels : labels;
      arma::urowvec& guess = tail ? tailPredicted : predicted;
      Model::Workspace& w = tail ? tailWs : ws;
      for (arma::uword j = 0; j < X.n_cols; ++j) {
        const arma::uword image = order(step * B + j);
        std::transform(data.X.begin_col(image), data.X.end_col(image), X.begin_col(j), pixel);
        Y(j) = data.Y(image);
      }
      const arma::fmat& P = model.forward(X, w);
      lossSum += model.loss(Y, w) * double(X.n_cols);
      guess = arma::index_max(P, 0);
      correct += double(arma::accu(guess == Y));
      model.trainStep(X, Y, w, float(settings.learningRate));  // backward() + sgdStep(), fused
      if (terminal && (step % 50 == 0 || step + 1 == steps)) {
        const double seen = double(std::min(n, (step + 1) * B));
        log << '\r' << progressLine(step + 1, steps, clock.toc(), lossSum / seen, correct / seen)
            << std::flush;
      }
    }
    const double seconds = clock.toc();
    const double loss = lossSum / double(n), accuracy = correct / double(n);
    diverged(loss, static_cast<long>(epoch));
    const Evaluation val = evaluate(model, data.Xval, data.Yval);
    log << (terminal ? "\r" : "") << progressLine(steps, steps, seconds, loss, accuracy)
        << std::fixed << std::setprecision(4) << " - val_loss: " << val.loss
        << " - val_accuracy: " << val.accuracy << '\n';
    history.push_back({loss, accuracy, val.loss, val.accuracy, seconds});
  }
  diverged.finish(history.back().loss, static_cast<long>(settings.epochs));
  return history;
}
// [train]

// ---------------------------------------------------------------------------------------------
// 5. Plots
// ---------------------------------------------------------------------------------------------

/// One image drawn in the article's `cmap='binary'`: 0 white, 1 black.
dl::plot::Panel& drawImage(dl::plot::Panel& panel, const arma::Mat<unsigned char>& bytes,
                           const std::string& title) {
  const arma::mat image = arma::conv_to<arma::mat>::from(arma::reshape(pixels(bytes), 28, 28)).t();
  return panel.title(title)
      .set("palette gray negative")
      .set("size ratio -1")
      .unset("xtics")
      .unset("ytics")
      .unset("colorbox")
      .heatmap(image, {}, {}, "");
}

/// Draws the history, image 30 as a picture and as numbers, the first test predictions, the
/// confusion matrix and a gallery of mistakes.
void plotResults(const std::filesystem::path& out, const Data& data,
                 const std::vector<EpochRecord>& history, const Evaluation& test) {
  using dl::plot::Figure;
  const arma::mat table = historyColumns(history);
  const arma::vec epoch = table.col(0), loss = table.col(1), accuracy = table.col(2),
                  valLoss = table.col(3), valAccuracy = table.col(4);
  Figure curves(out / "history.png", 800, 500);
  curves.panel()
      .title("Loss and accuracy per epoch")
      .xlabel("epoch")
      .set("yrange [0:1]")
      .set("xrange [1:" + std::to_string(std::max<std::size_t>(2, history.size())) + "]")
      .set("key right center")
      .line(epoch, loss, "loss")
      .line(epoch, accuracy, "accuracy")
      .line(epoch, valLoss, "val_loss")
      .line(epoch, valAccuracy, "val_accuracy");
  curves.save();

  if (data.X.n_cols > 30) {  // the article's X_train[30], unless --limit left fewer images
    const arma::fmat image30 = pixels(data.X.col(30));
    Figure picture(out / "train_image_30.png", 420, 420);
    drawImage(picture.panel(), data.X.col(30), "X_train[30], label " + data.classNames[data.Y(30)]);
    picture.save();
    Figure heatmap(out / "train_image_30_pixels.png", 1500, 1400);
    const arma::mat values =
        arma::round(arma::conv_to<arma::mat>::from(arma::reshape(image30, 28, 28)).t() * 100) / 100;
    heatmap.panel()
        .title("X_train[30], pixel by pixel (0 white, 1 black)")
        .set("palette gray negative")
        .set("size ratio -1")
        .set("tics font ',7'")
        .set("cbrange [0:1]")
        .heatmap(values, {}, {}, "%g");
    heatmap.save();
  }

  Figure first(out / "first_test_predictions.png", 900, 340);
  first.grid(1, 3);
  for (arma::uword i = 0; i < 3; ++i)
    drawImage(first.panel(), data.Xtest.col(i),
              "Predicted: " + data.classNames[test.predicted(i)] +
                  ", Actual: " + data.classNames[data.Ytest(i)]);
  first.save();

  arma::mat counts(10, 10, arma::fill::zeros);
  for (arma::uword i = 0; i < data.Ytest.n_elem; ++i) counts(data.Ytest(i), test.predicted(i)) += 1;
  Figure matrix(out / "confusion_matrix.png", 900, 820);
  matrix.panel()
      .title("Test set: true class (rows) against predicted class (columns)")
      .set("palette defined (0 '#ffffff', 1 '#c6dbef', 30 '#6baed6', 1000 '#08519c')")
      .set("logscale cb")
      .set("cbrange [1:1200]")
      .set("xtics rotate by -30")
      .heatmap(counts, data.classNames, data.classNames, "%g");
  matrix.save();

  const arma::uvec wrong = arma::find(test.predicted != data.Ytest);
  Figure gallery(out / "misclassified.png", 1200, 820);
  gallery.grid(4, 6, "The first misclassified test images (true -> predicted)");
  for (arma::uword k = 0; k < std::min<arma::uword>(24, wrong.n_elem); ++k)
    drawImage(
        gallery.panel(), data.Xtest.col(wrong(k)),
        data.classNames[data.Ytest(wrong(k))] + " -> " + data.classNames[test.predicted(wrong(k))]);
  if (!wrong.is_empty()) gallery.save();
}

}  // namespace mnist_mlp

// ---------------------------------------------------------------------------------------------
// 6. The program: options, data, model, training, test
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace mnist_mlp;
  // [options]
  CLI::App app{"Chapter 4: Keras's 784-300-100-10 network on MNIST, trained by mini-batch SGD",
               "mnist_mlp"};
  Settings settings;
  std::string dataset = "mnist";
  std::filesystem::path out, dataDir;
  arma::uword limit = 0;
  arma::uword threads = 1;
  app.add_option("--epochs", settings.epochs, "passes over the training set")
      ->check(dl::cli::WholeNumber(1, 10'000))
      ->capture_default_str();
  app.add_option("--batch-size", settings.batchSize, "images per gradient step")
      ->check(dl::cli::WholeNumber(1, 55'000))
      ->capture_default_str();
  dl::cli::addLearningRateOption(app, settings.learningRate, "SGD step size");
  app.add_option("--hidden", settings.hidden, "units of the hidden layers")
      ->delimiter(',')
      ->check(dl::cli::WholeNumber(1, 100'000))
      ->capture_default_str();
  app.add_option("--dataset", dataset, "mnist, or fashion (Fashion-MNIST, same format)")
      ->check(CLI::IsMember({"mnist", "fashion"}))
      ->capture_default_str();
  app.add_option("--data-dir", dataDir, "folder of the four IDX files (default: the dataset's)");
  app.add_option("--limit", limit, "train on only this many images (0: all), for quick runs")
      ->check(dl::cli::WholeNumber(0, 55'000))
      ->capture_default_str();
  app.add_option("--threads", threads, "cores for the first layer's products (its blocks)")
      ->check(dl::cli::WholeNumber(1, 64))
      ->capture_default_str();
  dl::cli::addSeedOption(app, settings.seed);
  dl::cli::addOutOption(app, out, "mnist_mlp");
  // [options]

  return dl::cli::run(app, argc, argv, [&] {
    const bool fashion = dataset == "fashion";
    if (dataDir.empty())
      dataDir = fashion ? "/usr/share/datasets/fashion-mnist" : DL_DATA_DIR "/mnist";
    if (fashion && !std::filesystem::exists(dataDir))
      throw dl::Error(dataDir.string() +
                      ": Fashion-MNIST is not installed "
                      "(sudo apt-get install dataset-fashion-mnist)");
    dl::cli::prepareOutputDir(out);
    // Threads come from the first layer's blocks (Dense::split()), each block's products on one
    // core. OpenBLAS's own threads would share out every product instead, which for products as
    // small as a batch of 32 costs about as much as it saves (the benchmark page).
    openblas_set_num_threads(1);

    // [main]
    Data data = load(
        dataDir,
        fashion ? std::vector<std::string>{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}
                : std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
        fashion ? "Fashion-MNIST's files, from sudo apt-get install dataset-fashion-mnist"
                : "MNIST comes with the tutorial in data/mnist/; data/README.md says where from");
    if (limit > 0) {
      data.X = data.X.cols(0, limit - 1);
      data.Y = data.Y.cols(0, limit - 1);
    }
    std::cout << (fashion ? "Fashion-MNIST" : "MNIST") << ": " << data.X.n_cols << " training, "
              << data.Xval.n_cols << " validation and " << data.Xtest.n_cols
              << " test images of 28x28 pixels.\n\n";
    arma::arma_rng::set_seed(settings.seed);
    Model model = build(settings.hidden, 10);
    model.layers.front().split(threads);  // 784 inputs: most of the arithmetic, worth sharing
    printSummary(model, std::cout);
    const auto history = train(model, data, settings, std::cout, isatty(STDOUT_FILENO) != 0);
    const Evaluation test = evaluate(model, data.Xtest, data.Ytest);
    // [main]

    std::cout << "\nTest: " << std::fixed << std::setprecision(4) << "loss: " << test.loss
              << " - accuracy: " << test.accuracy << "\n\n";
    for (arma::uword i = 0; i < 3; ++i)
      std::cout << "Predicted: " << data.classNames[test.predicted(i)]
                << ", Actual: " << data.classNames[data.Ytest(i)] << '\n';
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
    std::cout << "\nA training epoch took " << std::setprecision(3) << median << " s (median of "
              << table.n_rows << ").\n";
    dl::writeCsv(out / "history.csv", {{"epoch", table.col(0)},
                                        {"loss", table.col(1)},
                                        {"accuracy", table.col(2)},
                                        {"val_loss", table.col(3)},
                                        {"val_accuracy", table.col(4)},
                                        {"seconds", table.col(5)}});
    if (dl::plot::gnuplotAvailable())
      plotResults(out, data, history, test);
    else
      std::cout << "plots skipped (gnuplot is not installed): history, train_image_30, "
                   "train_image_30_pixels, first_test_predictions, confusion_matrix, "
                   "misclassified\n";
    dl::writeJson(out / "summary.json", {{"dataset", dataset},
                                          {"test_accuracy", test.accuracy},
                                          {"test_loss", test.loss},
                                          {"history", epochs},
                                          {"seconds_per_epoch", median},
                                          {"train_seconds", arma::accu(table.col(5))},
                                          {"parameters", model.parameters()},
                                          {"epochs", settings.epochs},
                                          {"batch_size", settings.batchSize},
                                          {"learning_rate", settings.learningRate},
                                          {"hidden", settings.hidden},
                                          {"seed", settings.seed},
                                          {"training_images", data.X.n_cols}});
    std::cout << "results in " << out.string() << "\n";
    return 0;
  });
}
#endif
