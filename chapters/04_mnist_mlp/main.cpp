/// \file
/// \brief Chapter 4: the Keras 784-300-100-10 network on MNIST, with reusable layers, trained by
/// mini-batch SGD in single precision (the program walked through on \ref chapter4).

#include <unistd.h>

#include <algorithm>
#include <armadillo>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include "dl/error.hpp"
#include "dl/fast_sgd.hpp"
#include "dl/idx.hpp"
#include "dl/layers.hpp"
#include "dl/training.hpp"

/// Everything chapter 4 defines, in the order the article introduces it.
namespace mnist_mlp {

using Model = dl::Sequential<float>;
using Layer = dl::Dense<float>;

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
/// dl::Sequential checks the stack as it is built (sizes that chain, a softmax on top).
Model build(const std::vector<arma::uword>& hidden, arma::uword classes) {
  std::vector<Layer> layers;
  arma::uword inputs = 784;
  for (arma::uword units : hidden) {
    layers.emplace_back(inputs, units, dl::Activation::relu);
    inputs = units;
  }
  layers.emplace_back(inputs, classes, dl::Activation::softmax);
  for (auto& layer : layers) layer.glorotUniform();
  return Model(std::move(layers));
}
// [model]

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
  arma::uword threads = 1;  ///< cores for the first layer's products, on the fast path
  bool reference = false;   ///< train on the reference path (the page's formulas) instead
  std::string dataset = "mnist";
  std::filesystem::path dataDir;  ///< empty: the dataset's own folder
  arma::uword limit = 0;          ///< train on only this many images (0: all)
  std::filesystem::path model, classify;  ///< the page's digit canvas (report.hpp)
};

/// One epoch's numbers, as Keras's `history.history` holds them.
struct EpochRecord {
  double loss, accuracy, valLoss, valAccuracy, seconds;
};

/// Keras's progress line, `1719/1719 [======] - 1s 0.4ms/step - loss: ... - accuracy: ...`
/// (report.hpp).
std::string progressLine(arma::uword step, arma::uword steps, double seconds, double loss,
                         double accuracy);

// [train]
/// Trains for `settings.epochs` epochs of mini-batch SGD. Each epoch visits the training images in
/// a new random order (a permutation of their indices, not of the 55 000 x 784 matrix), one batch
/// of `batchSize` columns at a time: gather the batch, forward, backward, update. The batches and
/// their workspaces are allocated once, before the first epoch; a last, shorter batch has its own.
/// The step runs on the fast path unless `settings.reference`: the same arithmetic fused into the
/// products and shared among `settings.threads` threads (dl::FastSgd, proven equal by its tests).
std::vector<EpochRecord> train(Model& model, const Data& data, const Settings& settings,
                               std::ostream& log, bool terminal) {
  const arma::uword n = data.X.n_cols, B = settings.batchSize, steps = (n + B - 1) / B;
  const arma::uword tailWidth = n - (steps - 1) * B;
  const float learningRate = float(settings.learningRate);
  arma::fmat batch(784, B), tailBatch(784, tailWidth);
  arma::urowvec labels(B), tailLabels(tailWidth), predicted(B), tailPredicted(tailWidth);
  dl::FastSgd<float> fast;
  fast.split(0, settings.threads);  // 784 inputs: most of the arithmetic, worth sharing
  dl::FastSgd<float>::Workspace ws, tailWs;
  dl::DivergenceCheck diverged("epoch", settings.learningRate);
  std::vector<EpochRecord> history;
  for (arma::uword epoch = 1; epoch <= settings.epochs; ++epoch) {
    log << "Epoch " << epoch << '/' << settings.epochs << '\n';
    const arma::uvec order = arma::randperm(n);
    arma::wall_clock clock;
    clock.tic();
    double lossSum = 0, correct = 0, nextBar = 0;
    for (arma::uword step = 0; step < steps; ++step) {
      const bool tail = step + 1 == steps && tailWidth != B;
      arma::fmat& X = tail ? tailBatch : batch;
      arma::urowvec& Y = tail ? tailLabels : labels;
      arma::urowvec& guess = tail ? tailPredicted : predicted;
      dl::FastSgd<float>::Workspace& w = tail ? tailWs : ws;
      for (arma::uword j = 0; j < X.n_cols; ++j) {
        const arma::uword image = order(step * B + j);
        std::transform(data.X.begin_col(image), data.X.end_col(image), X.begin_col(j), pixel);
        Y(j) = data.Y(image);
      }
      const arma::fmat& P = settings.reference ? model.forward(X, w) : fast.forward(model, X, w);
      lossSum += model.loss(Y, w) * double(X.n_cols);
      guess = arma::index_max(P, 0);
      correct += double(arma::accu(guess == Y));
      if (settings.reference) {  // the backward pass and the update as this page derives them
        model.backward(X, Y, w);
        model.sgdStep(learningRate);
      } else {  // the same step, fused and in blocks: what the program runs by default
        fast.step(model, X, Y, w, learningRate);
      }
      // On a terminal, the bar moves ten times a second and shows the last step, as Keras's.
      if (terminal && (clock.toc() >= nextBar || step + 1 == steps)) {
        nextBar = clock.toc() + 0.1;
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

}  // namespace mnist_mlp

#include "report.hpp"  // the options, the console tables, the plots and files, beside the article

// ---------------------------------------------------------------------------------------------
// 5. The program: the article's last cells
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace mnist_mlp;
  CLI::App app{"Chapter 4: Keras's 784-300-100-10 network on MNIST, trained by mini-batch SGD",
               "mnist_mlp"};
  Settings settings;
  dl::Report report("mnist_mlp");
  addOptions(app, settings, report);
  return dl::cli::run(app, argc, argv, [&] {
    report.prepare();
    if (!settings.classify.empty()) return classifyDrawing(settings, report, std::cout);
    dl::setBlasThreads(1);  // the only threads are the fast path's blocks (dl/threads.hpp)
    // [main]
    const Data data = loadDataset(settings, std::cout);
    arma::arma_rng::set_seed(settings.seed);
    Model model = build(settings.hidden, 10);
    printSummary(model, std::cout);
    const auto history = train(model, data, settings, std::cout, isatty(STDOUT_FILENO) != 0);
    const Evaluation test = evaluate(model, data.Xtest, data.Ytest);
    printTest(std::cout, data, test);
    addOutputs(report, std::cout, data, history, test, model);
    report.finish(std::cout);
    // [main]
    return 0;
  });
}
#endif
