// ADAPTER: the chapter's own code (dl::Dense and dl::Sequential, in double precision) as the
// solution of exercise.hpp. The grader compares the reader's answers with ex4::solution; the
// solutions build (-DDL_EXERCISES=solutions) also answers the exercises with it. When the layers
// change, only this file changes.

#include "04_mnist_mlp/main.cpp"  // compiled without main() (DL_CHAPTER_TEST)
#include "exercise.hpp"
#include "grader/not_written_yet.hpp"

namespace ex4 {

namespace {
using Dense = dl::Dense<double>;
using Model = dl::Sequential<double>;

Dense layer(const arma::mat& W, const arma::vec& b, dl::Activation activation) {
  Dense dense(W.n_cols, W.n_rows, activation);
  dense.W = W;
  dense.b = b;
  return dense;
}

// The identity with a softmax on top: a model whose logits are its input.
Model softmaxOnly(arma::uword classes) {
  Model model;
  model.add(layer(arma::eye(classes, classes), arma::zeros(classes), dl::Activation::softmax));
  return model;
}
}  // namespace

DenseCache denseForward(const arma::mat& W, const arma::vec& b, const arma::mat& X, bool relu) {
  Dense::Cache c;
  layer(W, b, relu ? dl::Activation::relu : dl::Activation::linear).forward(X, c);
  return {c.Z, c.A};
}

arma::mat softmax(const arma::mat& Z) {
  Model::Workspace ws;
  return softmaxOnly(Z.n_rows).forward(Z, ws);
}

double crossEntropy(const arma::mat& Z, const arma::urowvec& labels) {
  const Model model = softmaxOnly(Z.n_rows);
  Model::Workspace ws;
  model.forward(Z, ws);
  return model.loss(labels, ws);
}

namespace solution {
DenseGradients denseBackward(const arma::mat& W, const arma::mat& X, const DenseCache& c,
                             const arma::mat& dA, bool relu) {
  Dense dense =
      layer(W, arma::zeros(W.n_rows), relu ? dl::Activation::relu : dl::Activation::linear);
  Dense::Cache cache;
  cache.Z = c.Z;
  cache.A = c.A;
  dense.backward(X, dA, cache, true);
  return {dense.dW, dense.db, cache.dX};
}

arma::mat softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels) {
  Model::Workspace ws;
  ws.caches.resize(1);
  ws.caches[0].A = P;
  softmaxOnly(P.n_rows).outputGradient(labels, ws);
  return ws.caches[0].dZ;
}

double sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
               double learningRate) {
  Model model;
  for (std::size_t l = 0; l < layers.size(); ++l)
    model.add(layer(layers[l].W, layers[l].b,
                    l + 1 < layers.size() ? dl::Activation::relu : dl::Activation::softmax));
  Model::Workspace ws;
  model.forward(X, ws);
  const double loss = model.loss(labels, ws);
  model.backward(X, labels, ws);
  model.sgdStep(learningRate);
  for (std::size_t l = 0; l < layers.size(); ++l)
    layers[l] = {model.layers[l].W, model.layers[l].b};
  return loss;
}
}  // namespace solution

// The answers of the solutions build, replaced by the reader's own.
DL_SOLUTION_ANSWER DenseGradients denseBackward(const arma::mat& W, const arma::mat& X,
                                                const DenseCache& c, const arma::mat& dA,
                                                bool relu) {
  grader::solutionAnswered("denseBackward");
  return solution::denseBackward(W, X, c, dA, relu);
}
DL_SOLUTION_ANSWER arma::mat softmaxCrossEntropyGradient(const arma::mat& P,
                                                         const arma::urowvec& labels) {
  grader::solutionAnswered("softmaxCrossEntropyGradient");
  return solution::softmaxCrossEntropyGradient(P, labels);
}
DL_SOLUTION_ANSWER double sgdStep(std::vector<Layer>& layers, const arma::mat& X,
                                  const arma::urowvec& labels, double learningRate) {
  grader::solutionAnswered("sgdStep");
  return solution::sgdStep(layers, X, labels, learningRate);
}

}  // namespace ex4
