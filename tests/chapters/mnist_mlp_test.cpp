// Chapter 4: a short training run on a subset, determinism, the Keras-style output, and the
// program's options and files.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include "chapters/mnist_mlp.hpp"  // 04_mnist_mlp/main.cpp, without its main()
#include "dl/plot.hpp"
#include "program.hpp"

// Allocation counters for TheBatchLoopAllocatesNothing: the linker (--wrap) routes this binary's
// calls to malloc and posix_memalign here.
std::atomic<long> allocations{0};
extern "C" {
void* __real_malloc(std::size_t size);
int __real_posix_memalign(void** memory, std::size_t alignment, std::size_t size);
void* __wrap_malloc(std::size_t size) {
  ++allocations;
  return __real_malloc(size);
}
int __wrap_posix_memalign(void** memory, std::size_t alignment, std::size_t size) {
  ++allocations;
  return __real_posix_memalign(memory, alignment, size);
}
}

namespace {
using namespace mnist_mlp;
namespace fs = std::filesystem;

const Data& mnist() {
  static const Data data = [] {
    Data d = load(DL_DATA_DIR "/mnist", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, "");
    d.X = d.X.cols(0, 1999);  // a 2000-image subset keeps the tests quick
    d.Y = d.Y.cols(0, 1999);
    return d;
  }();
  return data;
}

TEST(MnistData, TheArticlesSplitAndScaling) {
  const Data d = load(DL_DATA_DIR "/mnist", {}, "");
  EXPECT_EQ(d.X.n_cols, 55000u);
  EXPECT_EQ(d.Xval.n_cols, 5000u);
  EXPECT_EQ(d.Xtest.n_cols, 10000u);
  EXPECT_EQ(d.Yval(0), 5u);   // the validation set is the first 5000 training images
  EXPECT_EQ(d.X.max(), 255);  // kept as bytes; scaled by 1/255 where used
  EXPECT_EQ(d.X.min(), 0);
  const arma::fmat val = pixels(d.Xval);
  EXPECT_FLOAT_EQ(val.max(), 1.0f);
  EXPECT_FLOAT_EQ(val.min(), 0.0f);
  EXPECT_FLOAT_EQ(val(0), pixel(d.Xval(0)));
  EXPECT_FLOAT_EQ(pixel(51), 0.2f);
}

std::vector<EpochRecord> trainOnSubset(Model& model, std::uint64_t seed, arma::uword epochs,
                                       arma::uword threads = 1, const Data& data = mnist(),
                                       bool reference = false) {
  arma::arma_rng::set_seed(seed);
  model = build({300, 100}, 10);
  Settings settings;
  settings.epochs = epochs;
  settings.threads = threads;
  settings.reference = reference;
  std::ostringstream log;
  return train(model, data, settings, log, false);
}

TEST(MnistTraining, A2000ImageRunPasses85PercentOnValidation) {
  Model model;
  const auto history = trainOnSubset(model, 1, 10);
  EXPECT_GE(history.back().valAccuracy, 0.85);
  EXPECT_LT(history.back().loss, history.front().loss);
}

TEST(MnistTraining, TheSameSeedGivesTheSameWeights) {
  Model a, b, c;
  trainOnSubset(a, 7, 1);
  trainOnSubset(b, 7, 1);
  trainOnSubset(c, 8, 1);
  EXPECT_TRUE(arma::approx_equal(a.layers[0].W, b.layers[0].W, "absdiff", 0.0f));
  EXPECT_FALSE(arma::approx_equal(a.layers[0].W, c.layers[0].W, "absdiff", 0.0f));
}

// Two threads add the first layer's two halves in a fixed order: the same numbers every run, and
// within float rounding of one thread's.
TEST(MnistTraining, TwoThreadsAreDeterministicAndAgreeWithOne) {
  Model one, two, again;
  trainOnSubset(one, 7, 1);
  trainOnSubset(two, 7, 1, 2);
  trainOnSubset(again, 7, 1, 2);
  EXPECT_TRUE(arma::approx_equal(two.layers[0].W, again.layers[0].W, "absdiff", 0.0f));
  for (std::size_t l = 0; l < one.layers.size(); ++l)
    EXPECT_LT(arma::abs(one.layers[l].W - two.layers[l].W).max(), 1e-5f) << l;
}

// The reference path (backward(), then sgdStep(): the page's formulas) trains to the fast path's
// weights, within float rounding: the fused update rounds differently from the stored gradient.
TEST(MnistTraining, TheReferencePathTrainsToTheFastPathsWeights) {
  Model fast, reference;
  trainOnSubset(fast, 7, 1);
  trainOnSubset(reference, 7, 1, 1, mnist(), true);
  for (std::size_t l = 0; l < fast.layers.size(); ++l) {
    EXPECT_LT(arma::abs(fast.layers[l].W - reference.layers[l].W).max(), 1e-5f) << l;
    EXPECT_LT(arma::abs(fast.layers[l].b - reference.layers[l].b).max(), 1e-5f) << l;
  }
}

// The batch loop allocates nothing: an epoch of twice as many steps makes exactly as many
// allocations (the per-epoch ones: the shuffled order, the validation pass). Counted are the
// allocations of this binary's own code, where Armadillo's inlined matrix code makes them; the
// linker sends its malloc and posix_memalign calls through the counters above (tests/CMakeLists.txt).
// A temporary in a per-batch expression, such as sum(dZ, 1) in a bias step, costs allocations
// in proportion to the batches.
TEST(MnistTraining, TheBatchLoopAllocatesNothing) {
  for (arma::uword threads : {1u, 2u}) {
    std::vector<long> counts;
    for (arma::uword images : {1000u, 2000u}) {
      Data d = mnist();
      d.X = d.X.cols(0, images - 1);
      d.Y = d.Y.cols(0, images - 1);
      Model model;
      const long before = allocations.load();
      trainOnSubset(model, 1, 1, threads, d);
      counts.push_back(allocations.load() - before);
    }
    EXPECT_GT(counts[0], 0) << "the counter counts nothing: is the binary linked with --wrap?";
    EXPECT_EQ(counts[1], counts[0]) << threads << " threads: " << counts[1] - counts[0]
                                    << " allocations more for 31 more batches";
  }
}

TEST(MnistOutput, ProgressLineAndSummaryLookLikeKeras) {
  EXPECT_EQ(progressLine(1719, 1719, 5.25, 0.611, 0.8479),
            "1719/1719 [==============================] - 5.2s 3.05ms/step - loss: 0.6110 - "
            "accuracy: 0.8479");
  EXPECT_EQ(progressLine(860, 1720, 1.0, 0.5, 0.5).substr(0, 41),
            "860/1720 [===============>..............]");
  std::ostringstream summary;
  arma::arma_rng::set_seed(1);
  printSummary(build({300, 100}, 10), summary);
  EXPECT_NE(summary.str().find("hiddenLayer1 (Dense)         (None, 300)               235500"),
            std::string::npos)
      << summary.str();
  EXPECT_NE(summary.str().find("Total params: 266610"), std::string::npos);
}

TEST(MnistOutput, MostConfusedAddsBothDirectionsOfAPair) {
  arma::mat counts(10, 10, arma::fill::zeros);
  counts.diag().fill(100);
  counts(4, 9) = 3;  // 4 taken for 9 three times, 9 for 4 five times: "9 and 4", 8 mistakes
  counts(9, 4) = 5;
  counts(7, 2) = 6;  // one direction only, but fewer in all
  counts(3, 5) = 1;
  const std::vector<std::string> names{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  const auto top = mostConfused(counts, names, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0]["classes"], "9 and 4");
  EXPECT_EQ(top[0]["count"], 8);
  EXPECT_EQ(top[0]["first_as_second"], 5);
  EXPECT_EQ(top[0]["second_as_first"], 3);
  EXPECT_EQ(top[1]["classes"], "7 and 2");
  EXPECT_EQ(top[2]["classes"], "3 and 5");
}

TEST(MnistOutput, TheNetworkPictureHasTheModelsLayers) {
  arma::arma_rng::set_seed(1);
  const std::string dot = networkPicture(build({300, 100}, 10));
  for (const char* caption : {"784 units", "300 units", "100 units", "10 units", "softmax"})
    EXPECT_NE(dot.find(caption), std::string::npos) << caption << "\n" << dot;
}

using dl::test::program;

TEST(MnistProgram, AShortRunWritesEveryPromisedFile) {
  const auto out = dl::test::freshDir();
  const auto result = dl::test::run(program("--limit 2000 --epochs 2 --out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("Epoch 2/2\n63/63 [==============================]"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("Predicted: 7, Actual: 7"), std::string::npos);
  const auto summary = dl::test::readJson(out / "summary.json");
  for (const char* key : {"test_accuracy", "test_loss", "history", "seconds_per_epoch",
                          "confusion_matrix", "most_confused", "test_errors", "peak_memory_mb"})
    EXPECT_TRUE(summary.contains(key)) << key;
  ASSERT_EQ(summary["history"].size(), 2u);
  double diagonal = 0;
  for (int k = 0; k < 10; ++k) diagonal += summary["confusion_matrix"][k][k].get<double>();
  EXPECT_NEAR(diagonal / 10000.0, summary["test_accuracy"].get<double>(), 1e-12);
  EXPECT_NEAR(summary["test_errors"].get<double>(), 10000.0 - diagonal, 1e-12);
  EXPECT_NE(dl::test::readText(out / "network.dot").find("digraph"), std::string::npos);
  const std::string csv = dl::test::readText(out / "history.csv");
  EXPECT_EQ(csv.rfind("epoch,loss,accuracy,val_loss,val_accuracy,seconds\n1,", 0), 0u) << csv;
  EXPECT_EQ(dl::test::countLines(csv), 3u);
  for (const char* key : {"epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"})
    EXPECT_TRUE(summary["history"][0].contains(key)) << key;
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed: no plots";
  for (const char* plot : {"history", "train_image_30", "train_image_30_pixels",
                           "first_test_predictions", "confusion_matrix", "misclassified"})
    EXPECT_GT(fs::file_size(out / (std::string(plot) + ".png")), 3000u) << plot;
}

TEST(MnistProgram, BadOptionsAndDataAreOneLineErrors) {
  const auto out = dl::test::freshDir();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--epochs 0", "--epochs"},
      {"--batch-size 0", "--batch-size"},
      {"--learning-rate nan", "--learning-rate"},
      {"--hidden 300,0", "--hidden"},
      {"--dataset cifar", "--dataset"},
      {"--threads -1", "--threads"},
      {"--threads 0", "--threads"},
      {"--data-dir /nonexistent", "/nonexistent/train-images-idx3-ubyte.gz: no such file"},
      {"--dataset fashion --data-dir /nonexistent",
       "Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)"}};
  for (const auto& [options, mentions] : cases) {
    const auto result = dl::test::run(program(options + " --out " + out.string()));
    EXPECT_NE(result.status, 0) << options;
    EXPECT_EQ(dl::test::countLines(result.output), 1u) << result.output;
    EXPECT_EQ(result.output.rfind("mnist_mlp: error: ", 0), 0u) << result.output;
    EXPECT_NE(result.output.find(mentions), std::string::npos) << result.output;
  }
}

TEST(MnistDrawing, ASavedModelLoadsBackExactly) {
  arma::arma_rng::set_seed(3);
  const Model model = build({30, 20}, 10);
  const auto file = dl::test::freshDir() / "model.bin";
  saveModel(file, model);
  const Model loaded = loadModel(file);
  ASSERT_EQ(loaded.layers.size(), 3u);
  const arma::fmat X = arma::randu<arma::fmat>(784, 5);
  Model::Workspace a, b;
  EXPECT_TRUE(arma::approx_equal(model.forward(X, a), loaded.forward(X, b), "absdiff", 0.0f));
  const auto bad = dl::test::freshDir() / "history.csv";
  dl::writeFileAtomically(bad, "epoch,loss\n");
  EXPECT_EQ(dl::test::errorOf([&] { loadModel(bad); }),
            bad.string() + ": not a model saved by mnist_mlp (its model.bin)");
}

TEST(MnistDrawing, ADrawingIsScaledAndCentredAsMnistsDigitsWere) {
  EXPECT_EQ(arma::accu(mnistStyle(arma::fmat(90, 90, arma::fill::zeros))), 0.0f);
  arma::fmat drawing(200, 120, arma::fill::zeros);
  drawing.submat(10, 5, 109, 54).fill(1);  // a 100 x 50 stroke in the top left corner
  const arma::fmat digit = mnistStyle(drawing);
  const arma::uvec rows = arma::find(arma::max(digit, 1) > 0), cols = arma::find(arma::max(digit, 0) > 0);
  EXPECT_EQ(rows.n_elem, 20u);  // the longer side fills 20 pixels
  EXPECT_EQ(cols.n_elem, 10u);  // the shape is kept
  const double mass = arma::accu(digit);
  const double rowMean = arma::accu(arma::sum(digit, 1) % arma::regspace<arma::fvec>(0, 27)) / mass;
  const double colMean = arma::accu(arma::sum(digit, 0) % arma::regspace<arma::frowvec>(0, 27)) / mass;
  EXPECT_NEAR(rowMean, 13.5, 0.5);
  EXPECT_NEAR(colMean, 13.5, 0.5);
}

TEST(MnistProgram, TheDigitCanvasClassifiesADrawingWithASavedModel) {
  const auto out = dl::test::freshDir();
  ASSERT_EQ(dl::test::run(program("--limit 2000 --epochs 2 --out " + out.string())).status, 0);
  // The first test image, a 7, as the page's canvas sends a drawing: a PGM, ten times larger.
  const auto images = dl::idx::readImages(DL_DATA_DIR "/mnist/t10k-images-idx3-ubyte.gz", "");
  std::string pgm = "P5\n280 280\n255\n";
  for (int r = 0; r < 280; ++r)
    for (int c = 0; c < 280; ++c) pgm += char(images(arma::uword(r / 10 * 28 + c / 10), 0));
  const auto drawing = out / "seven.pgm";
  dl::writeFileAtomically(drawing, pgm);
  const auto classified = out / "classified";
  const auto result = dl::test::run(program("--model " + (out / "model.bin").string() +
                                            " --classify " + drawing.string() + " --out " +
                                            classified.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("Predicted: 7\n"), std::string::npos) << result.output;
  const auto summary = dl::test::readJson(classified / "summary.json");
  double total = 0;
  for (const auto& p : summary["probabilities"]) total += p.get<double>();
  EXPECT_NEAR(total, 1.0, 1e-5);
  EXPECT_EQ(summary["digit"].size(), 784u);
  const auto missing = dl::test::run(program("--classify " + drawing.string()));
  EXPECT_NE(missing.status, 0);
  EXPECT_NE(missing.output.find("--classify requires --model"), std::string::npos) << missing.output;
}

TEST(MnistProgram, ADivergingRunSaysSo) {
  const auto result = dl::test::run(
      program("--limit 2000 --epochs 3 --learning-rate 50 --out " + dl::test::freshDir().string()));
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("mnist_mlp: error: training diverged"), std::string::npos)
      << result.output;
}

}  // namespace
