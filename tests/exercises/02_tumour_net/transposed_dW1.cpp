// dW1 = X dZ1^T, the transpose of dZ1 X^T.
// expect: dW1 is 3x4 \(n0 x n1\) but should be 4x3 \(n1 x n0\)
// expect: the shape of its transpose
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m;
  const arma::mat dZ1 = (p.W2.t() * dZ2) % arma::sign(c.A1);
  return {X * dZ1.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}
