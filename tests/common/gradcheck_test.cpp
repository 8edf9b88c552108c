// The gradient checker itself has to be right before it can judge the chapters' derivatives.
#include "dl/gradcheck.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace {

TEST(NumericalGradient, MatchesAKnownDerivativeAndRestoresTheParameters) {
  // L(W) = sum(W^3) + sum(W) has dL/dW = 3 W^2 + 1.
  arma::arma_rng::set_seed(3);
  arma::mat W = arma::randn(4, 3);
  const arma::mat saved = W;
  const arma::mat numeric =
      dl::numericalGradient([&] { return arma::accu(arma::pow(W, 3)) + arma::accu(W); }, W);
  EXPECT_LT(dl::relativeError(3 * arma::square(W) + 1, numeric), 1e-9);
  EXPECT_TRUE(arma::approx_equal(W, saved, "absdiff", 0.0));
}

TEST(NumericalGradient, SeesEveryElementOnItsOwn) {
  // Only element (1, 2) matters: every other entry of the gradient must be exactly 0.
  arma::mat W(2, 3, arma::fill::ones);
  const arma::mat numeric = dl::numericalGradient([&] { return 5 * W(1, 2); }, W);
  arma::mat expected(2, 3, arma::fill::zeros);
  expected(1, 2) = 5;
  EXPECT_LT(dl::relativeError(expected, numeric), 1e-9);
}

TEST(RelativeError, IsScaleFreeAndCatchesAWrongFactor) {
  const arma::mat g = {{1.0, -2.0}, {3.0, 0.5}};
  EXPECT_DOUBLE_EQ(dl::relativeError(g, g), 0.0);
  EXPECT_NEAR(dl::relativeError(2 * g, g), 1.0 / 2, 1e-15);            // a missing factor 2
  EXPECT_NEAR(dl::relativeError(2e-9 * g, 1e-9 * g), 1.0 / 2, 1e-12);  // at any scale
  EXPECT_DOUBLE_EQ(dl::relativeError(arma::zeros(2, 2), arma::zeros(2, 2)), 0.0);
}

TEST(RelativeError, CallsASignSlipATotalDisagreement) {
  // a + n = 0, where a formula over a + n would divide by 0: here every element disagrees by 2.
  const arma::mat g = {{1.0, -2.0}, {3.0, 0.5}};
  EXPECT_DOUBLE_EQ(dl::relativeError(-g, g), 2.0);
}

TEST(RelativeError, FindsOneWrongElementAmongManyRightOnes) {
  // 10 000 right elements and one off by a factor 2: the norm of the whole block, used as the
  // measure, would see about 1e-4 of a disagreement, and let it pass as rounding.
  arma::arma_rng::set_seed(4);
  const arma::mat n = arma::randn(100, 100);
  arma::mat a = n;
  a(37, 62) *= 2;
  const dl::RelativeError e = dl::relativeError(a, n);
  EXPECT_NEAR(e.value, 1.0 / 2, 1e-15);
  EXPECT_EQ(e.row, 37u);
  EXPECT_EQ(e.col, 62u);
  EXPECT_LT(arma::norm(a - n, "fro") / arma::norm(a + n, "fro"), 1e-2);
  std::ostringstream printed;
  printed << e;
  EXPECT_EQ(printed.str(), "5.00e-01 at (37, 62)");
}

TEST(RelativeError, JudgesElementsFarBelowTheBlocksLargestAgainstAFloor) {
  // A gradient of 1e-5 next to one of 1: a central difference cannot resolve it to six digits,
  // so a rounding error of 1e-10 must not fail the check.
  const arma::mat a = {{1.0, 1e-5}}, n = {{1.0, 1e-5 + 1e-10}};
  EXPECT_LT(dl::relativeError(a, n), 1e-6);
  // Above the floor (1e-3 of the largest), a small element is judged on its own.
  const arma::mat small = {{1.0, 1e-2}}, wrong = {{1.0, 2e-2}};
  EXPECT_NEAR(dl::relativeError(small, wrong), 1.0 / 2, 1e-12);
}

TEST(RelativeError, RefusesBlocksOfDifferentShapes) {
  EXPECT_THROW(dl::relativeError(arma::zeros(2, 3), arma::zeros(3, 2)), std::invalid_argument);
}

}  // namespace
