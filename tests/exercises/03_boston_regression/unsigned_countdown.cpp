// for (l = L; l >= 0; --l) with an unsigned l: it runs past layer 1 and reads A[-1].
// expect: crashed with signal 6
// expect: std::vector index out of range
#include "exercise.hpp"

ex3::Gradients ex3::backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  const std::size_t L = net.size();
  const double m = Y.n_elem;
  Gradients g{std::vector<arma::mat>(L + 1), std::vector<arma::vec>(L + 1)};
  arma::mat dZ = (c.A[L] - Y) / m;
  for (std::size_t l = L; l + 1 > 0; --l) {
    g.dW[l] = dZ * c.A[l - 1].t();
    g.db[l] = arma::sum(dZ, 1);
    if (l > 1) dZ = (net[l - 1].W.t() * dZ) % (c.Z[l - 1] > 0);
  }
  return g;
}
