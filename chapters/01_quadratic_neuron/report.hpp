/// \file
/// \brief Chapter 1 around the mathematics: its options, what it prints, its plots and result
/// files. Included by main.cpp after the article's code, whose types it uses.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "dl/cli.hpp"
#include "dl/diagram.hpp"
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
      "use the article's dJ/dc = (1/m) sum(yhat - y), which lacks the factor 2");
  report.keep(dl::cli::addSeedOption(app, settings.seed), settings.seed);
  report.addOutOption(app);
  // [options]
}

/// The first lines of the run: the problem, the curvatures \f$h_1 \le h_2 \le h_3\f$ of the cost
/// (hessian()), and the largest stable learning rate for the derivative the run uses: with the
/// article's `dc` the steps feel other curvatures (stepCurvatures()).
inline void printProblem(std::ostream& out, const Data& data, const Settings& settings) {
  const arma::mat H = hessian(data.x);
  const arma::vec h = arma::eig_sym(H);  // ascending
  const arma::vec felt = stepCurvatures(H, settings.dcForm);
  const bool article = settings.dcForm == Derivative::article;
  out << "A quadratic neuron learns y = 10 x^2 + 5 x + 12 from " << settings.samples
      << " samples (seed " << settings.seed << "),\nlearning rate "
      << dl::formatNumber(settings.learningRate) << ", dJ/dc "
      << (article ? "as in the article (no factor 2)" : "exact") << ".\n"
      << std::setprecision(3) << "The loss is a bowl with curvatures " << h(0) << ", " << h(1)
      << " and " << h(2);
  if (article)
    out << "; the article's dJ/dc,\nwhich halves every step in c, makes the steps feel " << felt(0)
        << ", " << felt(1) << " and " << felt(2);
  out << ":\ngradient descent is stable for learning rates below 2/" << felt(2) << " = "
      << 2 / felt(2) << ".\n\n";
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

/// The article's picture: the real data in blue, the neuron's predictions in red. A small panel
/// of a grid (`small`) has no key and no axis labels, and fewer tick marks, so that its numbers
/// do not run into each other.
inline void addFitPanel(dl::plot::Panel& panel, const Data& data, const Neuron& model,
                        const std::string& title, bool small = false) {
  const arma::rowvec yHat = model(data.x);
  panel.title(title);
  if (small)
    panel.set("key off").set("xtics 2").set("ytics 50");
  else
    panel.xlabel("x").ylabel("y").set("key center top");
  panel.points(data.x, data.y, "real", "points pt 7 ps 0.35 lc rgb '#1f77b4'")
      .points(data.x, yHat, "predicted", "points pt 7 ps 0.35 lc rgb '#d62728'");
}

/// The neuron as the chapter page draws it, with the run's trained weights and bias: the inputs
/// \f$x^2\f$ and \f$x\f$ and the bias go into the weighted sum, the identity is the activation.
/// Small and left to right, so that it is read at a phone's width without shrinking.
inline std::string neuronPicture(const Neuron& model) {
  const auto value = [](const char* name, double v) {
    std::ostringstream text;
    text << name << " = " << std::fixed << std::setprecision(2) << v;
    return dl::diagram::quoted(text.str());
  };
  std::ostringstream dot;
  dot << "digraph neuron {\n"
         "  rankdir=LR; nodesep=0.25; ranksep=0.15; bgcolor=transparent; fontname=\"sans-serif\";\n"
         "  node [fontname=\"sans-serif\", fontsize=13, color=\"#33415c\", penwidth=1.2,"
         " shape=box, style=\"rounded,filled\", fillcolor=\"#e9ecef\", height=0.35, width=0.45];\n"
         "  edge [fontname=\"sans-serif\", fontsize=12, color=\"#7d8597\", arrowsize=0.6];\n"
         "  x2 [label=\"x²\"];\n"
         "  x [label=\"x\"];\n"
      << "  bias [label=" << value("bias\nc", model.c) << ", shape=plaintext, style=\"\"];\n"
      << "  sum [label=\"Σ\", shape=circle, fillcolor=\"#a9d6e5\", width=0.45, fixedsize=true];\n"
         "  g [label=\"identity\", fillcolor=\"#a9d6e5\"];\n"
         "  yhat [label=\"ŷ\", shape=plaintext, style=\"\", width=0.3];\n"
         "  { rank=same; bias; sum; }\n"  // the bias comes in from above
      << "  x2 -> sum [label=" << value("a", model.a) << "];\n"
      << "  x -> sum [label=" << value("b", model.b) << "];\n"
      << "  bias -> sum [style=dashed];\n"
         "  sum -> g [label=\"z\"];\n"
         "  g -> yhat;\n"
         "}\n";
  return dot.str();
}

/// Records the curvature analysis of the chapter's aside in summary.json: the curvatures
/// \f$h_1 \le h_2 \le h_3\f$ of this sample's cost and of the expected one for
/// \f$x \sim \mathcal{N}(0, 1)\f$, those the steps feel with the run's `dc`, the largest stable
/// learning rate (for this `dc` and for the exact one), the factors \f$1 - \alpha h\f$ by which
/// a step multiplies the error along the slowest and the steepest direction, the factor per epoch
/// they predict for the loss, the factor the loss really shrank by in the last 20 epochs, and how
/// the starting loss splits over the three directions, in percent (\f$J = \tfrac12 \Delta\theta^\top H
/// \Delta\theta\f$: direction \f$k\f$ holds \f$\tfrac12 h_k p_k^2\f$, \f$p_k\f$ the start's
/// distance from the truth along it).
inline void recordCurvatures(dl::Report& report, const Data& data, const History& history,
                             const Neuron& truth, const Settings& settings) {
  const auto list = [](const arma::vec& v) { return arma::conv_to<std::vector<double>>::from(v); };
  const arma::mat H = hessian(data.x);
  const arma::vec h = arma::eig_sym(H), felt = stepCurvatures(H, settings.dcForm);
  // The averages of x^4, x^3, x^2, x and 1 over x ~ N(0, 1) are 3, 0, 1, 0 and 1.
  const arma::mat expected = 2.0 * arma::mat{{3, 0, 1}, {0, 1, 0}, {1, 0, 1}};
  const double alpha = settings.learningRate;
  const arma::vec factors = 1 - alpha * felt;
  report.record("curvatures", list(h));
  report.record("expected_curvatures", list(arma::eig_sym(expected)));
  report.record("step_curvatures", list(felt));
  report.record("stability_limit", 2 / felt(2));
  report.record("stability_limit_exact", 2 / h(2));
  report.record("slow_factor", factors(0));
  report.record("steep_factor", factors(2));
  report.record("predicted_loss_factor", std::pow(arma::abs(factors).max(), 2));
  const arma::uword epochs = history.loss.n_elem - 1, window = std::min<arma::uword>(20, epochs);
  const double observed = std::pow(history.loss(epochs) / history.loss(epochs - window), 1.0 / window);
  if (std::isfinite(observed)) report.record("observed_loss_factor", observed);
  arma::vec curvature;  // h again, with the directions of the bowl as the columns of `directions`
  arma::mat directions;
  arma::eig_sym(curvature, directions, H);
  const arma::vec start = {history.a(0) - truth.a, history.b(0) - truth.b, history.c(0) - truth.c};
  const arma::vec parts = 0.5 * curvature % arma::square(directions.t() * start);
  report.record("start_loss_percent", list(100 * parts / arma::accu(parts)));
  report.record("c_lowest", history.c.min());
  report.record("c_lowest_epoch", history.c.index_min());
}

/// The factor between labelled ticks of a log axis over `values`: a power of ten that labels at
/// most about six of them, so that the labels do not run into each other.
inline std::string logTicStep(const arma::vec& values) {
  const arma::vec positive = values(arma::find(values > 0));
  if (positive.n_elem < 2) return "10";
  const double decades = std::log10(positive.max() / positive.min());
  return "1e" + std::to_string(std::max(1, static_cast<int>(std::ceil(decades / 6))));
}

/// Registers the history, the summary fields, the picture of the trained neuron and the six
/// figures of the results page.
inline void addOutputs(dl::Report& report, const Data& data, const History& history,
                       const Neuron& truth, const Neuron& model, const Settings& settings,
                       double seconds) {
  using dl::plot::Figure;
  const arma::uword epochs = history.loss.n_elem - 1;
  const arma::vec epoch = arma::regspace(0, epochs);
  const auto modelAt = [&history](arma::uword e) {
    return Neuron{history.a(e), history.b(e), history.c(e)};
  };
  report.csv("data", {{"x", data.x.t()}, {"y", data.y.t()}});  // the samples, for the page's panel
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
  recordCurvatures(report, data, history, truth, settings);
  report.diagram("neuron", neuronPicture(model));
  // The bowl over (b, c) with a held at 10: drawn below, and by the page's "Run it here" panel
  // from loss_surface.csv (one row per grid point).
  const arma::vec bs = arma::linspace(-5, 10, 61), cs = arma::linspace(3, 20, 69);
  const arma::mat surface = lossSurface(data, truth.a, bs, cs);
  report.csv("loss_surface", {{"b", arma::repmat(bs, cs.n_elem, 1)},
                              {"c", arma::vectorise(arma::repmat(cs.t(), bs.n_elem, 1))},
                              {"loss", arma::vectorise(surface)}});

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
    Figure every5(png, 1400, 1500);
    every5.grid(4, 3, "Real (blue) and predicted (red) values as training goes on");
    for (arma::uword e = 0; e < epochs; e += stride)
      addFitPanel(every5.panel(), data, modelAt(e), "epoch " + std::to_string(e), true);
    addFitPanel(every5.panel(), data, modelAt(epochs),
                "epoch " + std::to_string(epochs) + " (final)", true);
    every5.save();
  });
  report.plot("loss", [&history, epoch](const std::filesystem::path& png) {
    Figure lossFigure(png, 1100, 420);
    lossFigure.grid(1, 2);
    lossFigure.panel()
        .title("Epoch vs loss")
        .xlabel("epoch")
        .ylabel("mean squared error")
        .set("key off")
        .line(epoch, history.loss, "loss", "linespoints pt 7 ps 0.6 lc rgb 'black'");
    lossFigure.panel()
        .title("The same on a log scale")
        .xlabel("epoch")
        .ylabel("mean squared error")
        .set("logscale y")
        .set("format y '10^{%L}'")
        .set("ytics " + logTicStep(history.loss))
        .set("key off")
        .line(epoch, history.loss, "loss", "linespoints pt 7 ps 0.6 lc rgb 'black'");
    lossFigure.save();
  });
  report.plot("parameters", [&history, &truth, epoch](const std::filesystem::path& png) {
    // Tall enough that b's ten tic labels (-3 to 6) stand apart.
    Figure parameters(png, 1400, 600);
    parameters.grid(1, 3, "The parameters against epoch, true values dashed");
    const std::array<std::pair<const arma::vec*, double>, 3> traces{
        {{&history.a, truth.a}, {&history.b, truth.b}, {&history.c, truth.c}}};
    for (std::size_t k = 0; k < traces.size(); ++k) {
      const std::string name(1, "abc"[k]);
      parameters.panel()
          .title(name)
          .xlabel("epoch")
          .ylabel(name)
          .set("key off")  // the figure's title says which line is which
          .set("offsets graph 0, 0, 0.05, 0.05")  // keeps the dashed true value off the frame
          .line(epoch, *traces[k].first, name)
          .hline(traces[k].second, "true " + name);
    }
    parameters.save();
  });
  report.plot("loss_surface", [&data, &history, &truth, epochs, bs, cs,
                               surface](const std::filesystem::path& png) {
    // The article's surface has a = 10 while its red path used the losses of the real run, in
    // which a varies: its points float off the surface. Here the path's heights are recomputed
    // on the surface itself, so the points lie on it.
    arma::vec pathLoss(epochs + 1);
    for (arma::uword e = 0; e <= epochs; ++e)
      pathLoss(e) = loss(Neuron{truth.a, history.b(e), history.c(e)}(data.x), data.y);
    Figure landscape(png, 1400, 600);
    landscape.grid(1, 2, "Gradient descent on the loss surface over (b, c), a held at 10");
    landscape.panel()
        .xlabel("b")
        .ylabel("c")
        .zlabel("loss")
        // Upright above the z axis: turned along it, the label falls off the figure's left edge.
        .set("zlabel norotate offset 5,4")
        .set("view 55,35")
        .set("xyplane at 0")
        .set("xtics 5")
        .set("ytics 5")
        .set("ztics 50,50")  // a 0 at the floor's corner would run into the b axis' -5
        .surface(bs, cs, surface, "loss surface")
        .path(history.b, history.c, pathLoss, "gradient descent");
    landscape.panel()
        .title("seen from above")
        .xlabel("b")
        .ylabel("c")
        .set("view map")
        .set("size ratio -1")
        .set("xrange [-5:10]")
        .set("yrange [3:20]")
        .set("xtics 5")
        .set("cblabel 'loss'")
        .set("key off")  // the left panel names the path
        .surface(bs, cs, surface, "", "pm3d")
        .path(history.b, history.c, pathLoss, "gradient descent",
              "linespoints pt 7 ps 0.8 lw 2 lc rgb 'red'");
    landscape.save();
  });
}

}  // namespace quadratic_neuron
