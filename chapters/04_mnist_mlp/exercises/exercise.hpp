#pragma once
/// \file
/// \brief Chapter 4's exercises: a dense layer's backward pass, the gradient of the softmax with
/// the cross-entropy, and one step of mini-batch SGD (\ref chapter4_graded).

#include <armadillo>
#include <vector>

/// Chapter 4's exercises: what you write in `exercise.cpp`, and what is given. A batch holds
/// \f$B\f$ samples, one column each.
namespace ex4 {

/// A dense layer's forward values for one batch.
struct DenseCache {
  arma::mat Z;  ///< \f$Z = W X + b\f$, \f$n_\text{out} \times B\f$
  arma::mat A;  ///< \f$A = g(Z)\f$: \f$\max(Z, 0)\f$ when `relu`, else \f$Z\f$
};

/// Given: a dense layer's forward pass (dl::Dense::forward()) for the batch `X`
/// (\f$n_\text{in} \times B\f$), with `W` \f$n_\text{out} \times n_\text{in}\f$ and `b`
/// \f$n_\text{out}\f$; ReLU when `relu`, linear otherwise.
DenseCache denseForward(const arma::mat& W, const arma::vec& b, const arma::mat& X, bool relu);

/// A dense layer's gradients.
struct DenseGradients {
  arma::mat dW;  ///< \f$\partial J / \partial W\f$, \f$n_\text{out} \times n_\text{in}\f$
  arma::vec db;  ///< \f$\partial J / \partial b\f$, \f$n_\text{out}\f$
  arma::mat dX;  ///< \f$\partial J / \partial X\f$, \f$n_\text{in} \times B\f$
};

/// **To write:** a dense layer's backward pass. Given \f$dA = \partial J / \partial A\f$
/// (\f$n_\text{out} \times B\f$, with the batch's \f$\frac{1}{B}\f$ already in it), the layer's
/// input `X` and forward values `c = denseForward(W, b, X, relu)`, return \f$dW\f$, \f$db\f$ and
/// \f$dX\f$: first through the activation to \f$dZ\f$, then through the affine map.
DenseGradients denseBackward(const arma::mat& W, const arma::mat& X, const DenseCache& c,
                             const arma::mat& dA, bool relu);

/// Given: the softmax of every column of `Z` (\f$K \times B\f$ for \f$K\f$ classes), the
/// class probabilities \f$\hat P\f$.
arma::mat softmax(const arma::mat& Z);

/// Given: the mean cross-entropy of the logits `Z` against the labels (each in
/// \f$0, \dots, K - 1\f$): \f$J = \frac{1}{B} \sum_{i} -\log \hat P_{y_i, i}\f$
/// (dl::Sequential::loss()).
double crossEntropy(const arma::mat& Z, const arma::urowvec& labels);

/// **To write:** \f$dZ = \partial J / \partial Z\f$ (\f$K \times B\f$) of crossEntropy(), from the
/// probabilities `P = softmax(Z)` and the labels: the softmax and the cross-entropy
/// differentiated together.
arma::mat softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels);

/// One layer of a network: ReLU for every layer but the last, a softmax for the last.
struct Layer {
  arma::mat W;
  arma::vec b;
};

/// **To write:** one step of mini-batch SGD on the batch `X` (\f$n_0 \times B\f$) with its
/// labels: the forward pass through every layer, the loss, the backward pass, and
/// \f$\theta \leftarrow \theta - \alpha\, d\theta\f$ for every \f$W\f$ and \f$b\f$ (the layers are
/// updated in place). Returns the loss before the step. Use your two functions above.
double sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
               double learningRate);

}  // namespace ex4
