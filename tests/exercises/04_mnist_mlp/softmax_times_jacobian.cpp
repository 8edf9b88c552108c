// (P - Y) multiplied by the softmax's diagonal derivative, which the cross-entropy cancels.
// expect: multiplied by the softmax's derivative p\(1 - p\)
#include "exercise.hpp"

arma::mat ex4::softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels) {
  arma::mat dZ = P;
  for (arma::uword i = 0; i < labels.n_elem; ++i) dZ(labels(i), i) -= 1;
  return dZ % P % (1 - P) / double(labels.n_elem);
}
