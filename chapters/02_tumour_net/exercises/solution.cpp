// ADAPTER: the chapter's own code as the solution of exercise.hpp. The grader compares the
// reader's answers with ex2::solution; the solutions build (-DDL_EXERCISES=solutions) also
// answers the exercise with it. When main.cpp changes, only this file changes.

#include "02_tumour_net/main.cpp"  // compiled without main() (DL_CHAPTER_TEST)
#include "exercise.hpp"
#include "grader/not_written_yet.hpp"

namespace ex2 {

Cache forward(const Params& p, const arma::mat& X) {
  tumour_net::Cache ch;
  tumour_net::forward({p.W1, p.b1, p.W2, p.b2}, X, ch);
  return {ch.Z1, ch.A1, ch.Z2, ch.Yh};
}

double cost(const arma::rowvec& Z2, const arma::rowvec& Y) {
  return tumour_net::cost(Z2, Y);
}

namespace solution {
Gradients backward(const Params& p, const arma::mat& X, const arma::rowvec& Y, const Cache& c) {
  tumour_net::Gradients g;
  tumour_net::backward({p.W1, p.b1, p.W2, p.b2}, X, Y, {c.Z1, c.A1, c.Z2, c.Yh}, g);
  return {g.dW1, g.db1, g.dW2, g.db2};
}
}  // namespace solution

// The answers of the solutions build, replaced by the reader's own.
DL_SOLUTION_ANSWER Gradients backward(const Params& p, const arma::mat& X, const arma::rowvec& Y,
                                      const Cache& c) {
  grader::solutionAnswered("backward");
  return solution::backward(p, X, Y, c);
}

}  // namespace ex2
