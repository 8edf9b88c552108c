// Result files: exact CSV text, JSON, atomic writes, numbers that read back exactly.
#include "dl/output.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "dl/error.hpp"
#include "dl/training.hpp"
#include "program.hpp"

namespace {

TEST(FormatNumber, ShortestTextThatReadsBackExactly) {
  EXPECT_EQ(dl::formatNumber(0.1), "0.1");
  EXPECT_EQ(dl::formatNumber(50), "50");
  EXPECT_EQ(dl::formatNumber(-2.5e-7), "-2.5e-07");
  for (double v : {1.0 / 3, 92.14450419287, 1e300, -4.9e-324})
    EXPECT_EQ(std::strtod(dl::formatNumber(v).c_str(), nullptr), v);
}

// The browser build's standard library has no std::to_chars for double; its stand-in must write
// the very text to_chars writes, in both of to_chars's forms and at every magnitude.
TEST(FormatNumber, PrintfStandInWritesWhatToCharsWrites) {
  arma::arma_rng::set_seed(3);
  std::vector<double> values = {0.0, -0.0, 0.1, 50, 1e-4, 1e-5, 1e5, 123456789, 1e21, 1e300,
                                5e-324, -2.5e-7, 0.07, 67000, 92.14450419287,
                                std::numeric_limits<double>::infinity()};
  for (int k = 0; k < 4000; ++k)
    values.push_back(arma::randn() * std::pow(10.0, arma::randi(arma::distr_param(-30, 30))));
  for (double v : values) EXPECT_EQ(dl::detail::shortestByPrintf(v), dl::formatNumber(v)) << v;
}

TEST(WriteCsv, HeaderThenOneLinePerRow) {
  const auto path = dl::test::freshDir() / "t.csv";
  dl::writeCsv(path, {{"epoch", {0, 1}}, {"loss", {92.5, 0.25}}});
  EXPECT_EQ(dl::test::readText(path), "epoch,loss\n0,92.5\n1,0.25\n");
  EXPECT_FALSE(std::filesystem::exists(path.string() + ".tmp"));
}

TEST(WriteCsv, ColumnsOfDifferentLengthsAreAnError) {
  const auto path = dl::test::freshDir() / "t.csv";
  EXPECT_THROW(dl::writeCsv(path, {{"a", {1, 2}}, {"b", {1}}}), dl::Error);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(WriteJson, ReadsBack) {
  const auto path = dl::test::freshDir() / "s.json";
  dl::writeJson(path, {{"a", 10.04}, {"epochs", 50}});
  const auto json = dl::test::readJson(path);
  EXPECT_EQ(json["a"], 10.04);
  EXPECT_EQ(json["epochs"], 50);
}

TEST(WriteFileAtomically, UnwritablePlaceIsAnErrorNamingTheFile) {
  const auto path = dl::test::freshDir() / "missing-folder" / "s.json";
  try {
    dl::writeFileAtomically(path, "{}");
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
}

TEST(DivergenceCheck, AcceptsLossesThatFallOrGrowModestly) {
  dl::DivergenceCheck check("epoch", 0.1);
  EXPECT_NO_THROW(check(100, 0));
  EXPECT_NO_THROW(check(3, 1));
  EXPECT_NO_THROW(check(100 * dl::DivergenceCheck::kGrowthLimit, 2));  // at the limit, not past
  EXPECT_NO_THROW(check(0, 3));
}

std::string divergenceMessage(std::initializer_list<double> losses, const std::string& step,
                              double rate) {
  dl::DivergenceCheck check(step, rate);
  long index = 0;
  try {
    for (double loss : losses) check(loss, index++);
  } catch (const dl::Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(DivergenceCheck, InfAndNanSayDivergedWhereAndWhatToDo) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(divergenceMessage({1, 2, inf}, "epoch", 5),
            "training diverged: the loss is inf at epoch 2 (--learning-rate 5); "
            "try a smaller --learning-rate");
  EXPECT_EQ(divergenceMessage({0.69, std::nan("")}, "iteration", 0.07),
            "training diverged: the loss is nan at iteration 1 (--learning-rate 0.07); "
            "try a smaller --learning-rate");
}

TEST(DivergenceCheck, ARunThatEndsAboveItsStartDiverged) {
  dl::DivergenceCheck check("epoch", 0.28);
  check(112.24, 0);
  check(5e3, 1);
  try {
    check.finish(3.22e6, 50);
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_STREQ(e.what(),
                 "training diverged: the loss grew from 112.2 to 3.22e+06 by epoch 50 "
                 "(--learning-rate 0.28); try a smaller --learning-rate");
  }
  dl::DivergenceCheck good("epoch", 0.1);
  good(112.24, 0);
  good(500, 1);  // a rise on the way is allowed
  EXPECT_NO_THROW(good.finish(1e-5, 50));
}

TEST(DivergenceCheck, GrowthPastTheLimitIsDivergenceBeforeAnyOverflow) {
  EXPECT_EQ(divergenceMessage({112.24, 5e4, 2.3e8, 1e12}, "epoch", 5),
            "training diverged: the loss grew from 112.2 to 2.3e+08 by epoch 2 "
            "(--learning-rate 5); try a smaller --learning-rate");
}

}  // namespace
