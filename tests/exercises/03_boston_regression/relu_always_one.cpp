// The article's own slip: ReLU'(Z) from A as [A >= 0], which is always 1.
// expect: ReLU'\(Z\) is 1 everywhere
// expect: This is the article's own slip
#include "exercise.hpp"

ex3::Gradients ex3::backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  const std::size_t L = net.size();
  const double m = Y.n_elem;
  Gradients g{std::vector<arma::mat>(L + 1), std::vector<arma::vec>(L + 1)};
  arma::mat dZ = (c.A[L] - Y) / m;
  for (std::size_t l = L; l >= 1; --l) {
    g.dW[l] = dZ * c.A[l - 1].t();
    g.db[l] = arma::sum(dZ, 1);
    if (l > 1) dZ = (net[l - 1].W.t() * dZ) % (c.A[l - 1] >= 0);
  }
  return g;
}
