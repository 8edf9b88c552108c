/// \file
/// \brief Chapter 1: one quadratic neuron \f$\hat y = a x^2 + b x + c\f$ learns its three
/// parameters by gradient descent (the program walked through on \ref chapter1).

#include <armadillo>
#include <cmath>
#include <iomanip>
#include <iostream>

#include "dl/training.hpp"

/// Everything chapter 1 defines, in the order the article introduces it.
namespace quadratic_neuron {

// ---------------------------------------------------------------------------------------------
// 1. The neuron
// ---------------------------------------------------------------------------------------------

/// The article's single neuron: the weighted sum of its two inputs \f$x^2\f$ and \f$x\f$, with the
/// weights \f$a\f$ and \f$b\f$, plus the bias \f$c\f$, passed through the identity as its activation:
/// \f$\hat y = a x^2 + b x + c\f$. It starts from the article's guess (15, −2, 10).
// [model]
struct Neuron {
  double a = 15, b = -2, c = 10;

  /// The prediction for every sample at once: one column per sample.
  arma::rowvec operator()(const arma::rowvec& x) const { return a * arma::square(x) + b * x + c; }
};
// [model]

// ---------------------------------------------------------------------------------------------
// 2. The data
// ---------------------------------------------------------------------------------------------

/// The samples as a row: \f$x \in \mathbb{R}^{1 \times m}\f$ and \f$y \in \mathbb{R}^{1 \times m}\f$.
struct Data {
  arma::rowvec x, y;
};

/// \f$m\f$ samples \f$x \sim \mathcal{N}(0, 1)\f$, labelled without noise by the true neuron
/// (10, 5, 12). Seed the generator first (`arma::arma_rng::set_seed`) for repeatable data.
// [data]
Data makeData(arma::uword samples, const Neuron& truth) {
  const arma::rowvec x = arma::randn<arma::rowvec>(samples);
  return {x, truth(x)};
}
// [data]

// ---------------------------------------------------------------------------------------------
// 3. The loss
// ---------------------------------------------------------------------------------------------

/// The cost \f$J\f$: the mean over the samples of each one's loss
/// \f$\ell_i = (\hat y_i - y_i)^2\f$, the mean squared error:
/// \f[ J = \frac{1}{m} \sum_{i=1}^{m} (\hat y_i - y_i)^2 \f]
// [loss]
double loss(const arma::rowvec& yHat, const arma::rowvec& y) {
  return arma::mean(arma::square(yHat - y));
}
// [loss]

// ---------------------------------------------------------------------------------------------
// 4. The gradients
// ---------------------------------------------------------------------------------------------

/// Which \f$dc = \partial J / \partial c\f$ to use.
enum class Derivative {
  exact,   ///< \f$\frac{2}{m}\sum(\hat y_i - y_i)\f$, the true derivative of the cost.
  article  ///< \f$\frac{1}{m}\sum(\hat y_i - y_i)\f$, the article's code: the factor 2 is missing.
};

/// The three partial derivatives of the cost: \f$da = \partial J / \partial a\f$, and so on.
struct Gradients {
  double da, db, dc;
};

/**
 * The derivatives of \f$J\f$ with respect to the three parameters. With
 * \f$\partial \hat y_i / \partial a = x_i^2\f$, \f$\partial \hat y_i / \partial b = x_i\f$ and
 * \f$\partial \hat y_i / \partial c = 1\f$, the chain rule gives
 * \f[
 * \begin{aligned}
 *   da = \frac{\partial J}{\partial a} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)\, x_i^2 \\
 *   db = \frac{\partial J}{\partial b} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)\, x_i \\
 *   dc = \frac{\partial J}{\partial c} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)
 * \end{aligned}
 * \f]
 * With Derivative::article the last line is the article's \f$\frac{1}{m}\sum(\hat y_i - y_i)\f$:
 * half the true slope, so c moves half as fast as it should.
 */
// [grads]
Gradients grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat,
                Derivative dcForm = Derivative::exact) {
  const double m = x.n_elem;
  const double da = 2 * arma::dot(yHat - y, arma::square(x)) / m;
  const double db = 2 * arma::dot(yHat - y, x) / m;
  const double dc = (dcForm == Derivative::exact ? 2 : 1) * arma::accu(yHat - y) / m;
  return {da, db, dc};
}
// [grads]

// ---------------------------------------------------------------------------------------------
// 5. One step of gradient descent
// ---------------------------------------------------------------------------------------------

/// One full-batch gradient-descent step, as the article's `fit`: each parameter moves against its
/// derivative, scaled by the learning rate \f$\alpha\f$,
/// \f[ a \leftarrow a - \alpha\, da, \quad b \leftarrow b - \alpha\, db, \quad
///     c \leftarrow c - \alpha\, dc. \f]
/// Returns the loss *before* the step, as the article does.
// [fit]
double fit(Neuron& model, const Data& data, double learningRate,
           Derivative dcForm = Derivative::exact) {
  const arma::rowvec yHat = model(data.x);
  const double currentLoss = loss(yHat, data.y);
  const auto [da, db, dc] = grads(data.x, data.y, yHat, dcForm);
  model.a -= learningRate * da;
  model.b -= learningRate * db;
  model.c -= learningRate * dc;
  return currentLoss;
}
// [fit]

// ---------------------------------------------------------------------------------------------
// 6. Training
// ---------------------------------------------------------------------------------------------

/// The run's settings, one per command-line option.
struct Settings {
  arma::uword epochs = 50;
  double learningRate = 0.1;
  arma::uword samples = 1000;
  std::uint64_t seed = 1;
  Derivative dcForm = Derivative::exact;
};

/// The parameters and the loss at the start of every epoch, plus a last row after the last step:
/// `epochs + 1` rows in all (the article's `list_a`, `list_b`, `list_c` and `losses`).
struct History {
  explicit History(arma::uword rows) : a(rows), b(rows), c(rows), loss(rows) {}
  void record(arma::uword epoch, const Neuron& model, double currentLoss) {
    a(epoch) = model.a;
    b(epoch) = model.b;
    c(epoch) = model.c;
    loss(epoch) = currentLoss;
  }
  arma::vec a, b, c, loss;
};

/// Trains `model` for `settings.epochs` full-batch steps, printing the loss every 5 epochs.
/// Stops with a dl::Error when the loss diverges (too large a learning rate: dl::DivergenceCheck).
// [train]
History train(Neuron& model, const Data& data, const Settings& settings, std::ostream& log) {
  History history(settings.epochs + 1);
  dl::DivergenceCheck diverged("epoch", settings.learningRate);
  for (arma::uword epoch = 0; epoch < settings.epochs; ++epoch) {
    const Neuron before = model;
    const double currentLoss = fit(model, data, settings.learningRate, settings.dcForm);
    diverged(currentLoss, epoch);
    history.record(epoch, before, currentLoss);
    if (epoch % 5 == 0)
      log << "epoch " << std::setw(2) << epoch << " --------> mean squared error " << std::fixed
          << std::setprecision(4) << currentLoss << '\n';
  }
  const double finalLoss = loss(model(data.x), data.y);
  diverged.finish(finalLoss, settings.epochs);
  history.record(settings.epochs, model, finalLoss);
  return history;
}
// [train]

// ---------------------------------------------------------------------------------------------
// 7. Aside: why some learning rates work and others explode, the curvature
// ---------------------------------------------------------------------------------------------

/// The loss is quadratic in \f$\theta = (a, b, c)\f$: with the features
/// \f$\phi_i = (x_i^2, x_i, 1)^\top\f$ stacked as the columns of
/// \f$\Phi \in \mathbb{R}^{3 \times m}\f$, \f$J = \frac{1}{m}\lVert \theta^\top \Phi - y \rVert^2\f$
/// and its matrix of second derivatives is the same everywhere:
/// \f[ H = \nabla^2 J = \frac{2}{m}\, \Phi \Phi^\top \in \mathbb{R}^{3 \times 3} \f]
/// Its eigenvalues \f$h_1 \le h_2 \le h_3\f$ are the curvatures of the bowl.
// [hessian]
arma::mat hessian(const arma::rowvec& x) {
  const arma::mat Phi = arma::join_cols(arma::square(x), x, arma::ones<arma::rowvec>(x.n_elem));
  return 2.0 / x.n_elem * Phi * Phi.t();
}
// [hessian]

/// The curvatures the steps feel, ascending. A step maps the distance from the minimum,
/// \f$\Delta\theta = \theta - \theta^*\f$, to \f$(I - \alpha D H)\, \Delta\theta\f$: \f$D = I\f$ with the exact derivative, whose curvatures are
/// \f$h_1 \le h_2 \le h_3\f$ themselves; \f$D = \mathrm{diag}(1, 1, \tfrac12)\f$ with the article's
/// `dc`, which halves every step in \f$c\f$. \f$DH\f$ has the eigenvalues of the symmetric
/// \f$D^{1/2} H D^{1/2}\f$. Gradient descent converges exactly when \f$\alpha\f$ is below 2 over
/// the largest.
// [step_curvatures]
arma::vec stepCurvatures(const arma::mat& H, Derivative dcForm) {
  if (dcForm == Derivative::exact) return arma::eig_sym(H);
  const arma::mat halfRoot = arma::diagmat(arma::vec{1, 1, std::sqrt(0.5)});
  return arma::eig_sym(arma::symmatu(halfRoot * H * halfRoot));
}
// [step_curvatures]

// ---------------------------------------------------------------------------------------------
// 8. The loss surface
// ---------------------------------------------------------------------------------------------

/// The cost over a grid of (b, c) with a held fixed: `surface(i, j)` is \f$J(a, b_i, c_j)\f$.
/// This is the bowl gradient descent rolls down in the article's 3-D figure.
// [surface]
arma::mat lossSurface(const Data& data, double a, const arma::vec& bs, const arma::vec& cs) {
  arma::mat surface(bs.n_elem, cs.n_elem);
  for (arma::uword i = 0; i < bs.n_elem; ++i)
    for (arma::uword j = 0; j < cs.n_elem; ++j)
      surface(i, j) = loss(Neuron{a, bs(i), cs(j)}(data.x), data.y);
  return surface;
}
// [surface]

}  // namespace quadratic_neuron

#include "report.hpp"  // the options, the console tables, the plots and files, beside the article

// ---------------------------------------------------------------------------------------------
// 9. The program: the article's last cell
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
// [program]
int main(int argc, char** argv) {
  using namespace quadratic_neuron;
  CLI::App app{"Chapter 1: one quadratic neuron y = a x^2 + b x + c learns a, b and c",
               "quadratic_neuron"};
  Settings settings;
  dl::Report report("quadratic_neuron");
  addOptions(app, settings, report);
  return dl::cli::run(app, argc, argv, [&] {
    report.prepare();
    // [main]
    const Neuron truth{10, 5, 12};
    arma::arma_rng::set_seed(settings.seed);
    const Data data = makeData(settings.samples, truth);
    Neuron model;  // starts at (15, -2, 10)
    printProblem(std::cout, data, settings);
    const auto [history, seconds] = dl::timed(train, model, data, settings, std::cout);
    printResults(std::cout, model, history, seconds);
    addOutputs(report, data, history, truth, model, settings, seconds);
    report.finish(std::cout);
    // [main]
    return 0;
  });
}
// [program]
#endif
