/// \file
/// \brief Chapter 3 around the mathematics: its options, what it prints, its plots and result
/// files. Included by main.cpp after the article's code, whose types it uses.
#pragma once

#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <string>

#include "dl/cli.hpp"
#include "dl/diagram.hpp"
#include "dl/error.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/report.hpp"

namespace boston_regression {

/// The command-line options. They shape the improved network; the article's stays as published,
/// with its gradient slips at most.
inline void addOptions(CLI::App& app, Settings& settings, dl::Report& report) {
  // [options]
  Recipe& improved = settings.improved;
  report
      .option(app, "--layers", improved.layers, "layer sizes of the improved network, 13,...,1",
              "improved_layers")
      ->delimiter(',')
      ->check(dl::cli::WholeNumber(1, 10'000));
  dl::cli::addLearningRateOption(app, improved.learningRate, "its learning rate");
  app.add_option("--iterations", improved.iterations, "its full-batch gradient steps")
      ->check(dl::cli::WholeNumber(1, 10'000'000))
      ->capture_default_str();
  app.add_option("--weight-decay", improved.lambda, "its L2 penalty lambda (0: none)")
      ->check(dl::cli::FiniteNonNegative)
      ->capture_default_str();
  app.add_flag("--standardize,!--no-standardize", improved.standardize,
               "standardise its features with the training rows' mean and deviation")
      ->capture_default_str();
  app.add_option("--split", settings.testFraction, "fraction of the samples held out for testing")
      ->check(dl::cli::Between(0, 1))
      ->capture_default_str();
  report
      .option(app, "--repeats", settings.repeats,
              "seeded splits the improved network is measured on")
      ->check(dl::cli::WholeNumber(1, 1000));
  const auto articleSlips = [&settings] { settings.article.slips = {true, true}; };
  app.add_flag_callback("--article-slips", articleSlips,
                        "train the article's network with the article's two gradient slips");
  app.add_option("--data", settings.dataFile, "the Boston housing CSV")->capture_default_str();
  report.keep(dl::cli::addSeedOption(app, settings.seed), settings.seed);
  report.addOutOption(app);
  // [options]
}

/// `--layers` must take the 13 features to the one price.
inline void checkLayers(const std::vector<arma::uword>& layers) {
  if (layers.size() < 2 || layers.front() != 13 || layers.back() != 1)
    throw dl::Error("--layers must start with 13 (the features) and end with 1 (the price)");
}

/// The data and the split.
inline void printProblem(std::ostream& out, const dl::boston::Data& data,
                         const dl::boston::Split& split, const Settings& settings) {
  out << "Boston housing: " << data.X.n_cols << " tracts, " << split.X.n_cols
      << " for training and " << split.Xtest.n_cols << " for testing (split seed " << settings.seed
      << ").\n\n";
}

/// The three models, in the order of the table.
inline std::vector<const Outcome*> inOrder(const Comparison& models) {
  return {&models.article, &models.improved, &models.leastSquares};
}

/// The comparison as a table, the baseline of predicting the mean, and the repeats' heading.
inline void printComparison(std::ostream& out, const Comparison& models,
                            const dl::boston::Split& split, const Settings& settings) {
  out << std::left << std::setw(22) << "model" << std::right << std::setw(12) << "train RMSE"
      << std::setw(12) << "test RMSE" << std::setw(12) << "seconds\n";
  for (const Outcome* o : inOrder(models)) {
    out << std::left << std::setw(22) << o->name << std::right << std::fixed;
    if (o->diverged.empty())
      out << std::setprecision(3) << std::setw(12) << o->trainRmse << std::setw(12) << o->testRmse
          << std::setw(11) << std::setprecision(4) << o->seconds << '\n';
    else
      out << "  " << o->diverged << '\n';
  }
  out << std::defaultfloat << "(predicting the training mean: test RMSE " << std::setprecision(4)
      << rmse(arma::rowvec(split.Ytest.n_elem, arma::fill::value(arma::mean(split.Y))), split.Ytest)
      << ")\n\nThe improved network (" << settings.improved.layers.size() - 1
      << (settings.improved.layers.size() == 2 ? " layer" : " layers") << ") and least squares on " << settings.repeats
      << (settings.repeats == 1 ? " seeded split:\n" : " seeded splits:\n");
}

/// The mean and spread of the repeats (in the fixed notation repeat() left the stream in).
inline void printMeans(std::ostream& out, const Repeats& r) {
  const bool several = r.improved.n_elem > 1;
  out << "  mean test RMSE: improved " << arma::mean(r.improved) << " (sd "
      << (several ? arma::stddev(r.improved) : 0.0) << "), least squares "
      << arma::mean(r.leastSquares) << " (sd " << (several ? arma::stddev(r.leastSquares) : 0.0)
      << ")\n";
}

/// A recipe's network as the picture draws it: the 13 features, the ReLU hidden layers, the
/// linear output, with the sizes the run really used.
inline std::string networkPicture(const Recipe& recipe) {
  const dl::diagram::Layer input{"input: the features", recipe.layers.front(), ""};
  std::vector layers{input};
  for (std::size_t l = 1; l + 1 < recipe.layers.size(); ++l)
    layers.push_back({"hidden layer " + std::to_string(l), recipe.layers[l], "ReLU"});
  layers.push_back({"output: the price", recipe.layers.back(), "linear"});
  return dl::diagram::network(layers);
}

/// Registers the two networks' pictures, the improved network's history, the summary fields, the cost curves, predicted
/// against actual prices, and the residuals.
inline void addOutputs(dl::Report& report, const Comparison& models, const Repeats& repeats,
                       const dl::boston::Split& split, const Settings& settings) {
  using dl::plot::Figure;
  const Outcome& net = models.improved;
  report.diagram("network_article", networkPicture(settings.article));
  report.diagram("network_improved", networkPicture(settings.improved));
  report.csv("history",
             {{"iteration", arma::regspace(0, net.costs.n_elem - 1)}, {"cost", net.costs}});
  nlohmann::json table = nlohmann::json::object();
  for (const Outcome* o : inOrder(models))
    table[o->name] = o->diverged.empty() ? nlohmann::json{{"train_rmse", o->trainRmse},
                                                          {"test_rmse", o->testRmse},
                                                          {"train_seconds", o->seconds}}
                                         : nlohmann::json{{"diverged", o->diverged}};
  report.record("models", table);
  report.record("train_seconds", models.article.seconds + net.seconds);
  report.record("improved_test_rmse_mean", arma::mean(repeats.improved));
  report.record("improved_test_rmse_per_split", repeats.improved);
  report.record("least_squares_test_rmse_mean", arma::mean(repeats.leastSquares));
  report.record("article_slips", settings.article.slips.reluAlwaysOne);

  report.plot("cost", [&models](const std::filesystem::path& png) {
    // Tall enough for the cost's formula along the y axis, which a shorter panel cuts off.
    Figure costs(png, 1200, 600);
    costs.grid(1, 2);
    for (const Outcome* o : inOrder(models)) {
      if (o->costs.is_empty()) continue;  // least squares, or a run that diverged
      costs.panel()
          .title(o->name)
          .xlabel("iteration")
          .ylabel("cost J = 1/(2m) sum (yhat - y)^2")
          .set("logscale y")
          .line(arma::regspace(0, o->costs.n_elem - 1), o->costs, "training cost");
    }
    costs.save();
  });
  // Predicted against actual, and the residuals: one panel per model that did not diverge.
  const auto byModel = [&models, &Ytest = split.Ytest](bool scatter) {
    return [&models, &Ytest, scatter](const std::filesystem::path& png) {
      const double top = 1.05 * Ytest.max();
      // Square panels of about 340 px, their titles on two lines and the key under each panel,
      // out of the points' way.
      Figure figure(png, 1400, scatter ? 700 : 560);
      figure.grid(1, int(inOrder(models).size()),
                  scatter ? "Test rows: predicted against actual price ($1000s)"
                          : "Test rows: residual (predicted - actual) against predicted");
      for (const Outcome* o : inOrder(models)) {
        if (!o->diverged.empty()) continue;
        std::ostringstream title;
        title << o->name << "\ntest RMSE " << std::fixed << std::setprecision(2) << o->testRmse;
        if (scatter)
          figure.panel()
              .title(title.str())
              .xlabel("actual")
              .ylabel("predicted")
              .set("size ratio -1")
              .set("xrange [0:" + dl::formatNumber(top) + "]")
              .set("yrange [0:" + dl::formatNumber(top) + "]")
              .set("xtics 10")
              .set("key below horizontal samplen 2")
              .points(Ytest, o->testPredictions, "test rows", "points pt 7 ps 0.5 lc rgb '#1f77b4'")
              .line(arma::vec{0, top}, arma::vec{0, top}, "y = x", "lines dt 2 lc rgb 'black'");
        else
          figure.panel()
              .title(o->name)
              .xlabel("predicted")
              .ylabel("residual")
              .set("key off")
              .set("xrange [0:" + dl::formatNumber(top) + "]")  // also when all are equal
              .points(o->testPredictions, arma::rowvec(o->testPredictions - Ytest), "residuals",
                      "points pt 7 ps 0.5 lc rgb '#d62728'")
              .hline(0, "zero", "lines dt 2 lc rgb 'black'");
      }
      figure.save();
    };
  };
  report.plot("predicted_vs_actual", byModel(true));
  report.plot("residuals", byModel(false));
}

}  // namespace boston_regression
