// ADAPTER: the chapter's own code as the solution of exercise.hpp. The grader compares the
// reader's answers with ex1::solution; the solutions build (-DDL_EXERCISES=solutions) also
// answers the exercise with it. When main.cpp changes, only this file changes.

#include "01_quadratic_neuron/main.cpp"  // compiled without main() (DL_CHAPTER_TEST)
#include "exercise.hpp"
#include "grader/not_written_yet.hpp"

namespace ex1 {

arma::rowvec predict(double a, double b, double c, const arma::rowvec& x) {
  return quadratic_neuron::Neuron{a, b, c}(x);
}

double loss(const arma::rowvec& yHat, const arma::rowvec& y) {
  return quadratic_neuron::loss(yHat, y);
}

namespace solution {
Gradients grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  const auto [da, db, dc] = quadratic_neuron::grads(x, y, yHat);
  return {da, db, dc};
}
}  // namespace solution

// The answers of the solutions build, replaced by the reader's own.
DL_SOLUTION_ANSWER Gradients grads(const arma::rowvec& x, const arma::rowvec& y,
                                   const arma::rowvec& yHat) {
  grader::solutionAnswered("grads");
  return solution::grads(x, y, yHat);
}

}  // namespace ex1
