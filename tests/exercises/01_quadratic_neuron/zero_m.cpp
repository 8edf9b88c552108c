// m counted wrongly as 0: every derivative is a division by zero.
// expect: contains (infinity|NaN)
// expect: a division by zero
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const double m = double(x.n_elem) - double(y.n_elem);
  return {2 * arma::dot(yHat - y, arma::square(x)) / m, 2 * arma::dot(yHat - y, x) / m,
          2 * arma::accu(yHat - y) / m};
}
