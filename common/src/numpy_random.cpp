#include "dl/numpy_random.hpp"

#include <cmath>

namespace dl {

arma::mat NumpyRandomState::randn(arma::uword rows, arma::uword cols) {
  arma::mat M(rows, cols);
  for (arma::uword r = 0; r < rows; ++r)
    for (arma::uword c = 0; c < cols; ++c) M(r, c) = gauss();
  return M;
}

// [numpy]
// NumPy's random_double: 27 and 26 random bits make one double in [0, 1).
double NumpyRandomState::uniform() {
  const double a = mt_() >> 5, b = mt_() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}

// NumPy's legacy_gauss: the polar method, one deviate returned and its twin kept.
double NumpyRandomState::gauss() {
  if (hasSaved_) {
    hasSaved_ = false;
    return saved_;
  }
  double x1, x2, r2;
  do {
    x1 = 2 * uniform() - 1;
    x2 = 2 * uniform() - 1;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1 || r2 == 0);
  const double f = std::sqrt(-2 * std::log(r2) / r2);
  saved_ = f * x1;
  hasSaved_ = true;
  return f * x2;
}
// [numpy]

}  // namespace dl
