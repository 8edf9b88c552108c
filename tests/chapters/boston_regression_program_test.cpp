// Chapter 3's program run as a reader runs it: files, options, a missing data file.
#include <gtest/gtest.h>

#include "dl/plot.hpp"
#include "program.hpp"

namespace {
namespace fs = std::filesystem;
using dl::test::run;

using dl::test::program;

TEST(BostonProgram, OneLayerAndOneSplitAreCountedInTheSingular) {
  const auto out = dl::test::freshDir();
  const auto result =
      run(program("--layers 13,1 --weight-decay 0 --iterations 50 --repeats 1 --out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("The improved network (1 layer) and least squares on 1 seeded split:"),
            std::string::npos)
      << result.output;
  const std::string improved = dl::test::readText(out / "network_improved.dot");
  EXPECT_EQ(improved.find("hidden layer"), std::string::npos) << improved;
}

TEST(BostonProgram, AShortRunWritesEveryPromisedFile) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--iterations 300 --repeats 2 --out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("506 tracts, 404 for training and 102 for testing"),
            std::string::npos);
  const auto summary = dl::test::readJson(out / "summary.json");
  for (const char* model : {"as in the article", "improved", "least squares"})
    for (const char* key : {"train_rmse", "test_rmse"})
      EXPECT_TRUE(summary["models"][model].contains(key)) << model << " " << key;
  EXPECT_TRUE(summary.contains("train_seconds"));
  EXPECT_EQ(summary["improved_test_rmse_per_split"].size(), 2u);
  EXPECT_EQ(dl::test::countLines(dl::test::readText(out / "history.csv")), 302u);
  // The pictures of both networks, with the sizes the run used.
  const std::string article = dl::test::readText(out / "network_article.dot");
  const std::string improved = dl::test::readText(out / "network_improved.dot");
  EXPECT_NE(article.find("hidden layer 2\\n5 units, ReLU"), std::string::npos) << article;
  EXPECT_EQ(article.find("hidden layer 3"), std::string::npos) << article;
  EXPECT_NE(improved.find("hidden layer 2\\n32 units, ReLU"), std::string::npos) << improved;
  EXPECT_NE(improved.find("output: the price\\n1 unit, linear"), std::string::npos) << improved;
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed: no plots";
  for (const char* plot : {"cost", "predicted_vs_actual", "residuals"})
    EXPECT_GT(fs::file_size(out / (std::string(plot) + ".png")), 5000u) << plot;
}

TEST(BostonProgram, ADivergingArticleModelIsReportedNotFatal) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--seed 6 --iterations 300 --repeats 1 --out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("as in the article       training diverged"), std::string::npos)
      << result.output;
  const auto summary = dl::test::readJson(out / "summary.json");
  EXPECT_TRUE(summary["models"]["as in the article"].contains("diverged"));
  EXPECT_FALSE(summary["models"]["as in the article"].contains("test_rmse"));
}

TEST(BostonProgram, ADivergingImprovedModelStopsTheProgram) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--learning-rate 5 --repeats 1 --out " + out.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("boston_regression: error: training diverged"), std::string::npos)
      << result.output;
  EXPECT_FALSE(fs::exists(out / "summary.json"));
}

TEST(BostonProgram, BadOptionsAreOneLineNamingTheOption) {
  const auto out = dl::test::freshDir();
  const std::vector<std::pair<std::string, std::string>> cases{
      {"--layers 12,5,1", "--layers must start with 13"},
      {"--layers 13,5,2", "--layers must start with 13"},
      {"--layers 13,0,1", "--layers"},
      {"--layers 13,x,1", "--layers"},
      {"--split 0", "--split"},
      {"--split 1", "--split"},
      {"--weight-decay -1", "--weight-decay"},
      {"--repeats 0", "--repeats"},
      {"--learning-rate inf", "--learning-rate"}};
  for (const auto& [options, mentions] : cases) {
    const auto result = run(program(options + " --out " + out.string()));
    EXPECT_NE(result.status, 0) << options;
    EXPECT_EQ(dl::test::countLines(result.output), 1u) << result.output;
    EXPECT_EQ(result.output.rfind("boston_regression: error: ", 0), 0u) << result.output;
    EXPECT_NE(result.output.find(mentions), std::string::npos) << result.output;
  }
}

TEST(BostonProgram, AMissingDataFileSaysWhichAndWhereToGetIt) {
  const auto result =
      run(program("--data /nonexistent/boston.csv --out " + dl::test::freshDir().string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            "boston_regression: error: /nonexistent/boston.csv: no such file (it "
            "comes with the tutorial in data/boston/)\n");
}

}  // namespace
