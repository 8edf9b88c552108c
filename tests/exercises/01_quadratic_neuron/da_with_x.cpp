// dJ/da with x where the chain rule gives x^2.
// expect: da is wrong: it uses x where dyhat/da = x\^2
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const double m = x.n_elem;
  return {2 * arma::dot(yHat - y, x) / m, 2 * arma::dot(yHat - y, x) / m,
          2 * arma::accu(yHat - y) / m};
}
