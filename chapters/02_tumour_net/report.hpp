/// \file
/// \brief Chapter 2 around the mathematics: its options, what it prints, its plots and result
/// files. Included by main.cpp after the article's code, whose types it uses.
#pragma once

#include <filesystem>
#include <iomanip>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "dl/cli.hpp"
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

/// Registers the history, the summary fields, the cost curve, the confusion matrices and the
/// loss landscape.
inline void addOutputs(dl::Report& report, const Net& net, const arma::mat& X,
                       const arma::rowvec& Y, const History& history,
                       const nlohmann::json& thresholds, const Settings& settings, double seconds) {
  using dl::plot::Figure;
  report.csv("history",
             {{"iteration", arma::vec(history.iteration)}, {"cost", arma::vec(history.cost)}});
  const auto& chosen = thresholds.front();
  report.record("train_accuracy", chosen["train_accuracy"]);
  report.record("validation_accuracy", chosen["validation_accuracy"]);
  report.record("confusion_matrix_validation", chosen["confusion_matrix_validation"]);
  report.record("thresholds", thresholds);
  report.record("final_cost", history.cost.back());
  report.record("train_seconds", seconds);

  report.plot("cost", [&history, rate = settings.learningRate](const std::filesystem::path& png) {
    Figure costFigure(png, 800, 450);
    costFigure.panel()
        .title("Lr = " + dl::formatNumber(rate))
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
            .title(std::string(set) + ", threshold " + dl::formatNumber(t["threshold"]))
            .set("palette defined (0 '#ffffff', 1 '#6baed6', 2 '#08519c')")
            .set("cbtics 100")
            .heatmap(counts, {"benign", "malignant"}, {"benign", "malignant"}, "%g");
      }
    matrices.save();
  });
  report.plot("loss_landscape", [&net, &X, &Y, &history](const std::filesystem::path& png) {
    // Two random, filter-normalised directions through the trained parameters, and where the
    // trajectory of training falls on that plane.
    const Net d1 = filterNormalisedDirection(net), d2 = filterNormalisedDirection(net);
    arma::vec alpha(history.snapshots.size()), beta(history.snapshots.size());
    for (std::size_t k = 0; k < history.snapshots.size(); ++k) {
      const arma::vec2 ab = project(history.snapshots[k], net, d1, d2);
      alpha(k) = ab(0);
      beta(k) = ab(1);
    }
    const double reach =
        std::max(1.0, 1.1 * std::max(arma::abs(alpha).max(), arma::abs(beta).max()));
    const arma::vec grid = arma::linspace(-reach, reach, 61);
    const arma::mat slice = lossSlice(net, d1, d2, grid, grid, X, Y);
    arma::vec pathCost(alpha.n_elem);
    Cache ch;
    for (arma::uword k = 0; k < alpha.n_elem; ++k) {
      forward(offset(net, alpha(k), d1, beta(k), d2), X, ch);
      pathCost(k) = cost(ch.Z2, Y);
    }
    Figure landscape(png, 1400, 620);
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
  });
}

}  // namespace tumour_net
