// Chapter 1's checks: grads() on one sample, then on batches of random sizes, against central
// differences of the loss and the chapter's own quadratic_neuron::grads().

#include "01_quadratic_neuron/exercises/exercise.hpp"
#include "dl/gradcheck.hpp"
#include "grader/grader.hpp"

namespace ex1::solution {
Gradients grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat);
}

namespace {

using grader::Case;
using grader::Mistake;
using grader::Verdict;

Verdict checkGrads(const Case& c) {
  const arma::uword m = arma::uword(c.m);
  const arma::rowvec x = arma::randn<arma::rowvec>(m);
  const arma::rowvec y = ex1::predict(10, 5, 12, x) + arma::randn<arma::rowvec>(m);
  arma::vec theta = arma::randn<arma::vec>(3) * 5;  // the guess (a, b, c)
  const arma::rowvec yHat = ex1::predict(theta(0), theta(1), theta(2), x);
  const arma::vec numerical = dl::numericalGradient(
      [&] { return ex1::loss(ex1::predict(theta(0), theta(1), theta(2), x), y); }, theta);
  const ex1::Gradients exact = ex1::solution::grads(x, y, yHat);
  const ex1::Gradients got = ex1::grads(x, y, yHat);
  // The mistakes a learner makes here, each worked out: the article's dc is one of them.
  const arma::rowvec r = yHat - y;
  const std::vector<Mistake> daMistakes{
      {"it uses x where dyhat/da = x^2 (that is dJ/db's formula)",
       arma::mat{2 * arma::dot(r, x) / m}},
      {"it is missing the factor 2 that differentiating the square brings down",
       arma::mat{exact.da / 2}}};
  const std::vector<Mistake> dcMistakes{
      {"half the right value: the factor 2 that differentiating (yhat - y)^2 brings down is "
       "missing. This is the article's own slip: its code has dc = 1/m sum(yhat - y), which "
       "slows c down by half",
       arma::mat{exact.dc / 2}}};
  Verdict v;
  v.compare("da", got.da, exact.da, numerical(0), c, daMistakes);
  v.compare("db", got.db, exact.db, numerical(1), c);
  v.compare("dc", got.dc, exact.dc, numerical(2), c, dcMistakes);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  const grader::Exercise grads{
      "grads",
      "the three partial derivatives dJ/da, dJ/db, dJ/dc",
      [] {
        std::vector<Case> cases;
        for (arma::uword m : {arma::uword(1), grader::randomInt(5, 20), grader::randomInt(50, 200)})
          cases.push_back({"m = " + grader::samples(m), {{m, "m"}}, double(m)});
        return grader::runCases(cases, checkGrads);
      },
      {}};
  return grader::grade(argc, argv, "chapter 1, the quadratic neuron", {grads});
}
