// The sigmoid's derivative A(1 - A) for the ReLU's.
// expect: dW1 is wrong: it uses the derivative of the wrong activation
// expect: A1\(1 - A1\) is the sigmoid's derivative
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m;
  const arma::mat dZ1 = (p.W2.t() * dZ2) % c.A1 % (1 - c.A1);
  return {dZ1 * X.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}
