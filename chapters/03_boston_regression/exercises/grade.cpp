// Chapter 3's checks: backward() for networks of 1 to 4 layers, on one sample and on batches,
// against central differences of the cost and the chapter's own boston_regression::backward().
// The article's two slips are worked out (variant()), so each is caught and named.

#include <sstream>

#include "03_boston_regression/exercises/exercise.hpp"
#include "dl/gradcheck.hpp"
#include "grader/grader.hpp"

namespace ex3::solution {
Gradients backward(const Network& net, const Cache& c, const arma::rowvec& Y);
}

namespace {

using grader::Case;
using grader::Mistake;
using grader::Verdict;

enum class Slip { none, reluAlwaysOne, oneOverMTwice, reluAtOutput, sigmoidPrime };

// The backward pass with one mistake switched on (the right one with Slip::none).
ex3::Gradients variant(const ex3::Network& net, const ex3::Cache& c, const arma::rowvec& Y,
                       Slip slip) {
  const std::size_t L = net.size();
  const double m = Y.n_elem;
  ex3::Gradients g{std::vector<arma::mat>(L + 1), std::vector<arma::vec>(L + 1)};
  arma::mat dZ = (c.A[L] - Y) / m;  // dJ/dZ_L
  if (slip == Slip::reluAtOutput) dZ %= arma::conv_to<arma::mat>::from(c.Z[L] > 0);
  for (std::size_t l = L; l >= 1; --l) {
    const double again = slip == Slip::oneOverMTwice ? m : 1.0;
    g.dW[l] = dZ * c.A[l - 1].t() / again;
    g.db[l] = arma::sum(dZ, 1) / again;
    if (l == 1) break;
    const arma::mat s = 1 / (1 + arma::exp(-c.Z[l - 1]));
    const arma::mat derivative = slip == Slip::reluAlwaysOne ? arma::mat(arma::ones(arma::size(s)))
                                 : slip == Slip::sigmoidPrime
                                     ? arma::mat(s % (1 - s))
                                     : arma::mat(arma::conv_to<arma::mat>::from(c.Z[l - 1] > 0));
    dZ = (net[l - 1].W.t() * dZ) % derivative;
  }
  return g;
}

Verdict checkBackward(const Case& c) {
  std::vector<arma::uword> sizes;
  for (std::size_t l = 0; l < c.depth; ++l) sizes.push_back(c.dims[l].first);
  sizes.push_back(1);
  const arma::uword m = arma::uword(c.m);
  ex3::Network net;
  arma::mat X;
  ex3::Cache cache;
  do {
    net.clear();
    for (std::size_t l = 1; l < sizes.size(); ++l)
      net.push_back({arma::randn(sizes[l], sizes[l - 1]) * 0.8, arma::randn(sizes[l]) * 0.3});
    X = arma::randn(sizes[0], m);
    cache = ex3::forward(net, X);
    // The hidden layers' Z; the output layer is linear, with no kink.
  } while (!grader::clearOfKink({cache.Z.begin(), cache.Z.end() - 1}));
  const arma::rowvec Y = arma::randn<arma::rowvec>(m);
  const ex3::Gradients exact = ex3::solution::backward(net, cache, Y);
  const ex3::Gradients got = ex3::backward(net, cache, Y);
  const std::size_t L = net.size();

  Verdict v;
  for (const auto& [name, count] : {std::pair{"dW", got.dW.size()}, std::pair{"db", got.db.size()}})
    if (count != L + 1)
      v.fail(std::string(name) + " has " + std::to_string(count) +
             " entries but should have L + 1 = " + std::to_string(L + 1) + ": " + name +
             "[l] for the layers l = 1, ..., L, with " + name +
             "[0] unused (resize it to L + 1 first).");
  if (!v.ok()) return v;

  const std::vector<std::pair<std::string, ex3::Gradients>> known{
      {"ReLU'(Z) is 1 everywhere: computed from A as [A >= 0], which always holds since "
       "A = max(Z, 0) >= 0. This is the article's own slip (np.where(A >= 0, 1, 0)); ReLU'(Z) is "
       "[Z > 0], or [A > 0]",
       variant(net, cache, Y, Slip::reluAlwaysOne)},
      {"1/m is applied twice: dZ_L = dJ/dZ_L = (Yhat - Y)/m already holds it, and dW_l and db_l "
       "divide by m again. This is the article's own slip; dW_l = dZ_l A_{l-1}^T and "
       "db_l = dZ_l 1, with no second 1/m",
       variant(net, cache, Y, Slip::oneOverMTwice)},
      {"ReLU' is applied at the output layer too, but the output is linear (A_L = Z_L): "
       "dZ_L = (Yhat - Y)/m, with no mask",
       variant(net, cache, Y, Slip::reluAtOutput)},
      {"it uses the derivative of the wrong activation, sigma'(Z) = sigma(Z)(1 - sigma(Z)): the "
       "hidden layers are ReLUs, whose derivative is 1 where Z > 0 and 0 elsewhere",
       variant(net, cache, Y, Slip::sigmoidPrime)}};
  for (std::size_t l = L; l >= 1; --l) {
    const std::string at = "[" + std::to_string(l) + "]";
    std::vector<Mistake> W, b;
    for (const auto& [name, g] : known) {
      W.push_back({name, g.dW[l]});
      b.push_back({name, g.db[l]});
    }
    ex3::Network probe = net;
    const auto costAt = [&] { return ex3::cost(ex3::forward(probe, X).A.back(), Y); };
    const arma::mat nW = dl::numericalGradient(costAt, probe[l - 1].W);
    const arma::vec nb = dl::numericalGradient(costAt, probe[l - 1].b);
    v.compare("dW" + at, got.dW[l], exact.dW[l], nW, c, W);
    v.compare("db" + at, got.db[l], exact.db[l], nb, c, b);
  }
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const grader::Exercise backward{
      "backward",
      "the backward pass of an L-layer network: dW[l], db[l] for l = L, ..., 1",
      [] {
        std::vector<Case> cases;
        const auto add = [&](std::size_t L, arma::uword m) {
          // Layer sizes n0 > n1 > ... > 1, all different, so that a shape can be named.
          Case c{"", {}, double(m), L};
          std::ostringstream sizes;
          arma::uword n = grader::randomInt(3 * L + 3, 3 * L + 5);
          for (std::size_t l = 0; l < L; ++l, n -= grader::randomInt(2, 3)) {
            c.dims.push_back({n, std::string("n").append(std::to_string(l))});
            sizes << n << ',';
          }
          c.description = "L = " + std::to_string(L) + " layers of sizes " + sizes.str() +
                          "1, m = " + grader::samples(m);
          if (m > 1) c.dims.push_back({m, "m"});
          cases.push_back(c);
        };
        add(1, 1);
        add(2, 1);
        add(2, grader::randomInt(20, 40));
        add(3, grader::randomInt(20, 40));
        add(4, grader::randomInt(20, 40));
        return grader::runCases(cases, checkBackward);
      },
      {}};
  return grader::grade(argc, argv, "chapter 3, the L-layer regression", {backward});
}
