// Chapter 3's mathematics: the L-layer backward pass against central differences for several
// architectures, the article's two slips failing that check, least squares, and a short run.
#include <gtest/gtest.h>

#include "chapters/boston_regression.hpp"  // 03_boston_regression/main.cpp, without its main()
#include "dl/error.hpp"
#include "dl/gradcheck.hpp"

namespace {
using namespace boston_regression;

struct Problem {
  Network net;
  arma::mat X;
  arma::rowvec Y;
  double lambda;
  double costNow() {
    Cache ch;
    forward(net, X, ch);
    return cost(net, ch.A.back(), Y, lambda);
  }
  Gradients gradients(Slips slips = {}) {
    Cache ch;
    Gradients g;
    forward(net, X, ch);
    backward(net, ch, Y, g, lambda, slips);
    return g;
  }
};

Problem randomProblem(const std::vector<arma::uword>& sizes, double lambda, std::uint64_t seed) {
  arma::arma_rng::set_seed(seed);
  Problem p{initialise(sizes, Init::he), arma::randn(sizes.front(), 15),
            arma::rowvec(20 + 5 * arma::randn<arma::rowvec>(15)), lambda};
  for (auto& layer : p.net) layer.b = 0.1 * arma::randn(layer.b.n_elem);
  return p;
}

// [gradient_check]
TEST(BostonGradients, EveryLayerMatchesCentralDifferences) {
  for (const auto& sizes :
       std::vector<std::vector<arma::uword>>{{13, 5, 5, 1}, {13, 3, 1}, {13, 4, 6, 3, 1}, {13, 1}})
    for (double lambda : {0.0, 0.7}) {
      Problem p = randomProblem(sizes, lambda, sizes.size());
      const Gradients g = p.gradients();
      for (std::size_t l = 1; l <= p.net.size(); ++l) {
        const auto loss = [&] { return p.costNow(); };
        EXPECT_LT(dl::relativeError(g.dW[l], dl::numericalGradient(loss, p.net[l - 1].W)), 1e-6)
            << "dW" << l << " of " << sizes.size() - 1 << " layers, lambda " << lambda;
        EXPECT_LT(dl::relativeError(g.db[l], dl::numericalGradient(loss, p.net[l - 1].b)), 1e-6)
            << "db" << l << " of " << sizes.size() - 1 << " layers, lambda " << lambda;
      }
    }
}
// [gradient_check]

TEST(BostonGradients, TheArticlesReluSlipFailsTheCheckBelowTheTopLayer) {
  Problem p = randomProblem({13, 5, 5, 1}, 0, 3);
  const Gradients g = p.gradients({.reluAlwaysOne = true});
  const auto loss = [&] { return p.costNow(); };
  // The top layer's gradient does not pass through a ReLU, so it is still right...
  EXPECT_LT(dl::relativeError(g.dW[3], dl::numericalGradient(loss, p.net[2].W)), 1e-6);
  // ...but every layer below it is wrong.
  EXPECT_GT(dl::relativeError(g.dW[2], dl::numericalGradient(loss, p.net[1].W)), 1e-2);
  EXPECT_GT(dl::relativeError(g.dW[1], dl::numericalGradient(loss, p.net[0].W)), 1e-2);
}

TEST(BostonGradients, TheArticlesDoubleOneOverMFailsTheCheckEverywhere) {
  Problem p = randomProblem({13, 5, 5, 1}, 0, 4);
  const Gradients g = p.gradients({.oneOverMTwice = true});
  const double m = p.Y.n_elem;
  for (std::size_t l = 1; l <= 3; ++l) {
    const arma::mat numeric = dl::numericalGradient([&] { return p.costNow(); }, p.net[l - 1].W);
    // Every gradient is 1/m of the truth: relative error |1/m - 1| / 1 = (m - 1) / m.
    EXPECT_NEAR(dl::relativeError(g.dW[l], numeric), (m - 1) / m, 1e-6) << l;
  }
}

TEST(BostonLeastSquares, MatchesTheNormalEquationsAndRecoversAnExactLine) {
  arma::arma_rng::set_seed(5);
  const arma::mat X = arma::randn(2, 30);
  const arma::rowvec exact = 3 + 2 * X.row(0) - X.row(1);
  EXPECT_TRUE(arma::approx_equal(leastSquares(X, exact), arma::vec{3, 2, -1}, "absdiff", 1e-12));
  const arma::rowvec noisy = exact + 0.3 * arma::randn<arma::rowvec>(30);
  const arma::mat A = arma::join_cols(arma::ones<arma::rowvec>(30), X).t();
  const arma::vec normal = arma::inv(A.t() * A) * A.t() * noisy.t();
  EXPECT_TRUE(arma::approx_equal(leastSquares(X, noisy), normal, "absdiff", 1e-10));
  EXPECT_TRUE(arma::approx_equal(predictLinear(normal, X), arma::rowvec((A * normal).t()),
                                 "absdiff", 1e-12));
}

TEST(BostonStandardizer, UsesTheTrainingRowsStatistics) {
  const arma::mat train = {{1.0, 2.0, 3.0}, {10.0, 10.0, 40.0}};
  const Standardizer scale(train);
  const arma::mat z = scale(train);
  EXPECT_TRUE(arma::approx_equal(arma::mean(z, 1), arma::vec{0, 0}, "absdiff", 1e-15));
  EXPECT_TRUE(arma::approx_equal(arma::stddev(z, 0, 1), arma::vec{1, 1}, "absdiff", 1e-15));
  EXPECT_DOUBLE_EQ(scale(arma::mat(arma::vec{5.0, 20.0}))(0, 0), 3.0);  // (5 - 2) / 1
}

const dl::boston::Data& bostonData() {
  static const auto data = dl::boston::load(DL_DATA_DIR "/boston/boston.csv");
  return data;
}

TEST(BostonTraining, AShortImprovedRunBeatsTheMeanAndLeastSquares) {
  const auto split = dl::boston::split(bostonData(), 0.2, 1);
  const Recipe recipe{"improved", {13, 32, 32, 1}, Init::he, 0.02, 1500, true, 10, {}};
  const Outcome net = fitNetwork(recipe, split, 1);
  const Outcome linear = fitLeastSquares(split);
  const double meanPredictor =
      rmse(arma::rowvec(split.Ytest.n_elem, arma::fill::value(arma::mean(split.Y))), split.Ytest);
  EXPECT_LT(net.testRmse, linear.testRmse);
  EXPECT_LT(linear.testRmse, meanPredictor);
  EXPECT_EQ(net.costs.n_elem, 1501u);
}

TEST(BostonTraining, TheArticlesRecipeWithCorrectGradientsCanDivergeAndSaysSo) {
  // Split seed 6: learning rate 0.03 on unscaled features overshoots at once.
  const auto split = dl::boston::split(bostonData(), 0.2, 6);
  const Recipe article{"as in the article", {13, 5, 5, 1}, Init::article, 0.03, 1000, false, 0, {}};
  const Outcome outcome = fitNetwork(article, split, 6, true);
  EXPECT_NE(outcome.diverged.find("training diverged"), std::string::npos) << outcome.diverged;
  EXPECT_THROW(fitNetwork(article, split, 6), dl::Error);  // unless told it is a result
  // With the article's slips (1/m twice: a 404 times smaller step) it stays stable.
  Recipe slipped = article;
  slipped.slips = {true, true};
  const Outcome stable = fitNetwork(slipped, split, 6, true);
  EXPECT_TRUE(stable.diverged.empty()) << stable.diverged;
  EXPECT_LT(stable.testRmse, 10);
}

}  // namespace
