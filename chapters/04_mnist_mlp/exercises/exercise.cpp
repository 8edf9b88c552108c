// Chapter 4's exercises: write the three functions below, in order, then grade them with
//
//     cmake --workflow --preset exercises                         (every chapter), or
//     cmake --build --preset exercises --target grade_04_mnist_mlp   (this one).
//
// exercise.hpp says what is given (denseForward(), softmax(), crossEntropy()) and the shape of
// everything. The hints are on the chapter's exercises page, one at a time.

#include "exercise.hpp"

#include "grader/not_written_yet.hpp"

namespace ex4 {

// [dense_backward]
DenseGradients denseBackward(const arma::mat& W, const arma::mat& X, const DenseCache& c,
                             const arma::mat& dA, bool relu) {
  // Goal: dZ = dJ/dZ from dA through the activation (ReLU when relu, else the identity), then
  // dW, db and dX through Z = W X + b. Return {dW, db, dX}.
  throw grader::NotWrittenYet("denseBackward");
}
// [dense_backward]

// [softmax_cross_entropy]
arma::mat softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels) {
  // Goal: dJ/dZ for J = 1/B sum_i -log P(labels(i), i) and P = softmax(Z): (classes x B), like P.
  throw grader::NotWrittenYet("softmaxCrossEntropyGradient");
}
// [softmax_cross_entropy]

// [sgd_step]
double sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
               double learningRate) {
  // Goal: forward through every layer (denseForward; the last layer's Z goes to softmax), the
  // loss (crossEntropy), the backward pass from the top (your two functions), and every layer's
  // W and b moved against its gradient. Return the loss before the step.
  throw grader::NotWrittenYet("sgdStep");
}
// [sgd_step]

}  // namespace ex4
