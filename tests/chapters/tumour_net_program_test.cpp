// Chapter 2's program run as a reader runs it: files, options, a missing data file.
#include <gtest/gtest.h>

#include "dl/plot.hpp"
#include "program.hpp"

namespace {
namespace fs = std::filesystem;
using dl::test::run;

using dl::test::program;

TEST(TumourNetProgram, AShortRunWritesEveryPromisedFile) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--iterations 2000 --out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("Cost after iteration 0: 0.673967"), std::string::npos);
  EXPECT_NE(result.output.find("683 samples (16 with a missing value dropped)"), std::string::npos);
  const auto summary = dl::test::readJson(out / "summary.json");
  for (const char* key : {"train_accuracy", "validation_accuracy", "confusion_matrix_validation",
                          "final_cost", "iterations", "train_seconds"})
    EXPECT_TRUE(summary.contains(key)) << key;
  EXPECT_EQ(summary["iterations"], 2000);
  EXPECT_GE(summary["validation_accuracy"].get<double>(), 0.95);
  EXPECT_EQ(summary["thresholds"].size(), 3u);
  const auto& m = summary["confusion_matrix_validation"];
  EXPECT_EQ(m[0][0].get<int>() + m[0][1].get<int>() + m[1][0].get<int>() + m[1][1].get<int>(), 182);
  EXPECT_EQ(dl::test::countLines(dl::test::readText(out / "history.csv")), 6u);  // 0..1500, 2000
  // The numbers the pages quote about the trained network and its landscape.
  EXPECT_GE(summary["hidden_zero_fraction"].get<double>(), 0);
  EXPECT_LE(summary["hidden_zero_fraction"].get<double>(), 1);
  EXPECT_LE(summary["hidden_units_never_active"].get<int>(), 15);
  const auto& landscape = summary["landscape"];
  EXPECT_GT(landscape["path_reach"].get<double>(), 0);
  EXPECT_GT(landscape["half_step_lowest_cost"].get<double>(), summary["final_cost"].get<double>());
  EXPECT_GE(landscape["half_step_highest_cost"].get<double>(),
            landscape["half_step_lowest_cost"].get<double>());
  // The picture of the network, with the sizes the run used (9 features, 15 hidden, 1 output).
  const std::string dot = dl::test::readText(out / "network.dot");
  for (const char* caption : {"input features\\n9 units", "hidden layer\\n15 units, ReLU",
                              "output\\n1 unit, sigmoid"})
    EXPECT_NE(dot.find(caption), std::string::npos) << caption << "\n" << dot;
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed: no plots";
  for (const char* plot : {"cost", "confusion_matrices", "loss_landscape"})
    EXPECT_GT(fs::file_size(out / (std::string(plot) + ".png")), 5000u) << plot;
}

TEST(TumourNetProgram, BadOptionsAreOneLineNamingTheOption) {
  const auto out = dl::test::freshDir();
  for (const std::string options :
       {"--iterations 0", "--learning-rate -1", "--hidden 0", "--threshold 1", "--threshold nan",
        "--threshold 0", "--seed 4294967296", "--iterations 1.5"}) {
    const auto result = run(program(options + " --out " + out.string()));
    EXPECT_EQ(result.status, 2) << options;
    EXPECT_EQ(dl::test::countLines(result.output), 1u) << result.output;
    EXPECT_NE(result.output.find("tumour_net: error: " + options.substr(0, options.find(' '))),
              std::string::npos)
        << result.output;
  }
}

TEST(TumourNetProgram, AMissingDataFileSaysWhichAndWhereToGetIt) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--data /nonexistent/wisconsin.data --out " + out.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "tumour_net: error: /nonexistent/wisconsin.data: no such file (it comes "
            "with the tutorial in data/wisconsin/)\n");
}

TEST(TumourNetProgram, ADivergingRunSaysSoAndLeavesNoSummary) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--learning-rate 100 --iterations 3000 --out " + out.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("tumour_net: error: training diverged: the loss grew from 0.674"),
            std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(out / "summary.json"));
}

}  // namespace
