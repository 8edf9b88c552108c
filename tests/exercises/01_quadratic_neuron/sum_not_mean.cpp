// Sums over the samples where the loss takes their mean.
// expect: times the right value: a sum over the samples where the mean belongs
// expect: right for a single sample \(m = 1\) but not for this batch
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  return {2 * arma::dot(yHat - y, arma::square(x)), 2 * arma::dot(yHat - y, x),
          2 * arma::accu(yHat - y)};
}
