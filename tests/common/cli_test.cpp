// The shared option helpers: validation, error lines and exit statuses, the output folder.
#include "dl/cli.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

std::string validate(std::string text) {
  return dl::cli::FinitePositive(text);
}

TEST(FinitePositive, AcceptsPositiveFiniteNumbers) {
  EXPECT_EQ(validate("0.1"), "");
  EXPECT_EQ(validate("1e-8"), "");
  EXPECT_EQ(validate("5"), "");
}

TEST(FinitePositive, RejectsZeroNegativeNanInfAndText) {
  for (const char* bad : {"0", "-0.1", "nan", "inf", "-inf"})
    EXPECT_NE(validate(bad).find("finite number greater than 0"), std::string::npos) << bad;
  EXPECT_NE(validate("fast").find("'fast' is not a number"), std::string::npos);
}

TEST(WholeNumber, AcceptsPlainWholeNumbersInRange) {
  const auto check = dl::cli::WholeNumber(1, 100);
  for (std::string good : {"1", "50", "100"}) EXPECT_EQ(check(good), "") << good;
}

TEST(WholeNumber, RejectsEverythingElseSayingWhatItWants) {
  const auto check = dl::cli::WholeNumber(1, 100);
  for (std::string bad : {"0", "101", "-3", "5e1", "2.5", "many", "", " 7", "99999999999999999999"})
    EXPECT_EQ(check(bad), "must be a whole number from 1 to 100, got " + bad) << bad;
}

// Runs dl::cli::run on a tiny app with one option, capturing what it prints on stderr.
struct Outcome {
  int status;
  std::string stderrText;
  bool bodyRan;
};
Outcome runApp(
    std::vector<std::string> args, const std::function<int()>& body = [] { return 0; }) {
  CLI::App app{"test app", "toy"};
  double rate = 0.1;
  app.add_option("--learning-rate", rate)->check(dl::cli::FinitePositive);
  args.insert(args.begin(), "toy");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  bool ran = false;
  testing::internal::CaptureStderr();
  const int status = dl::cli::run(app, static_cast<int>(argv.size()), argv.data(), [&] {
    ran = true;
    return body();
  });
  return {status, testing::internal::GetCapturedStderr(), ran};
}

TEST(Run, BadOptionValueIsOneLineNamingTheOptionAndStatus2) {
  const auto outcome = runApp({"--learning-rate", "nan"});
  EXPECT_EQ(outcome.status, 2);
  EXPECT_FALSE(outcome.bodyRan);
  EXPECT_EQ(dl::test::countLines(outcome.stderrText), 1u) << outcome.stderrText;
  EXPECT_EQ(outcome.stderrText.rfind("toy: error: --learning-rate", 0), 0u) << outcome.stderrText;
}

TEST(Run, UnknownOptionIsAnError) {
  const auto outcome = runApp({"--learning-rat", "0.1"});
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.stderrText.find("--learning-rat"), std::string::npos) << outcome.stderrText;
}

TEST(Run, ErrorFromTheBodyIsOneLineAndStatus1) {
  const auto outcome = runApp({}, []() -> int { throw dl::Error("data.csv:3: bad value"); });
  EXPECT_EQ(outcome.status, 1);
  EXPECT_EQ(outcome.stderrText, "toy: error: data.csv:3: bad value\n");
}

TEST(Run, ReturnsTheBodysStatus) {
  EXPECT_EQ(runApp({"--learning-rate", "0.5"}, [] { return 0; }).status, 0);
}

TEST(PrepareOutputDir, CreatesNestedFoldersAndRemovesAStaleSummary) {
  const auto dir = dl::test::freshDir() / "a" / "b";
  dl::cli::prepareOutputDir(dir);
  EXPECT_TRUE(std::filesystem::is_directory(dir));
  std::ofstream(dir / "summary.json") << "{}";
  dl::cli::prepareOutputDir(dir);
  EXPECT_FALSE(std::filesystem::exists(dir / "summary.json"));
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(PrepareOutputDir, AFolderInsideAFileIsAnErrorNamingTheOption) {
  const auto file = dl::test::freshDir() / "plain-file";
  std::ofstream(file) << "x";
  try {
    dl::cli::prepareOutputDir(file / "out");
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("--out " + (file / "out").string() + ": cannot create", 0), 0u)
        << e.what();
  }
}

TEST(PrepareOutputDir, AnExistingFileIsNotAFolder) {
  const auto file = dl::test::freshDir() / "plain-file";
  std::ofstream(file) << "x";
  EXPECT_THROW(dl::cli::prepareOutputDir(file), dl::Error);
}

}  // namespace
