// A loop over the samples whose index never moves.
// expect: did not finish within
// expect: an endless loop
#include "exercise.hpp"

ex2::Gradients ex2::backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                             const Cache& c) {
  const double m = X.n_cols;
  const arma::rowvec dZ2 = (c.Yh - Y) / m;
  const arma::mat dZ1 = (p.W2.t() * dZ2) % arma::sign(c.A1);
  arma::vec db2(1, arma::fill::zeros);
  for (arma::uword i = 0; i < X.n_cols;) db2(0) += dZ2(i);
  return {dZ1 * X.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), db2};
}
