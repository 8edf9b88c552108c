#pragma once
/// \file
/// \brief NumPy's legacy random generator, so that a chapter can start from an article's own
/// random weights.

#include <armadillo>
#include <cstdint>
#include <random>

namespace dl {

/// NumPy's legacy generator, the one behind `np.random.seed(1)` and `np.random.randn`: MT19937
/// seeded with the integer (`std::mt19937` is the same generator), doubles with 53 random bits
/// made from two 32-bit draws, and normal deviates by the polar Box-Muller method, which makes
/// them in pairs and keeps the second for the next call. Chapter 2 draws the article's starting
/// weights with it.
class NumpyRandomState {
 public:
  /// `np.random.seed(seed)`; NumPy accepts seeds up to \f$2^{32} - 1\f$.
  explicit NumpyRandomState(std::uint32_t seed) : mt_(seed) {}

  /// `np.random.randn(rows, cols)`, filled row by row as NumPy stores arrays.
  arma::mat randn(arma::uword rows, arma::uword cols);

 private:
  double uniform();
  double gauss();

  std::mt19937 mt_;
  double saved_ = 0;
  bool hasSaved_ = false;
};

}  // namespace dl
