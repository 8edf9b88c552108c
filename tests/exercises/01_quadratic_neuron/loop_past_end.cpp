// A loop over the samples that runs one past the last: Armadillo's bounds check throws.
// expect: threw an exception: Mat::operator\(\): index out of bounds
// expect: rows and columns count from 0 to n - 1
#include "exercise.hpp"

ex1::Gradients ex1::grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const double m = x.n_elem;
  Gradients g{0, 0, 0};
  for (arma::uword i = 0; i <= x.n_elem; ++i) {
    const double r = yHat(i) - y(i);
    g.da += 2 * r * x(i) * x(i) / m;
    g.db += 2 * r * x(i) / m;
    g.dc += 2 * r / m;
  }
  return g;
}
