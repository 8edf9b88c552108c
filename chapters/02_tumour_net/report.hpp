/// \file
/// \brief Chapter 2 around the mathematics: its options, what it prints, its plots and result
/// files. Included by main.cpp after the article's code, whose types it uses.
#pragma once

#include <filesystem>
#include <iomanip>
#include <cmath>
#include <limits>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "dl/cli.hpp"
#include "dl/diagram.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/report.hpp"

namespace tumour_net {

/// The command-line options, each kept in summary.json under its own name (but the data file's).
inline void addOptions(CLI::App& app, Settings& settings, dl::Report& report) {
  // [options]
  report.option(app, "--iterations", settings.iterations, "full-batch gradient steps")
      ->check(dl::cli::WholeNumber(1, 100'000'000));
  report.keep(dl::cli::addLearningRateOption(app, settings.learningRate, "step size alpha"),
              settings.learningRate);
  report.option(app, "--hidden", settings.hidden, "units in the hidden layer")
      ->check(dl::cli::WholeNumber(1, 10'000));
  report.option(app, "--threshold", settings.threshold, "predict malignant when yhat > threshold")
      ->check(dl::cli::Between(0, 1));
  app.add_option("--data", settings.dataFile, "the UCI breast-cancer-wisconsin.data file")
      ->capture_default_str();
  report.keep(dl::cli::addSeedOption(app, settings.seed, std::numeric_limits<std::uint32_t>::max()),
              settings.seed);
  report.addOutOption(app);
  // [options]
}

/// The data and the network, before training.
inline void printProblem(std::ostream& out, const dl::wisconsin::Data& data, const arma::mat& X,
                         const arma::mat& Xval, const Settings& settings) {
  out << "Wisconsin breast-cancer data: " << data.X.n_cols << " samples (" << data.dropped
      << " with a missing value dropped); training on " << X.n_cols << ", validating on "
      << Xval.n_cols << ".\n"
      << "9-" << settings.hidden << "-1 network, learning rate "
      << dl::formatNumber(settings.learningRate) << ", " << settings.iterations
      << " iterations, seed " << settings.seed << ".\n\n";
}

/// How long training took, in all and per iteration.
inline void printTiming(std::ostream& out, double seconds, const Settings& settings) {
  out << "\nTrained in " << std::setprecision(2) << seconds << " s (" << std::setprecision(2)
      << seconds / double(settings.iterations) * 1e6 << " us per iteration).\n";
}

/// A confusion matrix as JSON, `[[TN, FP], [FN, TP]]`.
inline nlohmann::json toJson(const arma::umat& counts) {
  return {{counts(0, 0), counts(0, 1)}, {counts(1, 0), counts(1, 1)}};
}

/// Accuracy and confusion matrices on both sets at the chosen threshold first, then at the
/// article's 0.5, 0.7 and 0.9: printed, and returned for summary.json and the plots.
inline nlohmann::json printAccuracies(std::ostream& out, const Net& net, const arma::mat& X,
                                      const arma::rowvec& Y, const arma::mat& Xval,
                                      const arma::rowvec& Yval, const Settings& settings) {
  std::vector<double> shown{settings.threshold};
  for (double t : {0.5, 0.7, 0.9})
    if (t != settings.threshold) shown.push_back(t);
  nlohmann::json thresholds = nlohmann::json::array();
  for (double threshold : shown) {
    const arma::umat train = confusion(predict(net, X, threshold), Y);
    const arma::umat val = confusion(predict(net, Xval, threshold), Yval);
    out << "\nThreshold " << dl::formatNumber(threshold) << ":\n"
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
  return thresholds;
}

/// The loss landscape's numbers: the cost on a grid of the plane through the trained parameters
/// spanned by two random filter-normalised directions, the training path projected on it, and the
/// cost half a step (s^2 + t^2 = 0.25) from the trained point, which the results page quotes.
struct Landscape {
  arma::vec grid;          ///< the coordinates s and t of the grid, from -reach to reach
  arma::mat slice;         ///< the cost at (grid(i), grid(j))
  arma::vec s, t;          ///< every recorded point of training, projected on the plane
  arma::vec pathCost;      ///< the cost at those projected points
  double pathReach = 0;    ///< the largest |s| or |t| of the projected path
  arma::vec halfStepCost;  ///< the cost at 72 points on the circle of radius 1/2
};

/// Draws the two directions (Armadillo's generator, seeded in main()) and computes the Landscape.
inline Landscape lossLandscape(const Net& net, const arma::mat& X, const arma::rowvec& Y,
                               const History& history) {
  const Net d1 = filterNormalisedDirection(net), d2 = filterNormalisedDirection(net);
  Landscape l;
  l.s.set_size(history.snapshots.size());
  l.t.set_size(history.snapshots.size());
  for (std::size_t k = 0; k < history.snapshots.size(); ++k) {
    const arma::vec2 st = project(history.snapshots[k], net, d1, d2);
    l.s(k) = st(0);
    l.t(k) = st(1);
  }
  l.pathReach = std::max(arma::abs(l.s).max(), arma::abs(l.t).max());
  l.grid = arma::linspace(-std::max(1.0, 1.1 * l.pathReach), std::max(1.0, 1.1 * l.pathReach), 61);
  l.slice = lossSlice(net, d1, d2, l.grid, l.grid, X, Y);
  Cache ch;
  const auto costAt = [&](double s, double t) {
    forward(offset(net, s, d1, t, d2), X, ch);
    return cost(ch.Z2, Y);
  };
  l.pathCost.set_size(l.s.n_elem);
  for (arma::uword k = 0; k < l.s.n_elem; ++k) l.pathCost(k) = costAt(l.s(k), l.t(k));
  l.halfStepCost.set_size(72);
  for (arma::uword k = 0; k < 72; ++k)
    l.halfStepCost(k) = costAt(0.5 * std::cos(k * arma::datum::pi / 36),
                               0.5 * std::sin(k * arma::datum::pi / 36));
  return l;
}

/// Writes the picture of the network, the history, the summary fields, and registers the cost
/// curve, the confusion matrices and the loss landscape.
inline void addOutputs(dl::Report& report, const Net& net, const arma::mat& X,
                       const arma::rowvec& Y, const arma::mat& Xval, const arma::rowvec& Yval,
                       const History& history, const nlohmann::json& thresholds,
                       const Settings& settings, double seconds) {
  using dl::plot::Figure;
  // [network]
  report.diagram("network", dl::diagram::network({{"input features", net.W1.n_cols, ""},
                                                  {"hidden layer", net.W1.n_rows, "ReLU"},
                                                  {"output", net.W2.n_rows, "sigmoid"}}));
  // [network]
  report.csv("history",
             {{"iteration", arma::vec(history.iteration)}, {"cost", arma::vec(history.cost)}});
  const auto& chosen = thresholds.front();
  report.record("train_accuracy", chosen["train_accuracy"]);
  report.record("validation_accuracy", chosen["validation_accuracy"]);
  report.record("confusion_matrix_validation", chosen["confusion_matrix_validation"]);
  report.record("thresholds", thresholds);
  report.record("final_cost", history.cost.back());
  {  // how many hidden values the trained ReLUs set to 0 (the concepts page quotes it)
    Cache ch;
    forward(net, X, ch);
    report.record("hidden_zero_fraction", double(arma::accu(ch.A1 == 0)) / double(ch.A1.n_elem));
    report.record("hidden_units_never_active", arma::accu(arma::max(ch.A1, 1) == 0));
  }
  report.record("train_seconds", seconds);
  // Every sample's prediction and label: the page's panel moves the threshold over them.
  for (const auto& [name, Xs, Ys] :
       {std::tuple{"train", &X, &Y}, std::tuple{"validation", &Xval, &Yval}}) {
    Cache ch;
    forward(net, *Xs, ch);
    report.csv(std::string("predictions_") + name, {{"yhat", ch.Yh.t()}, {"y", Ys->t()}});
  }

  const std::string costTitle = "Lr = " + dl::formatNumber(settings.learningRate);
  report.plot("cost", [&history, costTitle](const std::filesystem::path& png) {
    Figure costFigure(png, 800, 450);
    costFigure.panel()
        .title(costTitle)
        .xlabel("iteration")
        .ylabel("cost (binary cross-entropy)")
        .set("logscale y")
        .line(history.iteration, history.cost, "training cost");
    costFigure.save();
  });
  report.plot("confusion_matrices", [thresholds](const std::filesystem::path& png) {
    Figure matrices(png, 1200, 700);
    matrices.grid(2, int(thresholds.size()),
                  "Confusion matrices, rows: true class, columns: predicted");
    for (const char* set : {"train", "validation"})
      for (const auto& t : thresholds) {
        const auto m = t["confusion_matrix_" + std::string(set)];
        const arma::mat counts = {{m[0][0], m[0][1]}, {m[1][0], m[1][1]}};
        matrices.panel()
            .title(std::string(set) + " at " + dl::formatNumber(t["threshold"]))
            .set("palette defined (0 '#ffffff', 1 '#9ecae1', 2 '#4292c6')")
            .unset("colorbox")  // the counts are written in the cells
            .heatmap(counts, {"benign", "malignant"}, {"benign", "malignant"}, "%g")
            .set("xtics rotate by 25 right")  // the two names side by side would overlap
            // gnuplot keeps room on the right for a turned tic label as if it ran that way: in
            // the last column that squeezed the cells until the two names ran together.
            .set("rmargin 2");
      }
    matrices.save();
  });
  const Landscape landscape = lossLandscape(net, X, Y, history);
  report.record("landscape", {{"path_reach", landscape.pathReach},
                              {"half_step_lowest_cost", landscape.halfStepCost.min()},
                              {"half_step_highest_cost", landscape.halfStepCost.max()}});
  // The slice and the path as numbers too, for the page's panel.
  report.csv("landscape", {{"s", arma::repmat(landscape.grid, landscape.grid.n_elem, 1)},
                           {"t", arma::vectorise(arma::repmat(landscape.grid.t(), landscape.grid.n_elem, 1))},
                           {"cost", arma::vectorise(landscape.slice)}});
  report.csv("landscape_path", {{"s", landscape.s}, {"t", landscape.t}, {"cost", landscape.pathCost}});
  report.plot("loss_landscape", [landscape](const std::filesystem::path& png) {
    Figure figure(png, 1400, 620);
    figure.grid(1, 2,
                "The training cost around the trained network, along two random "
                "filter-normalised directions");
    figure.panel()
        .xlabel("s (d1)")
        .ylabel("t (d2)")
        .zlabel("cost")
        .set("view 55,35")
        .set("xyplane at 0")
        .set("logscale z")
        .set("ztics 0.1,10")  // a 0.01 at the floor's corner would run into the s axis' -1
        .surface(landscape.grid, landscape.grid, landscape.slice, "cost on the plane")
        .path(landscape.s, landscape.t, landscape.pathCost, "training, projected");
    figure.panel()
        .title("contours, seen from above")
        .xlabel("s (d1)")
        .ylabel("t (d2)")
        .set("view map")
        .set("size ratio -1")
        .set("key off")  // the left panel has the legend; here it would cover the map
        .set("logscale cb")
        .set("cblabel 'cost'")
        .surface(landscape.grid, landscape.grid, landscape.slice, "", "pm3d")
        .path(landscape.s, landscape.t, landscape.pathCost, "training, projected",
              "linespoints pt 7 ps 0.6 lw 2 lc rgb 'red'");
    figure.save();
  });
}

}  // namespace tumour_net
