#pragma once
/// \file
/// \brief The fast path of chapter 4's training: the step of dl::Sequential (backward() then
/// sgdStep()) with each update fused into its product, and a layer's products shared among
/// threads in blocks of columns. The benchmark measures this; `layers_test.cpp` proves it equal
/// to the reference in layers.hpp, which is what the pages derive.

#include <algorithm>
#include <vector>

#include "dl/layers.hpp"

namespace dl {

/// Trains a dl::Sequential with the same arithmetic as its forward(), backward() and sgdStep(),
/// but faster:
/// - the update of each layer is fused into its weight-gradient product (stepFromLogits()), so
///   \f$dW\f$ is never stored;
/// - a split() layer's products run on several threads, one block of \f$W\f$'s columns each
///   (productInBlocks(), stepInBlocks());
/// - the bias step is a product with a vector of ones kept in the workspace, and ReLU' a
///   comparison without a branch: nothing is allocated per batch.
template <typename eT>
class FastSgd {
 public:
  using Mat = arma::Mat<eT>;
  using Model = Sequential<eT>;
  using Cache = typename Dense<eT>::Cache;

  /// What the fast path keeps per layer beyond the Dense::Cache.
  struct Scratch {
    arma::Col<eT> ones;        ///< \f$\mathbf{1} \in \mathbb{R}^B\f$, for the bias step
    Mat Xt;                    ///< \f$X^\top\f$, when the products run in blocks
    std::vector<Mat> partial;  ///< \f$W_t X_t\f$ of each block \f$t\f$
  };

  /// The model's workspace (so Model::forward() and Model::loss() take it) plus the scratch.
  struct Workspace : Model::Workspace {
    std::vector<Scratch> scratch;
  };

  /// Shares the products of layer `layer` (0 the first) among `threads` threads, each taking one
  /// block of \f$W\f$'s columns; 1: one product each. The numbers differ from one block's only by
  /// the rounding of the sum. Meant for a single-threaded BLAS (chapter 4 sets OpenBLAS to one
  /// thread, dl::setBlasThreads()): the threads are the blocks.
  void split(std::size_t layer, arma::uword threads) {
    if (blocks_.size() <= layer) blocks_.resize(layer + 1, 1);
    blocks_[layer] = std::max<arma::uword>(threads, 1);
  }

  /// Model::forward(), with the products of split layers in blocks.
  const Mat& forward(const Model& model, const Mat& X, Workspace& ws) const {
    ws.caches.resize(model.layers.size());
    ws.scratch.resize(model.layers.size());
    const Mat* input = &X;
    for (std::size_t l = 0; l < model.layers.size(); ++l) {
      const auto& layer = model.layers[l];
      Cache& c = ws.caches[l];
      if (blocksOf(l, layer) > 1) {
        productInBlocks(layer, blocksOf(l, layer), *input, c, ws.scratch[l]);
        c.Z.each_col() += layer.b;
        layer.activate(c);
      } else {
        layer.forward(*input, c);
      }
      input = &c.A;
    }
    return *input;
  }

  /**
   * One training step on a batch after forward(): Model::backward() and Model::sgdStep()
   * together, with each layer's update fused into its weight-gradient product
   * (stepFromLogits()). Layer \f$l\f$ is updated only after it has passed \f$dX\f$ down, so every
   * gradient is the one at the weights the forward pass used, exactly as in the reference.
   */
  void step(Model& model, const Mat& X, const arma::urowvec& labels, Workspace& ws,
            eT learningRate) const {
    model.outputGradient(labels, ws);
    for (std::size_t l = model.layers.size(); l-- > 0;) {
      Cache& c = ws.caches[l];
      if (l + 1 < model.layers.size()) reluBackward(model.layers[l], ws.caches[l + 1].dX, c);
      stepFromLogits(model.layers[l], blocksOf(l, model.layers[l]), l == 0 ? X : ws.caches[l - 1].A,
                     c, ws.scratch[l], l > 0, learningRate);
    }
  }

  /// Dense::activationBackward() without a branch per element: \f$[Z > 0] = [A > 0]\f$, since
  /// \f$A = \max(Z, 0)\f$, computed in place.
  static void reluBackward(const Dense<eT>& layer, const Mat& dA, Cache& c) {
    // [fast_relu_backward]
    if (layer.activation == Activation::relu) {
      c.dZ = c.A;
      c.dZ.transform([](eT a) { return eT(a > 0); });
      c.dZ %= dA;
    } else {
      layer.activationBackward(dA, c);
    }
    // [fast_relu_backward]
  }

  /**
   * The affine part of Dense::backward() and a step of gradient descent in one:
   * \f[ dX = W^\top dZ, \qquad W \leftarrow W - \alpha\, dZ\, X^\top, \qquad
   *     b \leftarrow b - \alpha\, dZ\, \mathbf{1}. \f]
   * The same numbers as Dense::backwardFromLogits() followed by Dense::update(), without ever
   * storing \f$dW\f$: the product and the subtraction are one BLAS call (`gemm` with
   * \f$\beta = 1\f$), which saves writing and re-reading a matrix the size of \f$W\f$ per batch.
   * \f$dX\f$ comes first, while \f$W\f$ is still the one the forward pass used.
   */
  static void stepFromLogits(Dense<eT>& layer, arma::uword blocks, const Mat& X, Cache& c,
                             Scratch& s, bool inputGradient, eT learningRate) {
    // [dense_fused_step]
    if (inputGradient) c.dX = layer.W.t() * c.dZ;
    if (blocks > 1)
      stepInBlocks(layer, blocks, c, s, learningRate);
    else
      layer.W -= learningRate * c.dZ * X.t();
    if (s.ones.n_elem != c.dZ.n_cols) s.ones.ones(c.dZ.n_cols);  // once per workspace
    layer.b -= learningRate * c.dZ * s.ones;  // a product into b: unlike sum(dZ, 1), no temporary
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
  static void productInBlocks(const Dense<eT>& layer, arma::uword blocks, const Mat& X, Cache& c,
                              Scratch& s) {
    // [dense_blocks_forward]
    const Mat& W = layer.W;
    s.Xt = X.t();
    s.partial.resize(blocks);
#pragma omp parallel for num_threads(blocks) schedule(static, 1)
    for (arma::uword t = 0; t < blocks; ++t) {
      const arma::uword first = blockStart(W, blocks, t), last = blockStart(W, blocks, t + 1) - 1;
      s.partial[t] = W.cols(first, last) * s.Xt.cols(first, last).t();
    }
    c.Z = s.partial[0];
    for (arma::uword t = 1; t < blocks; ++t) c.Z += s.partial[t];
    // [dense_blocks_forward]
  }

  /**
   * The weight update of stepFromLogits() on `blocks` threads, after a forward() of the same batch
   * (whose \f$X^\top\f$ it reuses). The gradient's column blocks need only the matching rows of
   * \f$X\f$, \f[ dW = dZ\, X^\top = \begin{bmatrix} dZ\, X_1^\top & \cdots & dZ\, X_T^\top \end{bmatrix}, \f]
   * so thread \f$t\f$ updates \f$W_t \leftarrow W_t - \alpha\, dZ\, X_t^\top\f$: the same block of
   * \f$W\f$ that it multiplied going forward, which is still in its core's cache.
   */
  static void stepInBlocks(Dense<eT>& layer, arma::uword blocks, const Cache& c, Scratch& s,
                           eT learningRate) {
    // [dense_blocks_step]
    Mat& W = layer.W;
#pragma omp parallel for num_threads(blocks) schedule(static, 1)
    for (arma::uword t = 0; t < blocks; ++t) {
      const arma::uword first = blockStart(W, blocks, t), last = blockStart(W, blocks, t + 1) - 1;
      // W_t and X_t^T as matrices over the blocks' memory: Armadillo's in-place product would
      // copy a subview into a temporary.
      Mat Wt(W.colptr(first), W.n_rows, last - first + 1, false, true);
      const Mat XtT(s.Xt.colptr(first), s.Xt.n_rows, last - first + 1, false, true);
      Wt -= learningRate * c.dZ * XtT;
    }
    // [dense_blocks_step]
  }

  /// How many blocks layer `l` runs in: as split(), and never more than its inputs.
  arma::uword blocksOf(std::size_t l, const Dense<eT>& layer) const {
    return std::clamp<arma::uword>(l < blocks_.size() ? blocks_[l] : 1, 1, layer.inputs());
  }

 private:
  /// The first input (column of \f$W\f$) of block \f$t\f$; block \f$T\f$ starts past the end.
  static arma::uword blockStart(const Mat& W, arma::uword blocks, arma::uword t) {
    return W.n_cols * t / blocks;
  }

  std::vector<arma::uword> blocks_;  // per layer; 1 where not split
};

}  // namespace dl
