#pragma once
/// \file
/// \brief Reusable layers: the hand-written layers of chapters 2 and 3 as a `Dense` layer and a
/// `Sequential` model (chapter 4), samples as columns, in float or double.
///
/// Parameters and activations are kept apart, as mlpack and PyTorch do: a Dense layer owns its
/// weights and their gradients; a Sequential::Workspace owns the per-batch values (\f$Z, A, dZ\f$)
/// for one batch width, so that a training loop allocates nothing once its workspaces exist.

#include <algorithm>
#include <armadillo>
#include <cmath>
#include <string>
#include <vector>

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
    Mat dZ;    ///< \f$\partial L / \partial Z\f$, \f$n_\text{out} \times B\f$
    Mat dX;    ///< \f$\partial L / \partial X\f$, \f$n_\text{in} \times B\f$ (when asked for)
    arma::Row<eT> colMax, colSum;  ///< softmax's per-sample shift and normaliser
    Vec ones;                      ///< \f$\mathbf{1} \in \mathbb{R}^B\f$, for the bias step
    Mat Xt;                        ///< \f$X^\top\f$, when the products run in blocks
    std::vector<Mat> partial;      ///< \f$W_t X_t\f$ of each block \f$t\f$
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

  /// \f$n_\text{out} n_\text{in} + n_\text{out}\f$ trainable numbers.
  arma::uword parameters() const { return W.n_elem + b.n_elem; }

  /**
   * Forward: \f[ Z = W X + b, \qquad A = g(Z), \f] with \f$g\f$ the identity, \f$\max(Z, 0)\f$,
   * or the softmax of each column, computed after subtracting the column's maximum so that no
   * exponential overflows:
   * \f[ A_{ki} = \frac{e^{Z_{ki} - \max_j Z_{ji}}}{\sum_j e^{Z_{ji} - \max_j Z_{ji}}}. \f]
   */
  void forward(const Mat& X, Cache& c) const {
    // [dense_forward]
    if (blocks > 1)
      productInBlocks(X, c);
    else
      c.Z = W * X;
    c.Z.each_col() += b;
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
    // [dense_forward]
  }

  /**
   * Backward from \f$\partial L / \partial A\f$ (`dA`): through the activation, then the affine map.
   * \f[
   * \begin{aligned}
   *   dZ &= dA \circ g'(Z)   & &\in \mathbb{R}^{n_\text{out} \times B} \\
   *   dW &= dZ\, X^\top      & &\in \mathbb{R}^{n_\text{out} \times n_\text{in}} \\
   *   db &= dZ\, \mathbf{1}  & &\in \mathbb{R}^{n_\text{out}} \\
   *   dX &= W^\top dZ        & &\in \mathbb{R}^{n_\text{in} \times B}
   * \end{aligned}
   * \f]
   * with \f$g'(Z) = [Z > 0]\f$ for ReLU and 1 for linear. Here \f$L\f$ is the loss of the whole
   * batch, averaged: the \f$\frac{1}{B}\f$ is already in `dA`. A softmax layer is not
   * differentiated on its own: its output feeds the cross-entropy, and backwardFromLogits() takes
   * the combined \f$dZ\f$. `inputGradient` may be false for the first layer, whose \f$dX\f$ (the
   * gradient with respect to the pixels) nobody needs: that saves one large product per batch.
   */
  void backward(const Mat& X, const Mat& dA, Cache& c, bool inputGradient) {
    activationBackward(dA, c);
    backwardFromLogits(X, c, inputGradient);
  }

  /// The first line of backward(): \f$dZ = dA \circ g'(Z)\f$.
  void activationBackward(const Mat& dA, Cache& c) const {
    // [dense_backward]
    if (activation == Activation::relu) {
      c.dZ = c.A;
      c.dZ.transform([](eT a) { return eT(a > 0); });  // [Z > 0] = [A > 0], since A = max(Z, 0)
      c.dZ %= dA;
    } else {
      c.dZ = dA;
    }
    // [dense_backward]
  }

  /// The affine part of backward(), when `c.dZ` is already known (the softmax + cross-entropy).
  void backwardFromLogits(const Mat& X, Cache& c, bool inputGradient) {
    // [dense_affine_backward]
    dW = c.dZ * X.t();
    db = arma::sum(c.dZ, 1);
    if (inputGradient) c.dX = W.t() * c.dZ;
    // [dense_affine_backward]
  }

  /**
   * The affine part of backward() and a step of gradient descent in one, for training:
   * \f[ dX = W^\top dZ, \qquad W \leftarrow W - \alpha\, dZ\, X^\top, \qquad
   *     b \leftarrow b - \alpha\, dZ\, \mathbf{1}. \f]
   * The same numbers as backwardFromLogits() followed by Sequential::sgdStep(), without ever
   * storing \f$dW\f$: the product and the subtraction are one BLAS call (`gemm` with
   * \f$\beta = 1\f$), which saves writing and re-reading a matrix the size of \f$W\f$ per batch.
   * \f$dX\f$ comes first, while \f$W\f$ is still the one the forward pass used.
   */
  void stepFromLogits(const Mat& X, Cache& c, bool inputGradient, eT learningRate) {
    // [dense_fused_step]
    if (inputGradient) c.dX = W.t() * c.dZ;
    if (blocks > 1)
      stepInBlocks(c, learningRate);
    else
      W -= learningRate * c.dZ * X.t();
    if (c.ones.n_elem != c.dZ.n_cols) c.ones.ones(c.dZ.n_cols);  // once per workspace
    b -= learningRate * c.dZ * c.ones;  // a product into b: unlike sum(dZ, 1), no temporary
    // [dense_fused_step]
  }

  /**
   * \f$Z = W X\f$ on `blocks` threads. Cutting \f$W\f$ into blocks of columns, and \f$X\f$ into
   * the matching blocks of rows (of inputs), turns the product into a sum of smaller ones:
   * \f[ W X = \begin{bmatrix} W_1 & \cdots & W_T \end{bmatrix}
   *           \begin{bmatrix} X_1 \\ \vdots \\ X_T \end{bmatrix} = \sum_{t=1}^{T} W_t X_t, \f]
   * with \f$W_t \in \mathbb{R}^{n_\text{out} \times n_t}\f$, \f$X_t \in \mathbb{R}^{n_t \times B}\f$,
   * \f$n_t \approx n_\text{in} / T\f$. Thread \f$t\f$ computes \f$W_t X_t\f$; the sum is added
   * up afterwards, always in the same order. \f$X\f$ is stored transposed first, so that each
   * \f$X_t\f$ is a contiguous block of \f$X^\top\f$'s columns and no block is ever copied.
   */
  void productInBlocks(const Mat& X, Cache& c) const {
    // [dense_blocks_forward]
    c.Xt = X.t();
    c.partial.resize(blocks);
#pragma omp parallel for num_threads(blocks) schedule(static, 1)
    for (arma::uword t = 0; t < blocks; ++t) {
      const arma::uword first = blockStart(t), last = blockStart(t + 1) - 1;
      c.partial[t] = W.cols(first, last) * c.Xt.cols(first, last).t();
    }
    c.Z = c.partial[0];
    for (arma::uword t = 1; t < blocks; ++t) c.Z += c.partial[t];
    // [dense_blocks_forward]
  }

  /**
   * The weight update of stepFromLogits() on `blocks` threads, after a forward() of the same batch
   * (whose \f$X^\top\f$ it reuses). The gradient's column blocks need only the matching rows of
   * \f$X\f$, \f[ dW = dZ\, X^\top = \begin{bmatrix} dZ\, X_1^\top & \cdots & dZ\, X_T^\top \end{bmatrix}, \f]
   * so thread \f$t\f$ updates \f$W_t \leftarrow W_t - \alpha\, dZ\, X_t^\top\f$: the same block of
   * \f$W\f$ that it multiplied going forward, which is still in its core's cache.
   */
  void stepInBlocks(Cache& c, eT learningRate) {
    // [dense_blocks_step]
#pragma omp parallel for num_threads(blocks) schedule(static, 1)
    for (arma::uword t = 0; t < blocks; ++t) {
      const arma::uword first = blockStart(t), last = blockStart(t + 1) - 1;
      // W_t and X_t^T as matrices over the blocks' memory: Armadillo's in-place product would
      // copy a subview into a temporary.
      Mat Wt(W.colptr(first), W.n_rows, last - first + 1, false, true);
      const Mat XtT(c.Xt.colptr(first), c.Xt.n_rows, last - first + 1, false, true);
      Wt -= learningRate * c.dZ * XtT;
    }
    // [dense_blocks_step]
  }

  /// Shares the products of forward() and stepFromLogits() among `threads` threads, each taking
  /// one block of \f$W\f$'s columns (productInBlocks(), stepInBlocks()); 1: one product each.
  /// The numbers differ from one block's only by the rounding of the sum. Meant for a
  /// single-threaded BLAS (chapter 4 sets OpenBLAS to one thread): the threads are the blocks.
  void split(arma::uword threads) {
    blocks = std::clamp<arma::uword>(threads, 1, W.n_cols);
  }

  Mat W, dW;
  Vec b, db;
  Activation activation;

 private:
  /// The first input (column of \f$W\f$) of block \f$t\f$; block \f$T\f$ starts past the end.
  arma::uword blockStart(arma::uword t) const {
    return W.n_cols * t / blocks;
  }

  arma::uword blocks = 1;
};

/// Layers applied one after another, ending in a softmax trained with the cross-entropy
/// (Keras's `Sequential` with `sparse_categorical_crossentropy`).
template <typename eT>
class Sequential {
 public:
  using Mat = arma::Mat<eT>;

  /// The per-batch values of every layer, for one batch width.
  struct Workspace {
    std::vector<typename Dense<eT>::Cache> caches;
  };

  void add(Dense<eT> layer) { layers.push_back(std::move(layer)); }

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
   * \f[ L = \frac{1}{B} \sum_{i=1}^{B} -\log \hat p_{y_i, i}
   *       = \frac{1}{B} \sum_{i=1}^{B} \Big( \log \sum_j e^{Z_{ji} - m_i} + m_i - Z_{y_i, i} \Big), \f]
   * \f$m_i\f$ the column's maximum: finite even where \f$\hat p\f$ rounds to 0.
   */
  double loss(const arma::urowvec& labels, const Workspace& ws) const {
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
    // [output_gradient]
    auto& top = ws.caches.back();
    top.dZ = top.A;
    for (arma::uword i = 0; i < labels.n_elem; ++i) top.dZ(labels(i), i) -= eT(1);
    top.dZ /= eT(labels.n_elem);
    // [output_gradient]
  }

  /**
   * One training step on a batch after forward(): backward() and sgdStep() together, with each
   * layer's update fused into its weight-gradient product (Dense::stepFromLogits()). Layer
   * \f$l\f$ is updated only after it has passed \f$dX\f$ down, so every gradient is the one
   * at the weights the forward pass used, exactly as in backward() then sgdStep().
   */
  void trainStep(const Mat& X, const arma::urowvec& labels, Workspace& ws, eT learningRate) {
    outputGradient(labels, ws);
    for (std::size_t l = layers.size(); l-- > 0;) {
      auto& c = ws.caches[l];
      if (l + 1 < layers.size()) layers[l].activationBackward(ws.caches[l + 1].dX, c);
      layers[l].stepFromLogits(l == 0 ? X : ws.caches[l - 1].A, c, l > 0, learningRate);
    }
  }

  /// Plain stochastic gradient descent, Keras's `SGD()`: \f$\theta \leftarrow \theta - \alpha\, d\theta\f$.
  void sgdStep(eT learningRate) {
    for (auto& layer : layers) {
      layer.W -= learningRate * layer.dW;
      layer.b -= learningRate * layer.db;
    }
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
