// db1 summed over the units (down each column) instead of over the samples.
// expect: db1 is 1x1 but should be 4x1 \(n1 x 1\)
// expect: the sum ran over the units
// expect: arma::sum\(dZ, 1\)
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m;
  const arma::mat dZ1 = (p.W2.t() * dZ2) % arma::sign(c.A1);
  return {dZ1 * X.t(), arma::sum(dZ1, 0), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}
