/// \file
/// \brief Chapter 2: a two-layer network, ReLU then sigmoid, tells malignant breast tumours from
/// benign ones (the program walked through on \ref chapter2).

#include <armadillo>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <vector>

#include "dl/numpy_random.hpp"
#include "dl/threads.hpp"
#include "dl/training.hpp"
#include "dl/wisconsin.hpp"

/// Everything chapter 2 defines, in the order the article introduces it.
namespace tumour_net {

// ---------------------------------------------------------------------------------------------
// 1. The network and its parameters
// ---------------------------------------------------------------------------------------------

/// The parameters of the 9-15-1 network (the article's `self.param`).
struct Net {
  arma::mat W1;  ///< \f$15 \times 9\f$: one row of input weights per hidden unit
  arma::vec b1;  ///< \f$15 \times 1\f$
  arma::mat W2;  ///< \f$1 \times 15\f$
  arma::vec b2;  ///< \f$1 \times 1\f$
};

/// The article's `nInit`: weights drawn from \f$\mathcal{N}(0, 1)\f$ and divided by
/// \f$\sqrt{\text{fan-in}}\f$, so every unit starts with an input of about unit size; biases 0.
/// `np.random.seed(seed)` first, so seed 1 gives the article's own starting point.
// [init]
Net initialise(arma::uword inputs, arma::uword hidden, std::uint32_t seed) {
  dl::NumpyRandomState numpy(seed);
  const arma::mat W1 = numpy.randn(hidden, inputs) / std::sqrt(double(inputs));
  const arma::mat W2 = numpy.randn(1, hidden) / std::sqrt(double(hidden));
  return {W1, arma::zeros(hidden), W2, arma::zeros(1)};
}
// [init]

// ---------------------------------------------------------------------------------------------
// 2. Forward and backward, side by side
// ---------------------------------------------------------------------------------------------

/// The forward pass's intermediate values (the article's `self.ch`), kept for the backward pass.
/// Allocated once and overwritten at every iteration.
struct Cache {
  arma::mat Z1, A1;     ///< \f$15 \times m\f$
  arma::rowvec Z2, Yh;  ///< \f$1 \times m\f$
};

/// The gradients \f$dV = \partial J / \partial V\f$, each the shape of its \f$V\f$, with the
/// backward pass's intermediate values; allocated once as well.
struct Gradients {
  arma::vec ones;    ///< \f$\mathbf{1} \in \mathbb{R}^{m}\f$: the sums over the samples as products
  arma::rowvec dZ2;  ///< \f$1 \times m\f$
  arma::mat dZ1;     ///< \f$15 \times m\f$
  arma::mat dW1;     ///< \f$15 \times 9\f$
  arma::vec db1;     ///< \f$15 \times 1\f$
  arma::mat dW2;     ///< \f$1 \times 15\f$
  arma::vec db2;     ///< \f$1 \times 1\f$
};

/**
 * The forward pass for all \f$m\f$ samples at once, one column each:
 * \f[
 * \begin{aligned}
 *   Z_1 &= W_1 X + b_1        & &\in \mathbb{R}^{15 \times m} \\
 *   A_1 &= \max(Z_1, 0)       & &\in \mathbb{R}^{15 \times m} \\
 *   Z_2 &= W_2 A_1 + b_2      & &\in \mathbb{R}^{1 \times m} \\
 *   \hat Y &= \sigma(Z_2) = \frac{1}{1 + e^{-Z_2}} & &\in \mathbb{R}^{1 \times m}
 * \end{aligned}
 * \f]
 * The bias columns are added to every column (`each_col()`), NumPy's broadcasting.
 */
// [forward]
void forward(const Net& net, const arma::mat& X, Cache& ch) {
  ch.Z1 = net.W1 * X;
  ch.Z1.each_col() += net.b1;
  ch.A1 = arma::clamp(ch.Z1, 0, arma::datum::inf);
  ch.Z2 = net.W2 * ch.A1 + arma::as_scalar(net.b2);
  ch.Yh = 1 / (1 + arma::exp(-ch.Z2));
}
// [forward]

/**
 * The backward pass: the derivatives of the cost \f$J\f$ (cost()) with respect to every
 * parameter, from the output back to the input. \f$dV\f$ is \f$\partial J / \partial V\f$ and
 * has the shape of \f$V\f$:
 * \f[
 * \begin{aligned}
 *   dZ_2 &= \tfrac{1}{m} (\hat Y - Y)                          & &\in \mathbb{R}^{1 \times m} \\
 *   dW_2 &= dZ_2\, A_1^\top                                    & &\in \mathbb{R}^{1 \times 15} \\
 *   db_2 &= dZ_2\, \mathbf{1}                                  & &\in \mathbb{R}^{1 \times 1} \\
 *   dZ_1 &= (W_2^\top dZ_2) \circ \mathrm{ReLU}'(Z_1)          & &\in \mathbb{R}^{15 \times m} \\
 *   dW_1 &= dZ_1\, X^\top                                      & &\in \mathbb{R}^{15 \times 9} \\
 *   db_1 &= dZ_1\, \mathbf{1}                                  & &\in \mathbb{R}^{15 \times 1}
 * \end{aligned}
 * \f]
 * where \f$\mathrm{ReLU}'(Z_1) = [Z_1 > 0]\f$ is 1 where \f$Z_1 > 0\f$ and 0 elsewhere. The
 * first line is the article's `dLoss_Yh * dSigmoid(Z2)` simplified, over \f$m\f$ because
 * \f$J\f$ is a mean; \ref chapter2_output_gradient derives it.
 */
// [backward]
void backward(const Net& net, const arma::mat& X, const arma::rowvec& Y, const Cache& ch,
              Gradients& g) {
  const double m = X.n_cols;
  if (g.ones.n_elem != X.n_cols) g.ones.ones(X.n_cols);  // once: sums over samples as products
  g.dZ2 = (ch.Yh - Y) / m;
  g.dW2 = g.dZ2 * ch.A1.t();
  g.db2 = g.dZ2 * g.ones;
  g.dZ1 = (net.W2.t() * g.dZ2) % arma::sign(ch.A1);  // sign(A1) = ReLU'(Z1): A1 = max(Z1, 0)
  g.dW1 = g.dZ1 * X.t();
  g.db1 = g.dZ1 * g.ones;
}
// [backward]

/**
 * The binary cross-entropy of the article's `nloss`,
 * \f[ J = -\frac{1}{m} \sum_{i=1}^{m} \big[ y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i) \big], \f]
 * computed from the logits \f$z_i\f$ (the entries of \f$Z_2\f$, with
 * \f$\hat y_i = \sigma(z_i)\f$) in the form that never takes the log of 0:
 * \f[ J = \frac{1}{m} \sum_{i=1}^{m} \big[ \max(z_i, 0) - y_i z_i + \log(1 + e^{-|z_i|}) \big]. \f]
 */
// [cost]
double cost(const arma::rowvec& Z2, const arma::rowvec& Y) {
  return arma::mean(arma::clamp(Z2, 0, arma::datum::inf) - Y % Z2 +
                    arma::log1p(arma::exp(-arma::abs(Z2))));
}
// [cost]

/// One step of gradient descent on every parameter: \f$\theta \leftarrow \theta - \alpha\, d\theta\f$.
// [update]
void update(Net& net, const Gradients& g, double learningRate) {
  net.W1 -= learningRate * g.dW1;
  net.b1 -= learningRate * g.db1;
  net.W2 -= learningRate * g.dW2;
  net.b2 -= learningRate * g.db2;
}
// [update]

// ---------------------------------------------------------------------------------------------
// 3. Training
// ---------------------------------------------------------------------------------------------

/// The run's settings, one per command-line option.
struct Settings {
  arma::uword iterations = 67'000;
  double learningRate = 0.07;
  arma::uword hidden = 15;
  double threshold = 0.5;
  std::uint64_t seed = 1;
  std::filesystem::path dataFile = DL_DATA_DIR "/wisconsin/breast-cancer-wisconsin.data";
};

/// What training records every `kRecordEvery` iterations: the cost and the parameters (for the
/// loss landscape's trajectory).
struct History {
  std::vector<double> iteration, cost;
  std::vector<Net> snapshots;
};
inline constexpr arma::uword kRecordEvery = 500;

// [train]
/// Full-batch gradient descent, as the article's `gd`: forward, backward, update, and every 500
/// iterations the cost is recorded and printed. Nothing is allocated inside the loop: the cache
/// and the gradients keep their sizes from the first iteration on.
History train(Net& net, const arma::mat& X, const arma::rowvec& Y, const Settings& settings,
              std::ostream& log) {
  Cache ch;
  Gradients g;
  History history;
  dl::DivergenceCheck diverged("iteration", settings.learningRate);
  for (arma::uword i = 0; i < settings.iterations; ++i) {
    forward(net, X, ch);
    backward(net, X, Y, ch, g);
    if (i % kRecordEvery == 0) {
      const double loss = cost(ch.Z2, Y);
      diverged(loss, static_cast<long>(i));
      history.iteration.push_back(double(i));
      history.cost.push_back(loss);
      history.snapshots.push_back(net);
      log << "Cost after iteration " << i << ": " << std::fixed << std::setprecision(6) << loss
          << '\n';
    }
    update(net, g, settings.learningRate);
  }
  forward(net, X, ch);
  const double finalCost = cost(ch.Z2, Y);
  diverged.finish(finalCost, static_cast<long>(settings.iterations));
  history.iteration.push_back(double(settings.iterations));
  history.cost.push_back(finalCost);
  history.snapshots.push_back(net);
  return history;
}
// [train]

// ---------------------------------------------------------------------------------------------
// 4. Predictions and how good they are
// ---------------------------------------------------------------------------------------------

/// The article's `pred`: probability \f$\hat y_i\f$ for every sample, then 1 where it exceeds the
/// threshold.
// [predict]
arma::urowvec predict(const Net& net, const arma::mat& X, double threshold) {
  Cache ch;
  forward(net, X, ch);
  return ch.Yh > threshold;
}

/// The confusion matrix \f$\begin{pmatrix} TN & FP \\ FN & TP \end{pmatrix}\f$: rows are the
/// true class (benign, malignant), columns the predicted one.
arma::umat confusion(const arma::urowvec& predicted, const arma::rowvec& Y) {
  arma::umat counts(2, 2, arma::fill::zeros);
  for (arma::uword i = 0; i < Y.n_elem; ++i) ++counts(arma::uword(Y(i)), predicted(i));
  return counts;
}
// [predict]

/// The fraction of correct predictions: the trace of the confusion matrix over its sum.
double accuracy(const arma::umat& counts) {
  return double(arma::trace(counts)) / double(arma::accu(counts));
}

// ---------------------------------------------------------------------------------------------
// 5. The loss landscape
// ---------------------------------------------------------------------------------------------

/// \f$\theta + s\, d_1 + t\, d_2\f$, block by block.
Net offset(const Net& theta, double s, const Net& d1, double t, const Net& d2) {
  return {theta.W1 + s * d1.W1 + t * d2.W1, theta.b1 + s * d1.b1 + t * d2.b1,
          theta.W2 + s * d1.W2 + t * d2.W2, theta.b2 + s * d1.b2 + t * d2.b2};
}

/// The sum of the element-wise products of two parameter sets: their dot product as vectors.
double dot(const Net& a, const Net& b) {
  return arma::dot(a.W1, b.W1) + arma::dot(a.b1, b.b1) + arma::dot(a.W2, b.W2) +
         arma::dot(a.b2, b.b2);
}

// [direction]
/// A random direction in parameter space, *filter-normalised* as in Li et al. (2018),
/// "Visualizing the Loss Landscape of Neural Nets": every row of a weight matrix (one unit's
/// incoming weights) is rescaled to the norm of the same row of the trained weights,
/// \f[ d_{i,:} \leftarrow \frac{d_{i,:}}{\lVert d_{i,:} \rVert}\, \lVert W_{i,:} \rVert, \f]
/// so that a step of 1 along it is as large as each unit's own weights. The biases are not
/// perturbed (Li et al. leave them out too).
Net filterNormalisedDirection(const Net& trained) {
  Net d{arma::randn(arma::size(trained.W1)), arma::zeros(arma::size(trained.b1)),
        arma::randn(arma::size(trained.W2)), arma::zeros(arma::size(trained.b2))};
  for (arma::mat* w : {&d.W1, &d.W2}) {
    const arma::mat& trainedW = w == &d.W1 ? trained.W1 : trained.W2;
    w->each_row([](arma::rowvec& row) { row /= arma::norm(row); });
    w->each_col() %= arma::sqrt(arma::sum(arma::square(trainedW), 1));
  }
  return d;
}
// [direction]

// [slice]
/// The training cost on the plane through the trained parameters \f$\theta^*\f$ spanned by
/// \f$d_1, d_2\f$: `slice(i, j)` is \f$J(\theta^* + s_i d_1 + t_j d_2)\f$.
arma::mat lossSlice(const Net& trained, const Net& d1, const Net& d2, const arma::vec& s,
                    const arma::vec& t, const arma::mat& X, const arma::rowvec& Y) {
  arma::mat slice(s.n_elem, t.n_elem);
  Cache ch;
  for (arma::uword i = 0; i < s.n_elem; ++i)
    for (arma::uword j = 0; j < t.n_elem; ++j) {
      forward(offset(trained, s(i), d1, t(j), d2), X, ch);
      slice(i, j) = cost(ch.Z2, Y);
    }
  return slice;
}

/// Where a recorded point \f$\theta\f$ of the training trajectory falls on that plane: the
/// \f$(s, t)\f$ for which \f$s\, d_1 + t\, d_2\f$ is closest to \f$\delta = \theta - \theta^*\f$ in
/// the least-squares sense, from the 2x2 normal
/// equations \f$G (s, t)^\top = (d_1 \cdot \delta, d_2 \cdot \delta)^\top\f$ with
/// \f$G_{kl} = d_k \cdot d_l\f$ (random directions are nearly, not exactly, orthogonal).
arma::vec2 project(const Net& snapshot, const Net& trained, const Net& d1, const Net& d2) {
  const Net delta = offset(snapshot, -1, trained, 0, trained);
  const arma::mat22 G = {{dot(d1, d1), dot(d1, d2)}, {dot(d2, d1), dot(d2, d2)}};
  return arma::solve(G, arma::vec2{dot(d1, delta), dot(d2, delta)});
}
// [slice]

}  // namespace tumour_net

#include "report.hpp"  // the options, the console tables, the plots and files, beside the article

// ---------------------------------------------------------------------------------------------
// 6. The program: the article's last cells
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace tumour_net;
  CLI::App app{"Chapter 2: a 9-15-1 ReLU/sigmoid network classifies breast tumours", "tumour_net"};
  Settings settings;
  dl::Report report("tumour_net");
  addOptions(app, settings, report);
  return dl::cli::run(app, argc, argv, [&] {
    report.prepare();
    dl::setBlasThreads(1);  // products this small run faster on one thread (dl/threads.hpp)
    // [main]
    const dl::wisconsin::Data data = dl::wisconsin::load(settings.dataFile);
    const auto [X, Xval, Y, Yval] = dl::wisconsin::articleSplit(data, settings.dataFile);
    printProblem(std::cout, data, X, Xval, settings);
    arma::arma_rng::set_seed(settings.seed);  // for the landscape's random directions
    Net net = initialise(X.n_rows, settings.hidden, std::uint32_t(settings.seed));
    const auto [history, seconds] = dl::timed(train, net, X, Y, settings, std::cout);
    printTiming(std::cout, seconds, settings);
    const nlohmann::json thresholds = printAccuracies(std::cout, net, X, Y, Xval, Yval, settings);
    addOutputs(report, net, X, Y, Xval, Yval, history, thresholds, settings, seconds);
    report.finish(std::cout);
    // [main]
    return 0;
  });
}
#endif
