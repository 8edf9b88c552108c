/// \file
/// \brief Chapter 1 around the mathematics: its options, what it prints, its plots and result
/// files. Included by main.cpp after the article's code, whose types it uses.
#pragma once

#include <array>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <string>
#include <utility>

#include "dl/cli.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/report.hpp"

namespace quadratic_neuron {

/// The command-line options, each kept in summary.json under its own name.
inline void addOptions(CLI::App& app, Settings& settings, dl::Report& report) {
  // [options]
  report.option(app, "--epochs", settings.epochs, "full-batch gradient steps")
      ->check(dl::cli::WholeNumber(1, 10'000'000));
  report.keep(dl::cli::addLearningRateOption(app, settings.learningRate, "step size alpha"),
              settings.learningRate);
  report.option(app, "--samples", settings.samples, "number of samples m")
      ->check(dl::cli::WholeNumber(1, 10'000'000));
  app.add_flag_callback(
      "--article-dc", [&settings] { settings.dcForm = Derivative::article; },
      "use the article's dL/dc = (1/m) sum(yhat - y), which lacks the factor 2");
  report.keep(dl::cli::addSeedOption(app, settings.seed), settings.seed);
  report.addOutOption(app);
  // [options]
}

/// The first lines of the run: the problem, and the largest stable learning rate, from the
/// curvatures of the loss (hessian()).
inline void printProblem(std::ostream& out, const Data& data, const Settings& settings) {
  const arma::vec curvatures = arma::eig_sym(hessian(data.x));  // ascending
  out << "A quadratic neuron learns y = 10 x^2 + 5 x + 12 from " << settings.samples
      << " samples (seed " << settings.seed << "),\nlearning rate "
      << dl::formatNumber(settings.learningRate) << ", dL/dc "
      << (settings.dcForm == Derivative::article ? "as in the article (no factor 2)" : "exact")
      << ".\n"
      << std::setprecision(3) << "The loss is a bowl with curvatures " << curvatures(0) << ", "
      << curvatures(1) << " and " << curvatures(2)
      << ":\ngradient descent is stable for learning rates below 2/" << curvatures(2) << " = "
      << 2 / curvatures(2) << ".\n\n";
}

/// The learned parameters against the true ones, the final loss and the training time.
inline void printResults(std::ostream& out, const Neuron& model, const History& history,
                         double seconds) {
  const arma::uword epochs = history.loss.n_elem - 1;
  out << "\nAfter " << epochs << " epochs (true values in brackets):\n"
      << std::fixed << std::setprecision(4) << "  a = " << std::setw(8) << model.a
      << "  (10)\n  b = " << std::setw(8) << model.b << "  (5)\n  c = " << std::setw(8) << model.c
      << "  (12)\n"
      << std::defaultfloat << "  mean squared error " << history.loss(epochs) << "\n  trained in "
      << std::setprecision(2) << seconds * 1e3 << " ms\n";
}

/// The article's picture: the real data in blue, the neuron's predictions in red.
inline void addFitPanel(dl::plot::Panel& panel, const Data& data, const Neuron& model,
                        const std::string& title, bool withKey = true) {
  const arma::rowvec yHat = model(data.x);
  panel.title(title)
      .xlabel("x")
      .ylabel("y")
      .set(withKey ? "key center top" : "key off")
      .points(data.x, data.y, "real", "points pt 7 ps 0.35 lc rgb '#1f77b4'")
      .points(data.x, yHat, "predicted", "points pt 7 ps 0.35 lc rgb '#d62728'");
}

/// Registers the history, the summary fields and the six figures of the results page.
inline void addOutputs(dl::Report& report, const Data& data, const History& history,
                       const Neuron& truth, const Neuron& model, const Settings& settings,
                       double seconds) {
  using dl::plot::Figure;
  const arma::uword epochs = history.loss.n_elem - 1;
  const arma::vec epoch = arma::regspace(0, epochs);
  const auto modelAt = [&history](arma::uword e) {
    return Neuron{history.a(e), history.b(e), history.c(e)};
  };
  report.csv("history", {{"epoch", epoch},
                         {"a", history.a},
                         {"b", history.b},
                         {"c", history.c},
                         {"loss", history.loss}});
  report.record("a", model.a);
  report.record("b", model.b);
  report.record("c", model.c);
  report.record("final_loss", history.loss(epochs));
  report.record("dc", settings.dcForm == Derivative::article ? "article" : "exact");
  report.record("train_seconds", seconds);

  report.plot("fit_epoch_0", [&data, modelAt](const std::filesystem::path& png) {
    Figure first(png, 640, 400);
    addFitPanel(first.panel(), data, modelAt(0), "Real and predicted values at epoch 0");
    first.save();
  });
  report.plot("fit_final", [&data, modelAt, epochs](const std::filesystem::path& png) {
    Figure last(png, 640, 400);
    addFitPanel(last.panel(), data, modelAt(epochs),
                "Real and predicted values after epoch " + std::to_string(epochs));
    last.save();
  });
  report.plot("fit_every_5_epochs", [&data, modelAt, epochs](const std::filesystem::path& png) {
    // Every 5 epochs as in the article (every 10, 15, ... for long runs: at most a dozen panels).
    const arma::uword stride = 5 * ((epochs + 54) / 55);
    Figure every5(png, 1400, 900);
    every5.grid(3, 4, "Real (blue) and predicted (red) values as training goes on");
    for (arma::uword e = 0; e < epochs; e += stride)
      addFitPanel(every5.panel(), data, modelAt(e), "epoch " + std::to_string(e), false);
    addFitPanel(every5.panel(), data, modelAt(epochs),
                "epoch " + std::to_string(epochs) + " (final)", false);
    every5.save();
  });
  report.plot("loss", [&history, epoch](const std::filesystem::path& png) {
    Figure lossFigure(png, 1100, 420);
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
  });
  report.plot("parameters", [&history, &truth, epoch](const std::filesystem::path& png) {
    Figure parameters(png, 1400, 420);
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
  });
  report.plot("loss_surface", [&data, &history, &truth, epochs](const std::filesystem::path& png) {
    // The article's surface has a = 10 while its red path used the losses of the real run, in
    // which a varies: its points float off the surface. Here the path's heights are recomputed
    // on the surface itself, so the points lie on it.
    const arma::vec bs = arma::linspace(-5, 10, 61), cs = arma::linspace(3, 20, 69);
    const arma::mat surface = lossSurface(data, truth.a, bs, cs);
    arma::vec pathLoss(epochs + 1);
    for (arma::uword e = 0; e <= epochs; ++e)
      pathLoss(e) = loss(Neuron{truth.a, history.b(e), history.c(e)}(data.x), data.y);
    Figure landscape(png, 1400, 600);
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
  });
}

}  // namespace quadratic_neuron
