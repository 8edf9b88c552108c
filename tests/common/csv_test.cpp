// The strict CSV reader every data loader is built on.
#include "dl/csv.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <fstream>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto path = dl::test::freshDir() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

using dl::test::errorOf;

TEST(CsvFile, ReadsFieldsAndLineNumbersSkippingBlankLinesAndCarriageReturns) {
  const dl::CsvFile csv(write("a.csv", "1,2,3\r\n\n  \n4,,x\n"));
  ASSERT_EQ(csv.rows().size(), 2u);
  EXPECT_EQ(csv.rows()[0].line, 1u);
  EXPECT_EQ(csv.rows()[0].fields, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(csv.rows()[1].line, 4u);
  EXPECT_EQ(csv.rows()[1].fields, (std::vector<std::string>{"4", "", "x"}));
}

TEST(CsvFile, AMissingFileSaysWhereItLookedAndHowToGetIt) {
  const auto path = dl::test::freshDir() / "none.csv";
  EXPECT_EQ(errorOf([&] { dl::CsvFile(path, "run ./setup.sh"); }),
            path.string() + ": no such file (run ./setup.sh)");
}

TEST(CsvFile, AnEmptyFileIsAnError) {
  const auto path = write("empty.csv", "\n\n");
  EXPECT_EQ(errorOf([&] { dl::CsvFile{path}; }), path.string() + ": the file is empty");
}

TEST(CsvFile, WrongColumnCountNamesFileAndLine) {
  const auto path = write("a.csv", "1,2,3\n1,2\n");
  const dl::CsvFile csv(path);
  EXPECT_NO_THROW(csv.requireColumns(csv.rows()[0], 3));
  EXPECT_EQ(errorOf([&] { csv.requireColumns(csv.rows()[1], 3); }),
            path.string() + ":2: 2 columns, expected 3");
}

TEST(CsvFile, NumbersAreParsedStrictly) {
  const auto path = write("a.csv", "3,-0.5,1e-3,abc,,1.5x,nan,inf, 2\n");
  const dl::CsvFile csv(path);
  const auto& row = csv.rows()[0];
  EXPECT_EQ(csv.number(row, 0), 3);
  EXPECT_EQ(csv.number(row, 1), -0.5);
  EXPECT_EQ(csv.number(row, 2), 1e-3);
  const std::vector<std::string> bad{"abc", "", "1.5x", "nan", "inf", " 2"};
  for (std::size_t k = 0; k < bad.size(); ++k)
    EXPECT_EQ(errorOf([&] { csv.number(row, 3 + k); }), path.string() + ":1: column " +
                                                             std::to_string(4 + k) + ": '" +
                                                             bad[k] + "' is not a number");
}

// The browser build reads numbers with std::strtod (its library has no std::from_chars for
// double): it must accept and refuse exactly what from_chars does.
TEST(CsvFile, StrtodStandInReadsAsFromChars) {
  for (const std::string field : {"3", "-0.5", "1e-3", "1E5", "0.07", "92.14450419287", "-0", ".5",
                                  "5.", "1e400", "", " 1", "+1", "1 ", "0x1A", "1,5", "abc",
                                  "1e", "--1", "nan", "inf"}) {
    double expected = 0, got = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), expected);
    const bool read = ec == std::errc() && end == field.data() + field.size();
    EXPECT_EQ(dl::detail::readByStrtod(field, got), read) << "'" << field << "'";
    if (read && !std::isnan(expected)) {
      EXPECT_EQ(got, expected) << "'" << field << "'";
    }
  }
}

}  // namespace
