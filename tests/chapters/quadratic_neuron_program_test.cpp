// Chapter 1's program run as a reader runs it: files, determinism, options, failures.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "dl/plot.hpp"
#include "program.hpp"

namespace {
namespace fs = std::filesystem;
using dl::test::run;

using dl::test::program;

TEST(QuadraticNeuronProgram, WritesEveryPromisedFile) {
  const auto out = dl::test::freshDir();
  const auto result = run(program("--out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("epoch 45 --------> mean squared error"), std::string::npos);
  const auto summary = dl::test::readJson(out / "summary.json");
  for (const char* key : {"a", "b", "c", "final_loss", "epochs", "train_seconds", "curvatures",
                          "stability_limit", "predicted_loss_factor", "observed_loss_factor"})
    EXPECT_TRUE(summary.contains(key)) << key;
  EXPECT_EQ(summary["epochs"], 50);
  EXPECT_NEAR(summary["c"].get<double>(), 12, 0.02);
  double percent = 0;  // the starting loss split over the three directions of the bowl
  for (const auto& share : summary["start_loss_percent"]) percent += share.get<double>();
  EXPECT_NEAR(percent, 100, 1e-9);
  const std::string history = dl::test::readText(out / "history.csv");
  EXPECT_EQ(history.rfind("epoch,a,b,c,loss\n0,15,-2,10,", 0), 0u) << history.substr(0, 80);
  EXPECT_EQ(dl::test::countLines(history), 52u);  // header, epochs 0..49, the final row
  // The neuron's picture carries the trained weights and bias.
  const std::string neuron = dl::test::readText(out / "neuron.dot");
  for (const char* text : {"digraph neuron", "a = 10.00", "b = 5.00", "c = 11.99", "identity"})
    EXPECT_NE(neuron.find(text), std::string::npos) << text << "\n" << neuron;
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed: no plots";
  for (const char* plot :
       {"fit_epoch_0", "fit_final", "fit_every_5_epochs", "loss", "parameters", "loss_surface"})
    EXPECT_GT(fs::file_size(out / (std::string(plot) + ".png")), 5000u) << plot;
}

TEST(QuadraticNeuronProgram, TheSameSeedGivesTheSameHistory) {
  const auto dir = dl::test::freshDir();
  const std::string fast = " --samples 300 --epochs 20";
  ASSERT_EQ(run(program("--seed 7 --out " + (dir / "a").string() + fast)).status, 0);
  ASSERT_EQ(run(program("--seed 7 --out " + (dir / "b").string() + fast)).status, 0);
  ASSERT_EQ(run(program("--seed 8 --out " + (dir / "c").string() + fast)).status, 0);
  const auto a = dl::test::readText(dir / "a" / "history.csv");
  EXPECT_EQ(a, dl::test::readText(dir / "b" / "history.csv"));
  EXPECT_NE(a, dl::test::readText(dir / "c" / "history.csv"));
}

TEST(QuadraticNeuronProgram, TheArticleVariantIsRecordedInTheSummary) {
  const auto out = dl::test::freshDir();
  ASSERT_EQ(run(program("--article-dc --out " + out.string())).status, 0);
  const auto summary = dl::test::readJson(out / "summary.json");
  EXPECT_EQ(summary["dc"], "article");
  EXPECT_NEAR(summary["c"].get<double>(), 11.9, 0.2);
}

// The console's "stable for learning rates below 2/h = limit" is the limit of the derivative the
// run uses, the one summary.json records: the article's dc has its own, higher one.
TEST(QuadraticNeuronProgram, ThePrintedLimitIsThatOfTheDerivativeTheRunUses) {
  const auto dir = dl::test::freshDir();
  double exactLimit = 0;
  for (const std::string dc : {"", "--article-dc "}) {
    const auto out = dir / (dc.empty() ? "exact" : "article");
    const auto result = run(program(dc + "--epochs 5 --out " + out.string()));
    ASSERT_EQ(result.status, 0) << result.output;
    const auto summary = dl::test::readJson(out / "summary.json");
    const double limit = summary["stability_limit"];
    const auto at = result.output.find("stable for learning rates below 2/");
    ASSERT_NE(at, std::string::npos) << result.output;
    std::ostringstream printed;  // as the console prints it, to 3 significant digits
    printed << " = " << std::setprecision(3) << limit << ".\n";
    EXPECT_EQ(result.output.find(printed.str(), at), result.output.find(" = ", at))
        << printed.str() << result.output;
    EXPECT_DOUBLE_EQ(summary["stability_limit_exact"].get<double>(),
                     dc.empty() ? limit : exactLimit);
    if (dc.empty())
      exactLimit = limit;
    else
      EXPECT_GT(limit, exactLimit);
  }
}

TEST(QuadraticNeuronProgram, HelpListsTheOptionsWithTheirDefaults) {
  const auto result = run(program("--help"));
  EXPECT_EQ(result.status, 0);
  for (const char* text : {"--epochs", "50", "--learning-rate", "0.1", "--samples", "1000",
                           "--seed", "--out", "output/quadratic_neuron", "--article-dc"})
    EXPECT_NE(result.output.find(text), std::string::npos) << text;
}

struct BadOption {
  std::string options;
  std::string mentions;
};

void PrintTo(const BadOption& bad, std::ostream* os) {
  *os << "'" << bad.options << "'";
}

class QuadraticNeuronBadOption : public testing::TestWithParam<BadOption> {};

TEST_P(QuadraticNeuronBadOption, IsOneLineNamingTheOptionAndANonZeroExit) {
  const auto out = dl::test::freshDir();
  const auto result = run(program(GetParam().options + " --out " + (out / "o").string()));
  EXPECT_NE(result.status, 0);
  EXPECT_EQ(dl::test::countLines(result.output), 1u) << result.output;
  EXPECT_EQ(result.output.rfind("quadratic_neuron: error: ", 0), 0u) << result.output;
  EXPECT_NE(result.output.find(GetParam().mentions), std::string::npos) << result.output;
  EXPECT_FALSE(fs::exists(out / "o" / "history.csv"));  // nothing was done
}

INSTANTIATE_TEST_SUITE_P(
    Options, QuadraticNeuronBadOption,
    testing::Values(BadOption{"--epochs 0", "--epochs"}, BadOption{"--epochs -3", "--epochs"},
                    BadOption{"--epochs many", "--epochs"}, BadOption{"--samples 0", "--samples"},
                    BadOption{"--samples 1e99", "--samples"},
                    BadOption{"--learning-rate 0", "--learning-rate"},
                    BadOption{"--learning-rate -0.1", "--learning-rate"},
                    BadOption{"--learning-rate nan", "--learning-rate"},
                    BadOption{"--learning-rate inf", "--learning-rate"},
                    BadOption{"--seed -1", "--seed"}, BadOption{"--epoch 5", "--epoch"},
                    BadOption{"--epochs", "--epochs"}),
    [](const testing::TestParamInfo<BadOption>& info) {
      std::string name;  // "--learning-rate -0.1" -> "learning_rate_m0_1"
      const std::string text = info.param.options.substr(2) + " ";
      for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const bool minusSign =
            text[i] == '-' && std::isdigit(static_cast<unsigned char>(text[i + 1]));
        name += std::isalnum(static_cast<unsigned char>(text[i])) ? text[i] : minusSign ? 'm' : '_';
      }
      return name + "_" + std::to_string(info.index);
    });

TEST(QuadraticNeuronProgram, AnUnwritableOutFolderIsAnErrorBeforeAnyWork) {
  const auto dir = dl::test::freshDir();
  std::ofstream(dir / "file") << "x";
  const auto result = run(program("--out " + (dir / "file" / "out").string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "quadratic_neuron: error: --out " + (dir / "file" / "out").string() +
                               ": cannot create the folder: Not a directory\n");
}

TEST(QuadraticNeuronProgram, ADivergingRunSaysSoAndLeavesNoResult) {
  const auto out = dl::test::freshDir();
  ASSERT_EQ(run(program("--out " + out.string())).status, 0);  // an earlier, good result
  const auto result = run(program("--learning-rate 5 --out " + out.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("\nquadratic_neuron: error: training diverged: the loss grew from "
                               "112.2 to "),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("try a smaller --learning-rate"), std::string::npos);
  EXPECT_EQ(result.output.find("nan\n"), std::string::npos);  // no NaN printed as a result
  EXPECT_FALSE(fs::exists(out / "summary.json"));
}

TEST(QuadraticNeuronProgram, WithoutGnuplotItStillTrainsAndSaysWhichPlotsItSkipped) {
  const auto out = dl::test::freshDir();
  const auto result = run("env PATH=/nonexistent " + program("--out " + out.string()));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("plots skipped (gnuplot is not installed): fit_epoch_0"),
            std::string::npos)
      << result.output;
  EXPECT_TRUE(fs::exists(out / "summary.json"));
  EXPECT_TRUE(fs::exists(out / "history.csv"));
  EXPECT_FALSE(fs::exists(out / "loss.png"));
}

}  // namespace
