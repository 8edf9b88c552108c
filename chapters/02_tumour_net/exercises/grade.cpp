// Chapter 2's checks: backward() on one sample, then on batches of random sizes, against central
// differences of the cost and the chapter's own tumour_net::backward(); the usual mistakes are
// worked out (variant()) so that an answer equal to one of them is told which.

#include "02_tumour_net/exercises/exercise.hpp"
#include "dl/gradcheck.hpp"
#include "grader/grader.hpp"

namespace ex2::solution {
Gradients backward(const Params& p, const arma::mat& X, const arma::rowvec& Y, const Cache& c);
}

namespace {

using grader::Case;
using grader::Mistake;
using grader::Verdict;

// The hidden layer's derivative a learner may write instead of ReLU'(Z1) = [Z1 > 0].
enum class Hidden { relu, none, sigmoidOfZ, sigmoidOfA };

// The backward pass with one mistake switched on (the right one with the defaults).
ex2::Gradients variant(const ex2::Params& p, const arma::mat& X, const arma::rowvec& Y,
                       const ex2::Cache& c, Hidden hidden, bool extraSigmoidPrime) {
  const double m = X.n_cols;
  arma::rowvec dZ2 = (c.Yh - Y) / m;  // dJ/dZ2, J the mean cross-entropy
  if (extraSigmoidPrime) dZ2 %= c.Yh % (1 - c.Yh);
  const arma::mat s = 1 / (1 + arma::exp(-c.Z1));
  const arma::mat mask = hidden == Hidden::relu
                             ? arma::mat(arma::conv_to<arma::mat>::from(c.Z1 > 0))
                         : hidden == Hidden::none       ? arma::mat(arma::ones(arma::size(c.Z1)))
                         : hidden == Hidden::sigmoidOfZ ? arma::mat(s % (1 - s))
                                                        : arma::mat(c.A1 % (1 - c.A1));
  const arma::mat dZ1 = (p.W2.t() * dZ2) % mask;
  return {dZ1 * X.t(), arma::sum(dZ1, 1), dZ2 * c.A1.t(), arma::sum(dZ2, 1)};
}

Verdict checkBackward(const Case& c) {
  const arma::uword n0 = c.dims[0].first, n1 = c.dims[1].first, m = arma::uword(c.m);
  ex2::Params p;
  arma::mat X;
  ex2::Cache cache;
  do {
    p = {arma::randn(n1, n0), arma::randn(n1) * 0.3, arma::randn(1, n1), arma::randn(1) * 0.3};
    X = arma::randn(n0, m);
    cache = ex2::forward(p, X);
  } while (!grader::clearOfKink({cache.Z1}));
  const arma::rowvec Y = arma::conv_to<arma::rowvec>::from(arma::randu<arma::rowvec>(m) > 0.5);
  const auto costAt = [&] { return ex2::cost(ex2::forward(p, X).Z2, Y); };
  const arma::mat nW1 = dl::numericalGradient(costAt, p.W1);
  const arma::vec nb1 = dl::numericalGradient(costAt, p.b1);
  const arma::mat nW2 = dl::numericalGradient(costAt, p.W2);
  const arma::vec nb2 = dl::numericalGradient(costAt, p.b2);
  const ex2::Gradients exact = ex2::solution::backward(p, X, Y, cache);
  const ex2::Gradients got = ex2::backward(p, X, Y, cache);

  const std::vector<std::pair<std::string, ex2::Gradients>> known{
      {"the ReLU's derivative is left out, or is 1 everywhere (as [A1 >= 0] is, since "
       "A1 = max(Z1, 0) >= 0): W2^T dZ2 must be multiplied, entry by entry, by ReLU'(Z1), 1 "
       "where Z1 > 0 and 0 elsewhere",
       variant(p, X, Y, cache, Hidden::none, false)},
      {"it uses the derivative of the wrong activation, sigma'(Z1) = sigma(Z1)(1 - sigma(Z1)): "
       "the hidden layer is a ReLU, whose derivative is 1 where Z1 > 0 and 0 elsewhere",
       variant(p, X, Y, cache, Hidden::sigmoidOfZ, false)},
      {"it uses the derivative of the wrong activation: A1(1 - A1) is the sigmoid's derivative "
       "written with its output, but A1 is a ReLU's output; ReLU'(Z1) is 1 where Z1 > 0, else 0",
       variant(p, X, Y, cache, Hidden::sigmoidOfA, false)},
      {"dZ2 is multiplied by sigma'(Z2) = Yhat(1 - Yhat) once too often: for the cross-entropy "
       "after a sigmoid, dZ2 = dJ/dZ2 is just (Yhat - Y)/m (the sigmoid's derivative has cancelled)",
       variant(p, X, Y, cache, Hidden::relu, true)}};
  Verdict v;
  v.compare("dW2", got.dW2, exact.dW2, nW2, c, grader::mistakesIn(known, &ex2::Gradients::dW2));
  v.compare("db2", got.db2, exact.db2, nb2, c, grader::mistakesIn(known, &ex2::Gradients::db2));
  v.compare("dW1", got.dW1, exact.dW1, nW1, c, grader::mistakesIn(known, &ex2::Gradients::dW1));
  v.compare("db1", got.db1, exact.db1, nb1, c, grader::mistakesIn(known, &ex2::Gradients::db1));
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const grader::Exercise backward{
      "backward",
      "the backward pass: dW1, db1, dW2, db2",
      [] {
        std::vector<Case> cases;
        const auto add = [&](arma::uword n0, arma::uword n1, arma::uword m) {
          Case c{"n0 = " + std::to_string(n0) + " inputs, n1 = " + std::to_string(n1) +
                     " hidden units, m = " + grader::samples(m),
                 {{n0, "n0"}, {n1, "n1"}},
                 double(m)};
          if (m > 1) c.dims.push_back({m, "m"});
          cases.push_back(c);
        };
        add(3, 4, 1);
        add(grader::randomInt(3, 6), grader::randomInt(7, 12), grader::randomInt(15, 30));
        add(9, 15, grader::randomInt(40, 80));  // the chapter's own sizes
        return grader::runCases(cases, checkBackward);
      },
      {}};
  return grader::grade(argc, argv, "chapter 2, the tumour network", {backward});
}
