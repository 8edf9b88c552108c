// y - yHat for yHat - y.
// expect: da is the right value with its sign flipped
// expect: gradient descent would climb
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const double m = x.n_elem;
  return {2 * arma::dot(y - yHat, arma::square(x)) / m, 2 * arma::dot(y - yHat, x) / m,
          2 * arma::accu(y - yHat) / m};
}
