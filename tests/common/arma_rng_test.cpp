// Armadillo's random numbers come from dl/arma_rng.hpp: the same seed gives the same numbers with
// every standard library. The numbers below were drawn by this test's code both natively
// (libstdc++) and in the browser build (libc++, WebAssembly); a change to the generator changes
// every chapter's data, so it must show here first.
#include <armadillo>
#include <gtest/gtest.h>

namespace {

TEST(ArmaRng, ArmadilloDrawsFromTheTutorialsGenerator) {
  EXPECT_EQ(arma::arma_rng::rng_method, 2);  // ARMA_RNG_ALT
}

TEST(ArmaRng, SeedOneGivesTheSameNumbersEverywhere) {
  arma::arma_rng::set_seed(1);
  const arma::vec u = arma::randu(3), n = arma::randn(3);
  const arma::ivec i = arma::randi<arma::ivec>(3, arma::distr_param(0, 9));
  const arma::uvec p = arma::randperm(5);
  EXPECT_EQ(u(0), 0.13387664401253263);
  EXPECT_EQ(u(1), 0.13640703636619722);
  EXPECT_EQ(u(2), 0.45121490384453811);
  EXPECT_EQ(n(0), 0.87556596068784009);
  EXPECT_EQ(n(1), -0.062253400278168079);
  EXPECT_EQ(n(2), -0.75894133317662416);
  EXPECT_EQ(arma::conv_to<std::vector<long long>>::from(i), (std::vector<long long>{4, 6, 3}));
  EXPECT_EQ(arma::conv_to<std::vector<arma::uword>>::from(p),
            (std::vector<arma::uword>{1, 3, 4, 2, 0}));
}

TEST(ArmaRng, DistributionsHaveTheirMoments) {
  arma::arma_rng::set_seed(7);
  const arma::vec u = arma::randu(200000), n = arma::randn(200000);
  EXPECT_NEAR(arma::mean(u), 0.5, 0.005);
  EXPECT_NEAR(arma::var(u), 1.0 / 12, 0.002);
  EXPECT_GE(u.min(), 0.0);
  EXPECT_LT(u.max(), 1.0);
  EXPECT_NEAR(arma::mean(n), 0.0, 0.01);
  EXPECT_NEAR(arma::stddev(n), 1.0, 0.01);
  const arma::ivec k = arma::randi<arma::ivec>(100000, arma::distr_param(-2, 2));
  EXPECT_EQ(k.min(), -2);
  EXPECT_EQ(k.max(), 2);
  for (int v = -2; v <= 2; ++v)
    EXPECT_NEAR(double(arma::accu(k == v)) / k.n_elem, 0.2, 0.01) << v;
}

}  // namespace
