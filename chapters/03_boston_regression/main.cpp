/// \file
/// \brief Chapter 3: an L-layer network, written as a loop over its layers, predicts Boston house
/// prices; against it, the article's own setup and ordinary least squares (\ref chapter3).

#include <armadillo>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "dl/boston.hpp"
#include "dl/error.hpp"
#include "dl/threads.hpp"
#include "dl/training.hpp"

/// Everything chapter 3 defines, in the order the article introduces it.
namespace boston_regression {

// ---------------------------------------------------------------------------------------------
// 1. The network: a list of layers
// ---------------------------------------------------------------------------------------------

/// One fully connected layer \f$l\f$: \f$W_l \in \mathbb{R}^{n_l \times n_{l-1}}\f$,
/// \f$b_l \in \mathbb{R}^{n_l}\f$.
struct Layer {
  arma::mat W;
  arma::vec b;
};
/// Layers 1 to L; the sizes \f$n_0, \dots, n_L\f$ are those of `--layers`, e.g. 13,5,5,1.
using Network = std::vector<Layer>;

/// How the weights start.
enum class Init {
  article,  ///< the article's `randn * 0.01` for weights and biases alike
  he  ///< He et al. (2015): \f$W \sim \mathcal{N}(0, 2/n_{l-1})\f$, \f$b = 0\f$, for ReLU layers
};

// [init]
/// The article's `initialize_params`, or He initialisation: a loop over the layer sizes.
Network initialise(const std::vector<arma::uword>& sizes, Init init) {
  Network net;
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    const double scale = init == Init::article ? 0.01 : std::sqrt(2.0 / double(sizes[l - 1]));
    net.push_back({arma::randn(sizes[l], sizes[l - 1]) * scale,
                   init == Init::article ? arma::vec(arma::randn(sizes[l]) * 0.01)
                                         : arma::vec(arma::zeros(sizes[l]))});
  }
  return net;
}
// [init]

// ---------------------------------------------------------------------------------------------
// 2. Forward and backward: the same loop, once each way
// ---------------------------------------------------------------------------------------------

/// \f$Z_l\f$ and \f$A_l\f$ for every layer, \f$A_0 = X\f$; kept for the backward pass.
struct Cache {
  std::vector<arma::mat> Z, A;
};

/**
 * The forward pass, layer by layer:
 * \f[ Z_l = W_l A_{l-1} + b_l, \qquad
 *     A_l = \begin{cases} \max(Z_l, 0) & l < L \\ Z_l & l = L \end{cases}
 *     \qquad A_0 = X,\ \hat Y = A_L, \f]
 * ReLU on the hidden layers and a linear output, since a price can be any number.
 */
// [forward]
void forward(const Network& net, const arma::mat& X, Cache& ch) {
  const std::size_t L = net.size();
  ch.Z.resize(L + 1);
  ch.A.resize(L + 1);
  ch.A[0] = X;
  for (std::size_t l = 1; l <= L; ++l) {
    ch.Z[l] = net[l - 1].W * ch.A[l - 1];
    ch.Z[l].each_col() += net[l - 1].b;
    ch.A[l] = l < L ? arma::mat(arma::clamp(ch.Z[l], 0, arma::datum::inf)) : ch.Z[l];
  }
}
// [forward]

/// The article's cost, plus an optional L2 penalty on the weights (weight decay, \f$\lambda\f$ = 0
/// in the article): \f[ J = \frac{1}{2m} \sum_{i=1}^{m} (\hat y_i - y_i)^2
///                         + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W_l \rVert_F^2. \f]
// [cost]
double cost(const Network& net, const arma::rowvec& Yhat, const arma::rowvec& Y,
            double lambda = 0) {
  double penalty = 0;
  for (const Layer& layer : net) penalty += arma::accu(arma::square(layer.W));
  return (arma::accu(arma::square(Yhat - Y)) + lambda * penalty) / (2.0 * Y.n_elem);
}
// [cost]

/// The two slips of the article's `backward_propagation`, to switch on one at a time.
struct Slips {
  bool reluAlwaysOne = false;  ///< `np.where(A >= 0, 1, 0)` on \f$A = \max(Z, 0) \ge 0\f$: always 1
  bool oneOverMTwice = false;  ///< `dA_L = 1/m (A - Y)` and then `dW = 1/m dZ A_prev^T` again
};

/// The gradients \f$dW_l, db_l\f$ and the intermediate \f$dZ_l\f$, one per layer (index 0 unused).
struct Gradients {
  std::vector<arma::mat> dW, dZ;
  std::vector<arma::vec> db;
};

/**
 * The backward pass: the loop of forward() run in reverse. With \f$dV = \partial J / \partial V\f$
 * (the tutorial's notation: no hidden factor \f$m\f$):
 * \f[
 * \begin{aligned}
 *   dZ_L &= \tfrac{1}{m}\, (\hat Y - Y)                      & &\in \mathbb{R}^{1 \times m} \\
 *   dW_l &= dZ_l\, A_{l-1}^\top + \tfrac{\lambda}{m} W_l     & &\in \mathbb{R}^{n_l \times n_{l-1}} \\
 *   db_l &= dZ_l\, \mathbf{1}                               & &\in \mathbb{R}^{n_l} \\
 *   dZ_{l-1} &= (W_l^\top dZ_l) \circ [Z_{l-1} > 0]          & &\in \mathbb{R}^{n_{l-1} \times m}
 * \end{aligned}
 * \f]
 * for \f$l = L, \dots, 1\f$. `slips` reproduces the article's mistakes, for the tests and
 * `--article-slips`.
 */
// [backward]
void backward(const Network& net, const Cache& ch, const arma::rowvec& Y, Gradients& g,
              double lambda = 0, Slips slips = {}) {
  const std::size_t L = net.size();
  const double m = Y.n_elem;
  g.dW.resize(L + 1);
  g.db.resize(L + 1);
  g.dZ.resize(L + 1);
  g.dZ[L] = (ch.A[L] - Y) / m;
  for (std::size_t l = L; l >= 1; --l) {
    g.dW[l] = g.dZ[l] * ch.A[l - 1].t() + (lambda / m) * net[l - 1].W;
    g.db[l] = arma::sum(g.dZ[l], 1);
    if (slips.oneOverMTwice) {  // the article divides dW and db by m once more
      g.dW[l] /= m;
      g.db[l] /= m;
    }
    if (l == 1) break;
    if (slips.reluAlwaysOne)
      g.dZ[l - 1] = net[l - 1].W.t() * g.dZ[l];
    else
      g.dZ[l - 1] = (net[l - 1].W.t() * g.dZ[l]) % arma::sign(ch.A[l - 1]);  // [Z > 0]
  }
}
// [backward]

/// \f$W_l \leftarrow W_l - \alpha\, dW_l\f$, \f$b_l \leftarrow b_l - \alpha\, db_l\f$ for every layer.
void update(Network& net, const Gradients& g, double learningRate) {
  for (std::size_t l = 1; l <= net.size(); ++l) {
    net[l - 1].W -= learningRate * g.dW[l];
    net[l - 1].b -= learningRate * g.db[l];
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Training and predicting
// ---------------------------------------------------------------------------------------------

/// One model's recipe: its layers, initialisation, learning rate, iterations, scaling, weight
/// decay and slips. Written with the fields' names, as in Settings.
struct Recipe {
  std::string name;
  std::vector<arma::uword> layers;
  Init init = Init::he;
  double learningRate = 0.01;
  arma::uword iterations = 1000;
  bool standardize = false;
  double lambda = 0;
  Slips slips = {};
};

// [train]
/// Full-batch gradient descent for `recipe.iterations` steps; returns the cost at every step.
arma::vec train(Network& net, const arma::mat& X, const arma::rowvec& Y, const Recipe& recipe) {
  Cache ch;
  Gradients g;
  arma::vec costs(recipe.iterations + 1);
  dl::DivergenceCheck diverged("iteration", recipe.learningRate);
  for (arma::uword i = 0; i < recipe.iterations; ++i) {
    forward(net, X, ch);
    costs(i) = cost(net, ch.A.back(), Y, recipe.lambda);
    diverged(costs(i), static_cast<long>(i));
    backward(net, ch, Y, g, recipe.lambda, recipe.slips);
    update(net, g, recipe.learningRate);
  }
  forward(net, X, ch);
  costs(recipe.iterations) = cost(net, ch.A.back(), Y, recipe.lambda);
  diverged.finish(costs(recipe.iterations), static_cast<long>(recipe.iterations));
  return costs;
}
// [train]

/// The network's predictions \f$\hat Y = A_L\f$.
arma::rowvec predict(const Network& net, const arma::mat& X) {
  Cache ch;
  forward(net, X, ch);
  return ch.A.back();
}

/// Root mean squared error, in the target's units ($1000s): \f$\sqrt{\frac1m\sum(\hat y_i - y_i)^2}\f$.
double rmse(const arma::rowvec& Yhat, const arma::rowvec& Y) {
  return std::sqrt(arma::mean(arma::square(Yhat - Y)));
}

// [standardize]
/// Each feature shifted to mean 0 and scaled to standard deviation 1, with the statistics of the
/// training rows only, so that nothing about the test rows leaks into training.
struct Standardizer {
  explicit Standardizer(const arma::mat& Xtrain)
      : mean(arma::mean(Xtrain, 1)), sd(arma::stddev(Xtrain, 0, 1)) {}
  arma::mat operator()(arma::mat X) const {
    X.each_col() -= mean;
    X.each_col() /= sd;
    return X;
  }
  arma::vec mean, sd;
};
// [standardize]

// ---------------------------------------------------------------------------------------------
// 4. The baseline: ordinary least squares
// ---------------------------------------------------------------------------------------------

// [least_squares]
/// The linear model \f$\hat y = \theta_0 + \theta^\top x\f$ that minimises the squared error,
/// in closed form: with \f$A = [\mathbf{1}; X]^\top \in \mathbb{R}^{m \times 14}\f$,
/// \f$\theta = \arg\min \lVert A\theta - Y^\top \rVert^2\f$, which `arma::solve` finds by a QR
/// factorisation (more accurate than forming \f$(A^\top A)^{-1} A^\top Y^\top\f$).
arma::vec leastSquares(const arma::mat& X, const arma::rowvec& Y) {
  const arma::mat A = arma::join_cols(arma::ones<arma::rowvec>(X.n_cols), X);
  return arma::solve(A.t(), Y.t());
}

/// \f$\hat Y = \theta^\top [\mathbf{1}; X]\f$.
arma::rowvec predictLinear(const arma::vec& theta, const arma::mat& X) {
  return theta.t() * arma::join_cols(arma::ones<arma::rowvec>(X.n_cols), X);
}
// [least_squares]

// ---------------------------------------------------------------------------------------------
// 5. One model, start to finish
// ---------------------------------------------------------------------------------------------

/// What one model achieved on one split.
struct Outcome {
  std::string name;
  double trainRmse, testRmse, seconds;
  arma::rowvec testPredictions;
  arma::vec costs;       // empty for least squares
  std::string diverged;  // why training diverged; empty when it did not
};

/// Scales the data if the recipe says so, initialises (seeded), trains and measures one network.
/// With `divergenceIsAResult`, a diverging run comes back as an Outcome that says so instead of
/// stopping the program: the article's fixed recipe diverges on some splits, and that is one of
/// this chapter's findings.
Outcome fitNetwork(const Recipe& recipe, const dl::boston::Split& s, std::uint64_t seed,
                   bool divergenceIsAResult = false) {
  arma::mat X = s.X, Xtest = s.Xtest;
  if (recipe.standardize) {
    const Standardizer scale(s.X);
    X = scale(s.X);
    Xtest = scale(s.Xtest);
  }
  arma::arma_rng::set_seed(seed);
  Network net = initialise(recipe.layers, recipe.init);
  arma::wall_clock clock;
  clock.tic();
  arma::vec costs;
  try {
    costs = train(net, X, s.Y, recipe);
  } catch (const dl::Error& e) {
    if (!divergenceIsAResult) throw;
    return {recipe.name, arma::datum::nan, arma::datum::nan, clock.toc(), {}, {}, e.what()};
  }
  const double seconds = clock.toc();
  const arma::rowvec testPredictions = predict(net, Xtest);
  return {recipe.name,
          rmse(predict(net, X), s.Y),
          rmse(testPredictions, s.Ytest),
          seconds,
          testPredictions,
          std::move(costs),
          ""};
}

/// Least squares on the same split.
Outcome fitLeastSquares(const dl::boston::Split& s) {
  arma::wall_clock clock;
  clock.tic();
  const arma::vec theta = leastSquares(s.X, s.Y);
  const double seconds = clock.toc();
  const arma::rowvec testPredictions = predictLinear(theta, s.Xtest);
  return {"least squares",
          rmse(predictLinear(theta, s.X), s.Y),
          rmse(testPredictions, s.Ytest),
          seconds,
          testPredictions,
          {},
          ""};
}

// ---------------------------------------------------------------------------------------------
// 6. The experiment: three models on one split, then the improved one on several
// ---------------------------------------------------------------------------------------------

/// The run's settings: the two networks' recipes and the splits. The options change the improved
/// network; the article's is fixed, as published (bar `--article-slips`).
struct Settings {
  // [recipes]
  Recipe article{.name = "as in the article",
                 .layers = {13, 5, 5, 1},
                 .init = Init::article,
                 .learningRate = 0.03,
                 .iterations = 1000};
  Recipe improved{.name = "improved",
                  .layers = {13, 32, 32, 1},
                  .init = Init::he,
                  .learningRate = 0.02,
                  .iterations = 5000,
                  .standardize = true,
                  .lambda = 10};
  // [recipes]
  std::uint64_t seed = 1;
  double testFraction = 0.2;
  arma::uword repeats = 5;
  std::filesystem::path dataFile = DL_DATA_DIR "/boston/boston.csv";
};

/// The three models of the comparison, side by side on one split.
struct Comparison {
  Outcome article, improved, leastSquares;
};

// [compare]
/// The article's network, the improved one and least squares on the same split. The article's
/// may diverge: that is reported as its outcome, not an error.
Comparison compare(const Settings& settings, const dl::boston::Split& split) {
  return {.article = fitNetwork(settings.article, split, settings.seed, true),
          .improved = fitNetwork(settings.improved, split, settings.seed),
          .leastSquares = fitLeastSquares(split)};
}
// [compare]

/// The test RMSE of the improved network and of least squares on each seeded split.
struct Repeats {
  arma::vec improved, leastSquares;
};

// [repeats]
/// The improved network and least squares on `settings.repeats` seeded splits, seeds `seed`,
/// `seed + 1`, ...: the spread shows how much one split's number says. Split seed `seed` is the
/// one `first` measured already: the same models, the same numbers.
Repeats repeat(const dl::boston::Data& data, const Settings& settings, const Comparison& first,
               std::ostream& log) {
  Repeats r{arma::vec(settings.repeats), arma::vec(settings.repeats)};
  for (arma::uword k = 0; k < settings.repeats; ++k) {
    if (k == 0) {
      r.improved(k) = first.improved.testRmse;
      r.leastSquares(k) = first.leastSquares.testRmse;
    } else {
      const auto s = dl::boston::split(data, settings.testFraction, settings.seed + k);
      r.improved(k) = fitNetwork(settings.improved, s, settings.seed + k).testRmse;
      r.leastSquares(k) = fitLeastSquares(s).testRmse;
    }
    log << "  split seed " << settings.seed + k << ": improved " << std::fixed
        << std::setprecision(3) << r.improved(k) << ", least squares " << r.leastSquares(k) << '\n';
  }
  return r;
}
// [repeats]

}  // namespace boston_regression

#include "report.hpp"  // the options, the console tables, the plots and files, beside the article

// ---------------------------------------------------------------------------------------------
// 7. The program: the article's last cells
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace boston_regression;
  CLI::App app{
      "Chapter 3: an L-layer network for Boston house prices, against the article's "
      "setup and least squares",
      "boston_regression"};
  Settings settings;
  dl::Report report("boston_regression");
  addOptions(app, settings, report);
  return dl::cli::run(app, argc, argv, [&] {
    checkLayers(settings.improved.layers);
    report.prepare();
    dl::setBlasThreads(1);  // products this small run faster on one thread (dl/threads.hpp)
    // [main]
    const dl::boston::Data data = dl::boston::load(settings.dataFile);
    const dl::boston::Split split = dl::boston::split(data, settings.testFraction, settings.seed);
    printProblem(std::cout, data, split, settings);
    const Comparison models = compare(settings, split);
    printComparison(std::cout, models, split, settings);
    const Repeats repeats = repeat(data, settings, models, std::cout);
    printMeans(std::cout, repeats);
    addOutputs(report, models, repeats, split, settings);
    report.finish(std::cout);
    // [main]
    return 0;
  });
}
#endif
