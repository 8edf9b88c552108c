// P - Y without the batch's 1/B.
// expect: dZ is B = [0-9]+ times the right value
// expect: the 1/B is missing
// expect: right for a single sample \(B = 1\)
#include "exercise.hpp"

arma::mat ex4::softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels) {
  arma::mat dZ = P;
  for (arma::uword i = 0; i < labels.n_elem; ++i) dZ(labels(i), i) -= 1;
  return dZ;
}
