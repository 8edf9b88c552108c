#pragma once
/// \file
/// \brief Reusable layers: the hand-written layers of chapters 2 and 3 as a `Dense` layer and a
/// `Sequential` model (chapter 4), samples as columns, in float or double.
///
/// Parameters and activations are kept apart, as mlpack and PyTorch do: a Dense layer owns its
/// weights and their gradients; a Sequential::Workspace owns the per-batch values (\f$Z, A, dZ\f$)
/// for one batch width, so that a training loop allocates nothing once its workspaces exist.
/// This is the reference the pages derive, formula by formula; dl::FastSgd (fast_sgd.hpp) runs
/// the same training step faster, and its tests prove it equal to this one.

#include <armadillo>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "dl/error.hpp"

namespace dl {

/// The activation that follows a Dense layer's affine map.
enum class Activation { linear, relu, softmax };
/// \var Activation::linear
/// No activation, \f$A = Z\f$: the output of a regression.
/// \var Activation::relu
/// \f$A = \max(0, Z)\f$, element by element: the hidden layers.
/// \var Activation::softmax
/// Each column's exponentials over their sum, a probability per class: the output of a classifier
/// trained with cross-entropy.

/// A fully connected layer \f$A = g(W X + b)\f$ with \f$W \in \mathbb{R}^{n_\text{out} \times n_\text{in}}\f$.
template <typename eT>
class Dense {
 public:
  using Mat = arma::Mat<eT>;
  using Vec = arma::Col<eT>;

  /// The values of one batch of width \f$B\f$ flowing through the layer.
  struct Cache {
    Mat Z, A;  ///< \f$n_\text{out} \times B\f$
    Mat dZ;    ///< \f$dZ = \partial J / \partial Z\f$, \f$n_\text{out} \times B\f$
    Mat dX;    ///< \f$dX = \partial J / \partial X\f$, \f$n_\text{in} \times B\f$ (when asked for)
    arma::Row<eT> colMax, colSum;  ///< softmax's per-sample shift and normaliser
  };

  Dense(arma::uword inputs, arma::uword outputs, Activation activation)
      : W(outputs, inputs, arma::fill::zeros),
        dW(outputs, inputs),
        b(outputs, arma::fill::zeros),
        db(outputs),
        activation(activation) {}

  /// Keras's default initialisation ("Glorot uniform", Glorot & Bengio 2010):
  /// \f$W_{ij} \sim U(-r, r)\f$ with \f$r = \sqrt{6 / (n_\text{in} + n_\text{out})}\f$, so that
  /// the variance of the signal is about the same going forward and the gradient's coming back;
  /// biases 0. Draws from Armadillo's generator (seed it first).
  void glorotUniform() {
    const double r = std::sqrt(6.0 / double(W.n_rows + W.n_cols));
    W = arma::conv_to<Mat>::from((2 * arma::randu<arma::mat>(W.n_rows, W.n_cols) - 1) * r);
    b.zeros();
  }

  /// \f$n_\text{in}\f$, the inputs it takes, and \f$n_\text{out}\f$, the outputs it gives.
  arma::uword inputs() const { return W.n_cols; }
  arma::uword outputs() const { return W.n_rows; }  ///< \f$n_\text{out}\f$

  /// \f$n_\text{out} n_\text{in} + n_\text{out}\f$ trainable numbers.
  arma::uword parameters() const { return W.n_elem + b.n_elem; }

  /**
   * Forward: \f[ Z = W X + b, \qquad A = g(Z), \f] with \f$Z, A \in \mathbb{R}^{n_\text{out}
   * \times B}\f$; the bias is added to every column (`each_col()`).
   */
  void forward(const Mat& X, Cache& c) const {
    // [dense_forward]
    c.Z = W * X;
    c.Z.each_col() += b;
    activate(c);
    // [dense_forward]
  }

  /**
   * \f$A = g(Z)\f$: the identity, \f$\max(Z, 0)\f$, or the softmax of each column, computed after
   * subtracting the column's maximum so that no exponential overflows:
   * \f[ A_{ki} = \frac{e^{Z_{ki} - z_{\max,i}}}{\sum_j e^{Z_{ji} - z_{\max,i}}}, \qquad
   *     z_{\max,i} = \max_j Z_{ji}. \f]
   */
  void activate(Cache& c) const {
    // [dense_activation]
    switch (activation) {
      case Activation::linear:
        c.A = c.Z;
        break;
      case Activation::relu:
        c.A = arma::clamp(c.Z, eT(0), std::numeric_limits<eT>::max());
        break;
      case Activation::softmax:
        c.colMax = arma::max(c.Z, 0);
        c.A = c.Z;
        c.A.each_row() -= c.colMax;
        c.A = arma::exp(c.A);
        c.colSum = arma::sum(c.A, 0);
        c.A.each_row() /= c.colSum;
        break;
    }
    // [dense_activation]
  }

  /**
   * Backward from \f$dA = \partial J / \partial A\f$ (`dA`): through the activation, then the
   * affine map.
   * \f[
   * \begin{aligned}
   *   dZ &= dA \circ g'(Z)   & &\in \mathbb{R}^{n_\text{out} \times B} \\
   *   dW &= dZ\, X^\top      & &\in \mathbb{R}^{n_\text{out} \times n_\text{in}} \\
   *   db &= dZ\, \mathbf{1}  & &\in \mathbb{R}^{n_\text{out}} \\
   *   dX &= W^\top dZ        & &\in \mathbb{R}^{n_\text{in} \times B}
   * \end{aligned}
   * \f]
   * with \f$g'(Z) = [Z > 0]\f$ for ReLU and 1 for linear: the first line is activationBackward(),
   * the other three backwardFromLogits(). Here \f$J\f$ is the cost of the whole batch, the mean
   * of its \f$B\f$ losses: the \f$\frac{1}{B}\f$ is already in `dA`. `inputGradient` may be false for the first layer,
   * whose \f$dX\f$ (the gradient with respect to the pixels) nobody needs.
   */
  void backward(const Mat& X, const Mat& dA, Cache& c, bool inputGradient = true) {
    activationBackward(dA, c);
    backwardFromLogits(X, c, inputGradient);
  }

  /// The first line of backward(): \f$dZ = dA \circ g'(Z)\f$. A softmax layer is not
  /// differentiated on its own: its output feeds the cross-entropy, and Sequential::backward()
  /// starts from their combined \f$dZ\f$ (dl::Error here).
  void activationBackward(const Mat& dA, Cache& c) const {
    // [dense_backward]
    switch (activation) {
      case Activation::linear:
        c.dZ = dA;
        break;
      case Activation::relu:
        c.dZ = dA % arma::conv_to<Mat>::from(c.Z > eT(0));
        break;
      case Activation::softmax:
        throw Error("Dense: a softmax is differentiated only with the cross-entropy on top of it");
    }
    // [dense_backward]
  }

  /// The other three lines of backward(), when `c.dZ` is already known (at the output, where
  /// the softmax and the cross-entropy give it together): \f$dW\f$, \f$db\f$ and \f$dX\f$.
  void backwardFromLogits(const Mat& X, Cache& c, bool inputGradient = true) {
    // [dense_affine_backward]
    dW = c.dZ * X.t();
    db = arma::sum(c.dZ, 1);
    if (inputGradient) c.dX = W.t() * c.dZ;
    // [dense_affine_backward]
  }

  /// One step of gradient descent on the layer's parameters, after backward():
  /// \f[ W \leftarrow W - \alpha\, dW, \qquad b \leftarrow b - \alpha\, db. \f]
  void update(eT learningRate) {
    // [dense_update]
    W -= learningRate * dW;
    b -= learningRate * db;
    // [dense_update]
  }

  Mat W, dW;
  Vec b, db;
  Activation activation;
};

/// Layers applied one after another, ending in a softmax trained with the cross-entropy
/// (Keras's `Sequential` with `sparse_categorical_crossentropy`). It refuses a stack it cannot
/// differentiate, with a dl::Error, as the stack is built: a layer whose inputs are not the
/// previous layer's outputs, a layer on top of a softmax, and (when the model is used, or by
/// check()) an empty model or a top that is not a softmax.
template <typename eT>
class Sequential {
 public:
  using Mat = arma::Mat<eT>;

  /// The per-batch values of every layer, for one batch width.
  struct Workspace {
    std::vector<typename Dense<eT>::Cache> caches;
  };

  /// An empty model, to add() layers to.
  Sequential() = default;

  /// A whole stack at once, checked as a complete model (check()).
  explicit Sequential(std::vector<Dense<eT>> stack) {
    for (auto& layer : stack) add(std::move(layer));
    check();
  }

  /// Puts `layer` on top. Its inputs must be the outputs of the layer below, and nothing may go
  /// on top of a softmax (dl::Error otherwise).
  void add(Dense<eT> layer) {
    const std::string which = "Sequential: layer " + std::to_string(layers.size() + 1);
    if (!layers.empty() && layers.back().activation == Activation::softmax)
      throw Error(which + " would go on top of a softmax: the softmax must be the last layer, " +
                  "where it is differentiated together with the cross-entropy");
    if (!layers.empty() && layer.inputs() != layers.back().outputs())
      throw Error(which + " takes " + std::to_string(layer.inputs()) + " inputs, but layer " +
                  std::to_string(layers.size()) + " gives " +
                  std::to_string(layers.back().outputs()) + " outputs");
    layers.push_back(std::move(layer));
  }

  /// Throws a dl::Error unless the model can be trained: at least one layer, a softmax on top.
  void check() const {
    if (layers.empty()) throw Error("Sequential: the model has no layers");
    if (layers.back().activation != Activation::softmax)
      throw Error(
          "Sequential: the top layer must be a softmax, since the loss is the "
          "cross-entropy of the class probabilities it gives");
  }

  /// Runs every layer; returns the last layer's output (the class probabilities, one column each).
  const Mat& forward(const Mat& X, Workspace& ws) const {
    ws.caches.resize(layers.size());
    const Mat* input = &X;
    for (std::size_t l = 0; l < layers.size(); ++l) {
      layers[l].forward(*input, ws.caches[l]);
      input = &ws.caches[l].A;
    }
    return *input;
  }

  /**
   * The mean cross-entropy of the last forward() against the labels \f$y_i\f$, from the logits:
   * \f[ J = \frac{1}{B} \sum_{i=1}^{B} -\log \hat p_{y_i, i}
   *       = \frac{1}{B} \sum_{i=1}^{B} \Big( \log \sum_j e^{Z_{ji} - z_{\max,i}} + z_{\max,i}
   *         - Z_{y_i, i} \Big), \f]
   * \f$z_{\max,i} = \max_j Z_{ji}\f$ the column's largest logit: finite even where \f$\hat p\f$
   * rounds to 0.
   */
  double loss(const arma::urowvec& labels, const Workspace& ws) const {
    check();
    const auto& c = ws.caches.back();
    double total = 0;
    for (arma::uword i = 0; i < labels.n_elem; ++i)
      total += std::log(double(c.colSum(i))) + double(c.colMax(i)) - double(c.Z(labels(i), i));
    return total / double(labels.n_elem);
  }

  /**
   * Backpropagation of the mean cross-entropy after forward(). At the output, softmax and
   * cross-entropy together have the simplest of derivatives (derived on the chapter 4 page):
   * \f[ dZ_L = \frac{1}{B} (\hat P - Y), \f] \f$Y\f$ the one-hot labels; from there each layer's
   * Dense::backward() in reverse order. The first layer skips its input gradient.
   */
  void backward(const Mat& X, const arma::urowvec& labels, Workspace& ws) {
    // [sequential_backward]
    outputGradient(labels, ws);
    for (std::size_t l = layers.size(); l-- > 0;) {
      const Mat& input = l == 0 ? X : ws.caches[l - 1].A;
      if (l + 1 == layers.size())
        layers[l].backwardFromLogits(input, ws.caches[l], l > 0);
      else
        layers[l].backward(input, ws.caches[l + 1].dX, ws.caches[l], l > 0);
    }
    // [sequential_backward]
  }

  /// The first line of backward(): \f$dZ_L = \frac{1}{B} (\hat P - Y)\f$, into the top cache.
  void outputGradient(const arma::urowvec& labels, Workspace& ws) const {
    check();
    // [output_gradient]
    auto& top = ws.caches.back();
    top.dZ = top.A;
    for (arma::uword i = 0; i < labels.n_elem; ++i) top.dZ(labels(i), i) -= eT(1);
    top.dZ /= eT(labels.n_elem);
    // [output_gradient]
  }

  /// Plain stochastic gradient descent, Keras's `SGD()`, on every layer after backward():
  /// \f$\theta \leftarrow \theta - \alpha\, d\theta\f$ (Dense::update()).
  void sgdStep(eT learningRate) {
    for (auto& layer : layers) layer.update(learningRate);
  }

  /// Total trainable numbers.
  arma::uword parameters() const {
    arma::uword total = 0;
    for (const auto& layer : layers) total += layer.parameters();
    return total;
  }

  std::vector<Dense<eT>> layers;
};

}  // namespace dl
