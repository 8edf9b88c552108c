// The article's own slip: dJ/dc without the factor 2.
// expect: dc is wrong: half the right value
// expect: the article's own slip
// expect: Right: da, db
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const double m = x.n_elem;
  return {2 * arma::dot(yHat - y, arma::square(x)) / m, 2 * arma::dot(yHat - y, x) / m,
          arma::accu(yHat - y) / m};
}
