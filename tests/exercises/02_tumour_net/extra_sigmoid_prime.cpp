// dJ/dZ2 multiplied by the sigmoid's derivative, which the cross-entropy has already cancelled.
// expect: dW2 is wrong: dZ2 is multiplied by sigma'\(Z2\)
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m % c.Yh % (1 - c.Yh);
  const arma::mat dZ1 = (p.W2.t() * dZ2) % arma::sign(c.A1);
  return {dZ1 * X.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}
