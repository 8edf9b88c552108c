// dZ1 without ReLU'(Z1).
// expect: dW1 is wrong: the ReLU's derivative is left out
// expect: Right: dW2, db2
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m;
  const arma::mat dZ1 = p.W2.t() * dZ2;
  return {dZ1 * X.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}
