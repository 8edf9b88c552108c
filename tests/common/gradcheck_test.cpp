// The gradient checker itself has to be right before it can judge the chapters' derivatives.
#include "dl/gradcheck.hpp"

#include <gtest/gtest.h>

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
  EXPECT_NEAR(dl::relativeError(2 * g, g), 1.0 / 3, 1e-15);            // a missing factor 2
  EXPECT_NEAR(dl::relativeError(2e-9 * g, 1e-9 * g), 1.0 / 3, 1e-12);  // at any scale
  EXPECT_DOUBLE_EQ(dl::relativeError(arma::zeros(2, 2), arma::zeros(2, 2)), 0.0);
}

TEST(RelativeError, CallsASignSlipATotalDisagreement) {
  // a + n = 0: the formula's denominator vanishes, and a flipped sign must not pass as agreement.
  const arma::mat g = {{1.0, -2.0}, {3.0, 0.5}};
  EXPECT_EQ(dl::relativeError(-g, g), arma::datum::inf);
  EXPECT_GT(dl::relativeError(-g, g), 1e-6);
}

TEST(RelativeError, UsesTheFrobeniusNormNotTheSpectralNorm) {
  // The two differ for this pair: spectral gives 1/2, Frobenius 1/sqrt(5).
  const arma::mat a = {{1.0, 0.0}, {0.0, 1.0}}, n = {{1.0, 0.0}, {0.0, 0.0}};
  EXPECT_NEAR(dl::relativeError(a, n), std::sqrt(1.0 / 5), 1e-15);
}

}  // namespace
