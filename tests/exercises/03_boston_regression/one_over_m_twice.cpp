// The article's own slip: 1/m in dZ_L = dJ/dZ_L, and again in every dW and db.
// expect: 1/m is applied twice
// expect: This is the article's own slip
#include "exercise.hpp"

ex3::Gradients ex3::backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  const std::size_t L = net.size();
  const double m = Y.n_elem;
  Gradients g{std::vector<arma::mat>(L + 1), std::vector<arma::vec>(L + 1)};
  arma::mat dZ = (c.A[L] - Y) / m;
  for (std::size_t l = L; l >= 1; --l) {
    g.dW[l] = dZ * c.A[l - 1].t() / m;
    g.db[l] = arma::sum(dZ, 1) / m;
    if (l > 1) dZ = (net[l - 1].W.t() * dZ) % (c.Z[l - 1] > 0);
  }
  return g;
}
