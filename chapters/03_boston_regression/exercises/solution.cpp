// ADAPTER: the chapter's own code as the solution of exercise.hpp. The grader compares the
// reader's answers with ex3::solution; the solutions build (-DDL_EXERCISES=solutions) also
// answers the exercise with it. When main.cpp changes, only this file changes.

#include "03_boston_regression/main.cpp"  // compiled without main() (DL_CHAPTER_TEST)
#include "exercise.hpp"
#include "grader/not_written_yet.hpp"

namespace ex3 {

namespace {
boston_regression::Network chapterNetwork(const Network& net) {
  boston_regression::Network layers;
  for (const Layer& layer : net) layers.push_back({layer.W, layer.b});
  return layers;
}
}  // namespace

Cache forward(const Network& net, const arma::mat& X) {
  boston_regression::Cache ch;
  boston_regression::forward(chapterNetwork(net), X, ch);
  return {ch.Z, ch.A};
}

double cost(const arma::rowvec& Yhat, const arma::rowvec& Y) {
  return boston_regression::cost({}, Yhat, Y);
}

namespace solution {
Gradients backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  boston_regression::Gradients g;
  boston_regression::backward(chapterNetwork(net), {c.Z, c.A}, Y, g);
  return {g.dW, g.db};
}
}  // namespace solution

// The answers of the solutions build, replaced by the reader's own.
DL_SOLUTION_ANSWER Gradients backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  grader::solutionAnswered("backward");
  return solution::backward(net, c, Y);
}

}  // namespace ex3
