// Chapter 2's mathematics: the backward pass against central differences and
// a hand computation, the stable cost, the landscape's geometry, and the article's numbers.
#include <gtest/gtest.h>

#include <sstream>

#include "chapters/tumour_net.hpp"  // 02_tumour_net/main.cpp, without its main()
#include "dl/error.hpp"
#include "dl/gradcheck.hpp"

namespace {
using namespace tumour_net;

// The cost as a function of the parameters, for the gradient check.
double costOf(const Net& net, const arma::mat& X, const arma::rowvec& Y) {
  Cache ch;
  forward(net, X, ch);
  return cost(ch.Z2, Y);
}

// [gradient_check]
TEST(TumourNetGradients, AllFourBlocksMatchCentralDifferences) {
  for (std::uint32_t seed = 1; seed <= 4; ++seed) {
    arma::arma_rng::set_seed(seed);
    const arma::mat X = arma::randu(9, 20);
    const arma::rowvec Y = arma::conv_to<arma::rowvec>::from(arma::randu<arma::rowvec>(20) > 0.5);
    Net net = initialise(9, 15, seed);
    net.b1 = 0.1 * arma::randn(15);  // non-zero biases, so their gradients are tested too
    net.b2 = {0.3};
    Cache ch;
    Gradients g;
    forward(net, X, ch);
    backward(net, X, Y, ch, g);
    const auto loss = [&] { return costOf(net, X, Y); };
    EXPECT_LT(dl::relativeError(g.dW1, dl::numericalGradient(loss, net.W1)), 1e-6) << seed;
    EXPECT_LT(dl::relativeError(g.db1, dl::numericalGradient(loss, net.b1)), 1e-6) << seed;
    EXPECT_LT(dl::relativeError(g.dW2, dl::numericalGradient(loss, net.W2)), 1e-6) << seed;
    EXPECT_LT(dl::relativeError(g.db2, dl::numericalGradient(loss, net.b2)), 1e-6) << seed;
  }
}
// [gradient_check]

TEST(TumourNetGradients, MatchAHandComputedOneUnitNet) {
  // One sample x = (1, 0), y = 1; W1 = (1, -1), W2 = (2), biases 0.
  // Z1 = 1, A1 = 1, Z2 = 2, yhat = sigma(2); dZ2 = sigma(2) - 1; dW2 = db2 = dZ2 * 1;
  // dZ1 = 2 dZ2 (Z1 > 0); dW1 = dZ1 * (1, 0); db1 = dZ1.
  const Net net{arma::rowvec{1.0, -1.0}, arma::vec{0.0}, arma::rowvec{2.0}, arma::vec{0.0}};
  const arma::mat X = arma::vec{1.0, 0.0};
  const arma::rowvec Y = {1.0};
  Cache ch;
  Gradients g;
  forward(net, X, ch);
  backward(net, X, Y, ch, g);
  const double dZ2 = 1 / (1 + std::exp(-2.0)) - 1;
  EXPECT_DOUBLE_EQ(ch.Yh(0), 1 / (1 + std::exp(-2.0)));
  EXPECT_DOUBLE_EQ(g.dW2(0, 0), dZ2);
  EXPECT_DOUBLE_EQ(g.db2(0), dZ2);
  EXPECT_DOUBLE_EQ(g.dW1(0, 0), 2 * dZ2);
  EXPECT_DOUBLE_EQ(g.dW1(0, 1), 0);
  EXPECT_DOUBLE_EQ(g.db1(0), 2 * dZ2);
}

TEST(TumourNetCost, FromLogitsEqualsTheArticlesFormulaAndStaysFiniteWhenItCannot) {
  const arma::rowvec Z2 = {-3, -0.5, 0, 0.7, 4}, Y = {0, 1, 1, 0, 1};
  const arma::rowvec Yh = 1 / (1 + arma::exp(-Z2));
  const double article = -arma::mean(Y % arma::log(Yh) + (1 - Y) % arma::log(1 - Yh));
  EXPECT_NEAR(cost(Z2, Y), article, 1e-14);
  // At |z| = 800, sigma(z) rounds to exactly 0 or 1 and the article's logs give inf or nan.
  EXPECT_DOUBLE_EQ(cost(arma::rowvec{800}, arma::rowvec{1}), 0);
  EXPECT_DOUBLE_EQ(cost(arma::rowvec{-800}, arma::rowvec{1}), 800);
  EXPECT_DOUBLE_EQ(cost(arma::rowvec{800}, arma::rowvec{0}), 800);
}

TEST(TumourNetCost, TheArticlesChainRuleSimplifiesToYhatMinusY) {
  // dLoss_Yh * dSigmoid(Z2) = -(Y/Yh - (1-Y)/(1-Yh)) * Yh (1 - Yh) = Yh - Y
  const arma::rowvec Z2 = {-3, -0.5, 0, 0.7, 4}, Y = {0, 1, 1, 0, 1};
  const arma::rowvec Yh = 1 / (1 + arma::exp(-Z2));
  const arma::rowvec article = -(Y / Yh - (1 - Y) / (1 - Yh)) % (Yh % (1 - Yh));
  EXPECT_TRUE(arma::approx_equal(article, Yh - Y, "absdiff", 1e-14));
}

TEST(TumourNetMetrics, ConfusionMatrixAndAccuracy) {
  const arma::urowvec predicted = {0, 1, 1, 0, 1, 0};
  const arma::rowvec Y = {0, 1, 0, 1, 1, 0};
  const arma::umat counts = confusion(predicted, Y);
  EXPECT_EQ(counts(0, 0), 2u);  // TN
  EXPECT_EQ(counts(0, 1), 1u);  // FP
  EXPECT_EQ(counts(1, 0), 1u);  // FN
  EXPECT_EQ(counts(1, 1), 2u);  // TP
  EXPECT_DOUBLE_EQ(accuracy(counts), 4.0 / 6);
}

TEST(TumourNetLandscape, DirectionsAreFilterNormalisedAndProjectionRecoversCoordinates) {
  arma::arma_rng::set_seed(3);
  const Net trained = initialise(9, 15, 3);
  const Net d1 = filterNormalisedDirection(trained), d2 = filterNormalisedDirection(trained);
  EXPECT_TRUE(arma::approx_equal(arma::sqrt(arma::sum(arma::square(d1.W1), 1)),
                                 arma::sqrt(arma::sum(arma::square(trained.W1), 1)), "reldiff",
                                 1e-12));
  EXPECT_NEAR(arma::norm(d1.W2), arma::norm(trained.W2), 1e-12);
  EXPECT_EQ(arma::norm(d1.b1) + arma::norm(d1.b2), 0);
  const arma::vec2 ab = project(offset(trained, 0.3, d1, -0.2, d2), trained, d1, d2);
  EXPECT_NEAR(ab(0), 0.3, 1e-12);
  EXPECT_NEAR(ab(1), -0.2, 1e-12);
}

const dl::wisconsin::Split& articleData() {
  static const auto data =
      dl::wisconsin::load(DL_DATA_DIR "/wisconsin/breast-cancer-wisconsin.data");
  static const auto split = dl::wisconsin::articleSplit(data, "wisconsin");
  return split;
}

TEST(TumourNetTraining, Seed1ReproducesTheArticlesPrintedCosts) {
  const auto& d = articleData();
  Settings settings;
  settings.iterations = 10'001;
  Net net = initialise(9, 15, 1);
  std::ostringstream log;
  const History history = train(net, d.X, d.Y, settings, log);
  // The article: 0.673967 at iteration 0, 0.122093 at 500, 0.085122 at 10000.
  EXPECT_NEAR(history.cost[0], 0.673967, 5e-7);
  EXPECT_NEAR(history.cost[1], 0.122093, 5e-7);
  EXPECT_NEAR(history.cost[20], 0.085122, 5e-7);
  EXPECT_EQ(
      log.str().rfind("Cost after iteration 0: 0.673967\nCost after iteration 500: 0.122093\n", 0),
      0u);
}

TEST(TumourNetTraining, AShortRunAlreadyPasses95PercentOnValidation) {
  const auto& d = articleData();
  Settings settings;
  settings.iterations = 3000;
  for (std::uint32_t seed : {1u, 2u, 3u}) {
    Net net = initialise(9, 15, seed);
    std::ostringstream log;
    train(net, d.X, d.Y, settings, log);
    EXPECT_GE(accuracy(confusion(predict(net, d.Xval, 0.5), d.Yval)), 0.95) << seed;
  }
}

TEST(TumourNetTraining, AHugeLearningRateIsReportedAsDivergence) {
  const auto& d = articleData();
  Settings settings;
  settings.iterations = 3000;
  settings.learningRate = 100;
  Net net = initialise(9, 15, 1);
  std::ostringstream log;
  EXPECT_THROW(train(net, d.X, d.Y, settings, log), dl::Error);
}

}  // namespace
