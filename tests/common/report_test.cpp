// A program's outputs, declared once: kept options and recorded fields in summary.json, every
// registered plot drawn (or named as skipped), and where the results are.
#include "dl/report.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "dl/plot.hpp"
#include "program.hpp"

namespace {

// A program with only --out, parsed, its folder prepared: a fresh one per test.
struct Program {
  Program() {
    report.addOutOption(app);
    app.parse("--out " + out.string(), false);
    report.prepare();
  }
  CLI::App app;
  dl::Report report{"demo"};
  std::filesystem::path out = dl::test::freshDir() / "o";
};

TEST(Report, SummaryHoldsTheKeptOptionsAsParsedAndTheRecordedFields) {
  CLI::App app;
  double rate = 0.1;
  std::vector<unsigned> layers{13, 1};
  bool flag = false;
  dl::Report report("demo");
  report.keep(app.add_option("--learning-rate", rate), rate);
  report.keep(app.add_option("--layers", layers)->delimiter(','), layers, "improved_layers");
  report.keep(app.add_flag("--article-slips,!--no-article-slips", flag), flag);
  report.addOutOption(app);
  const auto out = dl::test::freshDir() / "o";
  app.parse("--learning-rate 0.25 --layers 13,5,1 --article-slips --out " + out.string(), false);
  report.prepare();
  report.record("final_loss", 1.5);
  std::ostringstream console;
  report.finish(console);
  const auto summary = dl::test::readJson(out / "summary.json");
  EXPECT_EQ(summary["learning_rate"], 0.25);
  EXPECT_EQ(summary["improved_layers"], nlohmann::json({13, 5, 1}));
  EXPECT_EQ(summary["article_slips"], true);
  EXPECT_EQ(summary["final_loss"], 1.5);
  EXPECT_EQ(summary.size(), 4u);
  EXPECT_EQ(console.str(), "results in " + out.string() + "\n");
}

TEST(Report, DrawsEveryRegisteredPlotInOrderOrNamesThemAll) {
  Program program;
  dl::Report& report = program.report;
  const std::filesystem::path& out = program.out;
  std::vector<std::filesystem::path> drawn;
  for (const char* name : {"loss", "fit", "surface"})
    report.plot(name, [&](const std::filesystem::path& png) { drawn.push_back(png); });
  EXPECT_EQ(report.plotNames(), (std::vector<std::string>{"loss", "fit", "surface"}));
  std::ostringstream console;
  report.finish(console);
  if (dl::plot::gnuplotAvailable()) {
    EXPECT_EQ(drawn, (std::vector<std::filesystem::path>{out / "loss.png", out / "fit.png",
                                                         out / "surface.png"}));
    EXPECT_EQ(console.str().find("skipped"), std::string::npos);
  } else {
    EXPECT_TRUE(drawn.empty());
    EXPECT_EQ(console.str().substr(0, console.str().find('\n')),
              "plots skipped (gnuplot is not installed): loss, fit, surface");
  }
}

TEST(Report, CsvGoesIntoTheOutputFolder) {
  Program program;
  dl::Report& report = program.report;
  const std::filesystem::path& out = program.out;
  report.csv("history", {{"epoch", {0, 1}}, {"loss", {2, 1}}});
  EXPECT_EQ(dl::test::readText(out / "history.csv"), "epoch,loss\n0,2\n1,1\n");
}

TEST(Report, DiagramGoesIntoTheOutputFolder) {
  Program program;
  program.report.diagram("network", "digraph { a -> b }\n");
  EXPECT_EQ(dl::test::readText(program.out / "network.dot"), "digraph { a -> b }\n");
}

TEST(Timed, ReturnsTheResultAndTheSecondsItTook) {
  int two = 2;
  const auto [value, seconds] = dl::timed([](int a, int& b) { return a + b; }, 40, two);
  EXPECT_EQ(value, 42);
  EXPECT_GE(seconds, 0.0);
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
