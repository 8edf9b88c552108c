/// \file
/// \brief Chapter 2: a two-layer network, ReLU then sigmoid, tells malignant breast tumours from
/// benign ones (the program walked through on \ref chapter2).

#include <armadillo>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "dl/cli.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
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

/// NumPy's legacy generator, the one behind the article's `np.random.seed(1)` and
/// `np.random.randn`: MT19937 seeded with the integer (`std::mt19937` is the same generator),
/// doubles with 53 random bits made from two 32-bit draws, and normal deviates by the polar
/// Box-Muller method, which makes them in pairs and keeps the second for the next call. With it
/// the program starts from exactly the article's weights.
// [numpy]
class NumpyRandomState {
 public:
  explicit NumpyRandomState(std::uint32_t seed) : mt_(seed) {}

  /// `np.random.randn(rows, cols)`, filled row by row as NumPy stores arrays.
  arma::mat randn(arma::uword rows, arma::uword cols) {
    arma::mat M(rows, cols);
    for (arma::uword r = 0; r < rows; ++r)
      for (arma::uword c = 0; c < cols; ++c) M(r, c) = gauss();
    return M;
  }

 private:
  double uniform() {
    const double a = mt_() >> 5, b = mt_() >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  double gauss() {
    if (hasSaved_) {
      hasSaved_ = false;
      return saved_;
    }
    double x1, x2, r2;
    do {
      x1 = 2 * uniform() - 1;
      x2 = 2 * uniform() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 == 0);
    const double f = std::sqrt(-2 * std::log(r2) / r2);
    saved_ = f * x1;
    hasSaved_ = true;
    return f * x2;
  }
  std::mt19937 mt_;
  double saved_ = 0;
  bool hasSaved_ = false;
};
// [numpy]

/// The article's `nInit`: weights drawn from \f$\mathcal{N}(0, 1)\f$ and divided by
/// \f$\sqrt{\text{fan-in}}\f$, so every unit starts with an input of about unit size; biases 0.
/// `np.random.seed(seed)` first, so seed 1 gives the article's own starting point.
// [init]
Net initialise(arma::uword inputs, arma::uword hidden, std::uint32_t seed) {
  NumpyRandomState numpy(seed);
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

/// The gradients, with the backward pass's intermediate values; allocated once as well.
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
 * The backward pass: the derivatives of the cross-entropy \f$L\f$ (cost()) with respect to every
 * parameter, from the output back to the input:
 * \f[
 * \begin{aligned}
 *   dZ_2 &= \hat Y - Y                                         & &\in \mathbb{R}^{1 \times m} \\
 *   dW_2 &= \tfrac{1}{m}\, dZ_2\, A_1^\top                     & &\in \mathbb{R}^{1 \times 15} \\
 *   db_2 &= \tfrac{1}{m}\, dZ_2\, \mathbf{1}                   & &\in \mathbb{R}^{1 \times 1} \\
 *   dZ_1 &= (W_2^\top dZ_2) \circ \mathrm{ReLU}'(Z_1)          & &\in \mathbb{R}^{15 \times m} \\
 *   dW_1 &= \tfrac{1}{m}\, dZ_1\, X^\top                       & &\in \mathbb{R}^{15 \times 9} \\
 *   db_1 &= \tfrac{1}{m}\, dZ_1\, \mathbf{1}                   & &\in \mathbb{R}^{15 \times 1}
 * \end{aligned}
 * \f]
 * where \f$dZ = \partial (mL) / \partial Z\f$ and \f$\mathrm{ReLU}'(Z_1)\f$ is 1 where
 * \f$Z_1 > 0\f$ and 0 elsewhere. The first line is the article's
 * `dLoss_Yh * dSigmoid(Z2)` simplified; \ref chapter2_output_gradient derives it.
 */
// [backward]
void backward(const Net& net, const arma::mat& X, const arma::rowvec& Y, const Cache& ch,
              Gradients& g) {
  const double m = X.n_cols;
  if (g.ones.n_elem != X.n_cols) g.ones.ones(X.n_cols);  // once: sums over samples as products
  g.dZ2 = ch.Yh - Y;
  g.dW2 = g.dZ2 * ch.A1.t() / m;
  g.db2 = g.dZ2 * g.ones / m;
  g.dZ1 = (net.W2.t() * g.dZ2) % arma::sign(ch.A1);  // sign(A1) = ReLU'(Z1): A1 = max(Z1, 0)
  g.dW1 = g.dZ1 * X.t() / m;
  g.db1 = g.dZ1 * g.ones / m;
}
// [backward]

/**
 * The binary cross-entropy of the article's `nloss`,
 * \f[ L = -\frac{1}{m} \sum_{i=1}^{m} \big[ y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i) \big], \f]
 * computed from the logits \f$z_i\f$ (the entries of \f$Z_2\f$, with
 * \f$\hat y_i = \sigma(z_i)\f$) in the form that never takes the log of 0:
 * \f[ L = \frac{1}{m} \sum_{i=1}^{m} \big[ \max(z_i, 0) - y_i z_i + \log(1 + e^{-|z_i|}) \big]. \f]
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

/// \f$\theta + \alpha\, d_1 + \beta\, d_2\f$, block by block.
Net offset(const Net& theta, double alpha, const Net& d1, double beta, const Net& d2) {
  return {theta.W1 + alpha * d1.W1 + beta * d2.W1, theta.b1 + alpha * d1.b1 + beta * d2.b1,
          theta.W2 + alpha * d1.W2 + beta * d2.W2, theta.b2 + alpha * d1.b2 + beta * d2.b2};
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
/// \f$d_1, d_2\f$: `slice(i, j)` is \f$L(\theta^* + \alpha_i d_1 + \beta_j d_2)\f$.
arma::mat lossSlice(const Net& trained, const Net& d1, const Net& d2, const arma::vec& alphas,
                    const arma::vec& betas, const arma::mat& X, const arma::rowvec& Y) {
  arma::mat slice(alphas.n_elem, betas.n_elem);
  Cache ch;
  for (arma::uword i = 0; i < alphas.n_elem; ++i)
    for (arma::uword j = 0; j < betas.n_elem; ++j) {
      forward(offset(trained, alphas(i), d1, betas(j), d2), X, ch);
      slice(i, j) = cost(ch.Z2, Y);
    }
  return slice;
}

/// Where a point of the training trajectory falls on that plane: the \f$(\alpha, \beta)\f$
/// closest to \f$\theta_t - \theta^*\f$ in the least-squares sense, from the 2x2 normal
/// equations \f$G (\alpha, \beta)^\top = (d_1 \cdot \delta, d_2 \cdot \delta)^\top\f$ with
/// \f$G_{kl} = d_k \cdot d_l\f$ (random directions are nearly, not exactly, orthogonal).
arma::vec2 project(const Net& snapshot, const Net& trained, const Net& d1, const Net& d2) {
  const Net delta = offset(snapshot, -1, trained, 0, trained);
  const arma::mat22 G = {{dot(d1, d1), dot(d1, d2)}, {dot(d2, d1), dot(d2, d2)}};
  return arma::solve(G, arma::vec2{dot(d1, delta), dot(d2, delta)});
}
// [slice]

// ---------------------------------------------------------------------------------------------
// 6. Plots
// ---------------------------------------------------------------------------------------------

/// A confusion matrix as JSON, `[[TN, FP], [FN, TP]]`.
nlohmann::json toJson(const arma::umat& counts) {
  return {{counts(0, 0), counts(0, 1)}, {counts(1, 0), counts(1, 1)}};
}

/// Draws the cost curve, the confusion matrices and the loss landscape into `out`.
void plotResults(const std::filesystem::path& out, const Net& net, const arma::mat& X,
                 const arma::rowvec& Y, const History& history, const nlohmann::json& thresholds,
                 double learningRate) {
  using dl::plot::Figure;
  Figure costFigure(out / "cost.png", 800, 450);
  costFigure.panel()
      .title("Lr = " + dl::formatNumber(learningRate))
      .xlabel("iteration")
      .ylabel("cost (binary cross-entropy)")
      .set("logscale y")
      .line(history.iteration, history.cost, "training cost");
  costFigure.save();

  Figure matrices(out / "confusion_matrices.png", 1200, 700);
  matrices.grid(2, int(thresholds.size()),
                "Confusion matrices, rows: true class, columns: predicted");
  for (const char* set : {"train", "validation"})
    for (const auto& t : thresholds) {
      const auto m = t["confusion_matrix_" + std::string(set)];
      const arma::mat counts = {{m[0][0], m[0][1]}, {m[1][0], m[1][1]}};
      matrices.panel()
          .title(std::string(set) + ", threshold " + dl::formatNumber(t["threshold"]))
          .set("palette defined (0 '#ffffff', 1 '#6baed6', 2 '#08519c')")
          .set("cbtics 100")
          .heatmap(counts, {"benign", "malignant"}, {"benign", "malignant"}, "%g");
    }
  matrices.save();

  // Two random, filter-normalised directions through the trained parameters, and where the
  // trajectory of training falls on that plane.
  const Net d1 = filterNormalisedDirection(net), d2 = filterNormalisedDirection(net);
  arma::vec alpha(history.snapshots.size()), beta(history.snapshots.size());
  for (std::size_t k = 0; k < history.snapshots.size(); ++k) {
    const arma::vec2 ab = project(history.snapshots[k], net, d1, d2);
    alpha(k) = ab(0);
    beta(k) = ab(1);
  }
  const double reach = std::max(1.0, 1.1 * std::max(arma::abs(alpha).max(), arma::abs(beta).max()));
  const arma::vec grid = arma::linspace(-reach, reach, 61);
  const arma::mat slice = lossSlice(net, d1, d2, grid, grid, X, Y);
  arma::vec pathCost(alpha.n_elem);
  Cache ch;
  for (arma::uword k = 0; k < alpha.n_elem; ++k) {
    forward(offset(net, alpha(k), d1, beta(k), d2), X, ch);
    pathCost(k) = cost(ch.Z2, Y);
  }
  Figure landscape(out / "loss_landscape.png", 1400, 620);
  landscape.grid(1, 2,
                 "The training cost around the trained network, along two random "
                 "filter-normalised directions");
  landscape.panel()
      .xlabel("alpha (d1)")
      .ylabel("beta (d2)")
      .zlabel("cost")
      .set("view 55,35")
      .set("xyplane at 0")
      .set("logscale z")
      .surface(grid, grid, slice, "cost on the plane")
      .path(alpha, beta, pathCost, "training, projected");
  landscape.panel()
      .title("contours, seen from above")
      .xlabel("alpha (d1)")
      .ylabel("beta (d2)")
      .set("view map")
      .set("size ratio -1")
      .set("logscale cb")
      .set("cblabel 'cost'")
      .surface(grid, grid, slice, "", "pm3d")
      .path(alpha, beta, pathCost, "training, projected",
            "linespoints pt 7 ps 0.6 lw 2 lc rgb 'red'");
  landscape.save();
}

}  // namespace tumour_net

// ---------------------------------------------------------------------------------------------
// 7. The program: options, data, training, results
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace tumour_net;
  // [options]
  CLI::App app{"Chapter 2: a 9-15-1 ReLU/sigmoid network classifies breast tumours", "tumour_net"};
  Settings settings;
  std::filesystem::path out, dataFile = DL_DATA_DIR "/wisconsin/breast-cancer-wisconsin.data";
  app.add_option("--iterations", settings.iterations, "full-batch gradient steps")
      ->check(dl::cli::WholeNumber(1, 100'000'000))
      ->capture_default_str();
  dl::cli::addLearningRateOption(app, settings.learningRate, "step size alpha");
  app.add_option("--hidden", settings.hidden, "units in the hidden layer")
      ->check(dl::cli::WholeNumber(1, 10'000))
      ->capture_default_str();
  app.add_option("--threshold", settings.threshold, "predict malignant when yhat > threshold")
      ->check(dl::cli::Between(0, 1))
      ->capture_default_str();
  app.add_option("--data", dataFile, "the UCI breast-cancer-wisconsin.data file")
      ->capture_default_str();
  dl::cli::addSeedOption(app, settings.seed, std::numeric_limits<std::uint32_t>::max());
  dl::cli::addOutOption(app, out, "tumour_net");
  // [options]

  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    // [main]
    const dl::wisconsin::Data data = dl::wisconsin::load(dataFile);
    const auto [X, Xval, Y, Yval] = dl::wisconsin::articleSplit(data, dataFile);
    std::cout << "Wisconsin breast-cancer data: " << data.X.n_cols << " samples (" << data.dropped
              << " with a missing value dropped); training on " << X.n_cols << ", validating on "
              << Xval.n_cols << ".\n"
              << "9-" << settings.hidden << "-1 network, learning rate "
              << dl::formatNumber(settings.learningRate) << ", " << settings.iterations
              << " iterations, seed " << settings.seed << ".\n\n";

    arma::arma_rng::set_seed(settings.seed);  // for the landscape's random directions
    Net net = initialise(X.n_rows, settings.hidden, std::uint32_t(settings.seed));
    arma::wall_clock clock;
    clock.tic();
    const History history = train(net, X, Y, settings, std::cout);
    const double trainSeconds = clock.toc();
    // [main]
    std::cout << "\nTrained in " << std::setprecision(2) << trainSeconds << " s ("
              << std::setprecision(2) << trainSeconds / double(settings.iterations) * 1e6
              << " us per iteration).\n";

    // The chosen threshold first, then the article's 0.5, 0.7 and 0.9.
    std::vector<double> shown{settings.threshold};
    for (double t : {0.5, 0.7, 0.9})
      if (t != settings.threshold) shown.push_back(t);
    nlohmann::json thresholds = nlohmann::json::array();
    for (double threshold : shown) {
      const arma::umat train = confusion(predict(net, X, threshold), Y);
      const arma::umat val = confusion(predict(net, Xval, threshold), Yval);
      std::cout << "\nThreshold " << dl::formatNumber(threshold) << ":\n"
                << std::setprecision(4) << "  training   accuracy " << accuracy(train)
                << "  [[TN, FP], [FN, TP]] = " << toJson(train).dump() << '\n'
                << "  validation accuracy " << accuracy(val)
                << "  [[TN, FP], [FN, TP]] = " << toJson(val).dump() << '\n';
      thresholds.push_back({{"threshold", threshold},
                            {"train_accuracy", accuracy(train)},
                            {"validation_accuracy", accuracy(val)},
                            {"confusion_matrix_train", toJson(train)},
                            {"confusion_matrix_validation", toJson(val)}});
    }
    if (dl::plot::gnuplotAvailable())
      plotResults(out, net, X, Y, history, thresholds, settings.learningRate);
    else
      std::cout << "plots skipped (gnuplot is not installed): cost, confusion_matrices, "
                   "loss_landscape\n";
    const auto& chosen = thresholds.front();
    dl::writeCsv(out / "history.csv",
                  {{"iteration", arma::vec(history.iteration)}, {"cost", arma::vec(history.cost)}});
    dl::writeJson(out / "summary.json",
                   {{"train_accuracy", chosen["train_accuracy"]},
                    {"validation_accuracy", chosen["validation_accuracy"]},
                    {"confusion_matrix_validation", chosen["confusion_matrix_validation"]},
                    {"threshold", settings.threshold},
                    {"thresholds", thresholds},
                    {"final_cost", history.cost.back()},
                    {"iterations", settings.iterations},
                    {"learning_rate", settings.learningRate},
                    {"hidden", settings.hidden},
                    {"seed", settings.seed},
                    {"train_seconds", trainSeconds}});
    std::cout << "results in " << out.string() << "\n";
    return 0;
  });
}
#endif
