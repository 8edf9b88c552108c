/// \file
/// \brief Chapter 1: one quadratic neuron \f$\hat y = a x^2 + b x + c\f$ learns its three
/// parameters by gradient descent (the program walked through on \ref chapter1).

#include <armadillo>
#include <iomanip>
#include <iostream>
#include <string>

#include "dl/cli.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/training.hpp"

/// Everything chapter 1 defines, in the order the article introduces it.
namespace quadratic_neuron {

// ---------------------------------------------------------------------------------------------
// 1. The neuron
// ---------------------------------------------------------------------------------------------

/// A single neuron whose "activation" is a quadratic: \f$\hat y = a x^2 + b x + c\f$.
/// It starts from the article's guess (15, −2, 10).
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

/// The mean squared error between predictions and targets:
/// \f[ L = \frac{1}{m} \sum_{i=1}^{m} (\hat y_i - y_i)^2 \f]
// [loss]
double loss(const arma::rowvec& yHat, const arma::rowvec& y) {
  return arma::mean(arma::square(yHat - y));
}
// [loss]

// ---------------------------------------------------------------------------------------------
// 4. The gradients
// ---------------------------------------------------------------------------------------------

/// Which \f$\partial L / \partial c\f$ to use.
enum class Derivative {
  exact,   ///< \f$\frac{2}{m}\sum(\hat y_i - y_i)\f$, the true derivative of the loss.
  article  ///< \f$\frac{1}{m}\sum(\hat y_i - y_i)\f$, the article's code: the factor 2 is missing.
};

/// The three partial derivatives of the loss.
struct Gradients {
  double da, db, dc;
};

/**
 * The derivatives of \f$L\f$ with respect to the three parameters. With
 * \f$\partial \hat y_i / \partial a = x_i^2\f$, \f$\partial \hat y_i / \partial b = x_i\f$ and
 * \f$\partial \hat y_i / \partial c = 1\f$, the chain rule gives
 * \f[
 * \begin{aligned}
 *   \frac{\partial L}{\partial a} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)\, x_i^2 \\
 *   \frac{\partial L}{\partial b} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)\, x_i \\
 *   \frac{\partial L}{\partial c} &= \frac{2}{m} \sum_{i=1}^{m} (\hat y_i - y_i)
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
/// \f[ a \leftarrow a - \alpha \frac{\partial L}{\partial a}, \quad
///     b \leftarrow b - \alpha \frac{\partial L}{\partial b}, \quad
///     c \leftarrow c - \alpha \frac{\partial L}{\partial c}. \f]
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
// 7. Why some learning rates work and others explode: the curvature
// ---------------------------------------------------------------------------------------------

/// The loss is quadratic in \f$\theta = (a, b, c)\f$: with the features
/// \f$\phi_i = (x_i^2, x_i, 1)^\top\f$ stacked as the columns of
/// \f$\Phi \in \mathbb{R}^{3 \times m}\f$, \f$L = \frac{1}{m}\lVert \theta^\top \Phi - y \rVert^2\f$
/// and its matrix of second derivatives is the same everywhere:
/// \f[ H = \nabla^2 L = \frac{2}{m}\, \Phi \Phi^\top \in \mathbb{R}^{3 \times 3} \f]
// [hessian]
arma::mat hessian(const arma::rowvec& x) {
  const arma::mat Phi = arma::join_cols(arma::square(x), x, arma::ones<arma::rowvec>(x.n_elem));
  return 2.0 / x.n_elem * Phi * Phi.t();
}
// [hessian]

// ---------------------------------------------------------------------------------------------
// 8. The loss surface
// ---------------------------------------------------------------------------------------------

/// The loss over a grid of (b, c) with a held fixed: `surface(i, j)` is \f$L(a, b_i, c_j)\f$.
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

// ---------------------------------------------------------------------------------------------
// 9. Plots
// ---------------------------------------------------------------------------------------------

/// The article's picture: the real data in blue, the neuron's predictions in red.
void addFitPanel(dl::plot::Panel& panel, const Data& data, const Neuron& model,
                 const std::string& title, bool withKey = true) {
  const arma::rowvec yHat = model(data.x);
  panel.title(title)
      .xlabel("x")
      .ylabel("y")
      .set(withKey ? "key center top" : "key off")
      .points(data.x, data.y, "real", "points pt 7 ps 0.35 lc rgb '#1f77b4'")
      .points(data.x, yHat, "predicted", "points pt 7 ps 0.35 lc rgb '#d62728'");
}

/// Draws the six figures of the results page into `out`.
void plotResults(const std::filesystem::path& out, const Data& data, const History& history,
                 const Neuron& truth) {
  using dl::plot::Figure;
  const arma::uword epochs = history.loss.n_elem - 1;
  const arma::vec epoch = arma::regspace(0, epochs);
  const auto modelAt = [&](arma::uword e) {
    return Neuron{history.a(e), history.b(e), history.c(e)};
  };

  Figure first(out / "fit_epoch_0.png", 640, 400);
  addFitPanel(first.panel(), data, modelAt(0), "Real and predicted values at epoch 0");
  first.save();
  Figure last(out / "fit_final.png", 640, 400);
  addFitPanel(last.panel(), data, modelAt(epochs),
              "Real and predicted values after epoch " + std::to_string(epochs));
  last.save();

  // Every 5 epochs as in the article (every 10, 15, ... for long runs: at most a dozen panels).
  const arma::uword stride = 5 * ((epochs + 54) / 55);
  Figure every5(out / "fit_every_5_epochs.png", 1400, 900);
  every5.grid(3, 4, "Real (blue) and predicted (red) values as training goes on");
  for (arma::uword e = 0; e < epochs; e += stride)
    addFitPanel(every5.panel(), data, modelAt(e), "epoch " + std::to_string(e), false);
  addFitPanel(every5.panel(), data, modelAt(epochs), "epoch " + std::to_string(epochs) + " (final)",
              false);
  every5.save();

  Figure lossFigure(out / "loss.png", 1100, 420);
  lossFigure.grid(1, 2);
  lossFigure.panel()
      .title("Epoch vs loss")
      .xlabel("epoch")
      .ylabel("mean squared error")
      .line(epoch, history.loss, "loss", "linespoints pt 7 ps 0.6 lc rgb 'black'");
  lossFigure.panel()
      .title("The same on a log scale: the error shrinks by a steady factor")
      .xlabel("epoch")
      .ylabel("mean squared error")
      .set("logscale y")
      .set("format y '10^{%L}'")
      .line(epoch, history.loss, "loss", "linespoints pt 7 ps 0.6 lc rgb 'black'");
  lossFigure.save();

  Figure parameters(out / "parameters.png", 1400, 420);
  parameters.grid(1, 3, "The parameters against epoch, true values dashed");
  const std::array<std::pair<const arma::vec*, double>, 3> traces{
      {{&history.a, truth.a}, {&history.b, truth.b}, {&history.c, truth.c}}};
  for (std::size_t k = 0; k < traces.size(); ++k) {
    const std::string name(1, "abc"[k]);
    parameters.panel()
        .title(name)
        .xlabel("epoch")
        .ylabel(name)
        .set("key right center")
        .set("offsets graph 0, 0, 0.05, 0.05")  // keeps the dashed true value off the frame
        .line(epoch, *traces[k].first, name)
        .hline(traces[k].second, "true " + name);
  }
  parameters.save();

  // The article's surface has a = 10 while its red path used the losses of the real run, in
  // which a varies: its points float off the surface. Here the path's heights are recomputed
  // on the surface itself, so the points lie on it.
  const arma::vec bs = arma::linspace(-5, 10, 61), cs = arma::linspace(3, 20, 69);
  const arma::mat surface = lossSurface(data, truth.a, bs, cs);
  arma::vec pathLoss(epochs + 1);
  for (arma::uword e = 0; e <= epochs; ++e)
    pathLoss(e) = loss(Neuron{truth.a, history.b(e), history.c(e)}(data.x), data.y);
  Figure landscape(out / "loss_surface.png", 1400, 600);
  landscape.grid(1, 2, "Gradient descent on the loss surface over (b, c), a held at 10");
  landscape.panel()
      .xlabel("b")
      .ylabel("c")
      .zlabel("loss")
      .set("view 55,35")
      .set("xyplane at 0")
      .surface(bs, cs, surface, "loss surface")
      .path(history.b, history.c, pathLoss, "gradient descent");
  landscape.panel()
      .title("seen from above")
      .xlabel("b")
      .ylabel("c")
      .set("view map")
      .set("size ratio -1")
      .set("cblabel 'loss'")
      .surface(bs, cs, surface, "", "pm3d")
      .path(history.b, history.c, pathLoss, "gradient descent",
            "linespoints pt 7 ps 0.8 lw 2 lc rgb 'red'");
  landscape.save();
}

}  // namespace quadratic_neuron

// ---------------------------------------------------------------------------------------------
// 10. The program: options, training, results
// ---------------------------------------------------------------------------------------------

#ifndef DL_CHAPTER_TEST  // the tests include this file and call the functions above directly
int main(int argc, char** argv) {
  using namespace quadratic_neuron;
  // [options]
  CLI::App app{"Chapter 1: one quadratic neuron y = a x^2 + b x + c learns a, b and c",
               "quadratic_neuron"};
  Settings settings;
  std::filesystem::path out;
  bool articleDc = false;
  app.add_option("--epochs", settings.epochs, "full-batch gradient steps")
      ->check(dl::cli::WholeNumber(1, 10'000'000))
      ->capture_default_str();
  dl::cli::addLearningRateOption(app, settings.learningRate, "step size alpha");
  app.add_option("--samples", settings.samples, "number of samples m")
      ->check(dl::cli::WholeNumber(1, 10'000'000))
      ->capture_default_str();
  app.add_flag("--article-dc", articleDc,
               "use the article's dL/dc = (1/m) sum(yhat - y), which lacks the factor 2");
  dl::cli::addSeedOption(app, settings.seed);
  dl::cli::addOutOption(app, out, "quadratic_neuron");
  // [options]

  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    settings.dcForm = articleDc ? Derivative::article : Derivative::exact;

    // [main]
    const Neuron truth{10, 5, 12};
    arma::arma_rng::set_seed(settings.seed);
    const Data data = makeData(settings.samples, truth);
    Neuron model;  // starts at (15, -2, 10)

    const arma::vec curvatures = arma::eig_sym(hessian(data.x));  // ascending
    std::cout << "A quadratic neuron learns y = 10 x^2 + 5 x + 12 from " << settings.samples
              << " samples (seed " << settings.seed << "),\nlearning rate "
              << dl::formatNumber(settings.learningRate) << ", dL/dc "
              << (articleDc ? "as in the article (no factor 2)" : "exact") << ".\n"
              << std::setprecision(3) << "The loss is a bowl with curvatures " << curvatures(0)
              << ", " << curvatures(1) << " and " << curvatures(2)
              << ":\ngradient descent is stable for learning rates below 2/" << curvatures(2)
              << " = " << 2 / curvatures(2) << ".\n\n";
    arma::wall_clock clock;
    clock.tic();
    const History history = train(model, data, settings, std::cout);
    const double trainSeconds = clock.toc();
    // [main]

    std::cout << "\nAfter " << settings.epochs << " epochs (true values in brackets):\n"
              << std::fixed << std::setprecision(4) << "  a = " << std::setw(8) << model.a
              << "  (10)\n  b = " << std::setw(8) << model.b << "  (5)\n  c = " << std::setw(8)
              << model.c << "  (12)\n"
              << std::defaultfloat << "  mean squared error " << history.loss(settings.epochs)
              << "\n  trained in " << std::setprecision(2) << trainSeconds * 1e3 << " ms\n";

    dl::writeCsv(out / "history.csv", {{"epoch", arma::regspace(0, settings.epochs)},
                                        {"a", history.a},
                                        {"b", history.b},
                                        {"c", history.c},
                                        {"loss", history.loss}});
    if (dl::plot::gnuplotAvailable())
      plotResults(out, data, history, truth);
    else
      std::cout << "plots skipped (gnuplot is not installed): fit_epoch_0, fit_final, "
                   "fit_every_5_epochs, loss, parameters, loss_surface\n";
    dl::writeJson(out / "summary.json", {{"a", model.a},
                                          {"b", model.b},
                                          {"c", model.c},
                                          {"final_loss", history.loss(settings.epochs)},
                                          {"epochs", settings.epochs},
                                          {"learning_rate", settings.learningRate},
                                          {"samples", settings.samples},
                                          {"seed", settings.seed},
                                          {"dc", articleDc ? "article" : "exact"},
                                          {"train_seconds", trainSeconds}});
    std::cout << "results in " << out.string() << "\n";
    return 0;
  });
}
#endif
