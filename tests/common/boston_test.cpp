// The Boston table: the committed file, the loader's checks, the seeded split.
#include "dl/boston.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

const std::filesystem::path kFile = DL_DATA_DIR "/boston/boston.csv";

TEST(BostonFile, HasTheRecordedChecksum) {
  EXPECT_EQ(dl::test::sha256(kFile),
            "79ac716620024011b03c0c44d2bf99069b8173649181926d9109c25475a3804c");
}

TEST(BostonLoad, Reads506TractsOf13Features) {
  const auto data = dl::boston::load(kFile);
  ASSERT_EQ(data.X.n_rows, 13u);
  ASSERT_EQ(data.X.n_cols, 506u);
  // The first tract: 0.00632,18,2.31,0,0.538,6.575,65.2,4.09,1,296,15.3,396.9,4.98 -> 24.
  EXPECT_DOUBLE_EQ(data.X(0, 0), 0.00632);
  EXPECT_DOUBLE_EQ(data.X(11, 0), 396.9);
  EXPECT_DOUBLE_EQ(data.Y(0), 24);
  EXPECT_NEAR(arma::mean(data.Y), 22.5328, 1e-4);
  EXPECT_NEAR(arma::stddev(data.Y), 9.1971, 1e-4);  // the RMSE of predicting the mean
}

std::filesystem::path variant(std::size_t line, const std::string& replacement) {
  return dl::test::copyWithLine(kFile, line, replacement);
}

std::string loadError(const std::filesystem::path& path) {
  return dl::test::errorOf([&] { dl::boston::load(path); });
}

TEST(BostonLoad, BadInputsAreErrorsNamingFileAndLine) {
  const std::string header = "CRIM,ZN,INDUS,CHAS,NOX,RM,AGE,DIS,RAD,TAX,PTRATIO,B,LSTAT,MEDV";
  auto path = variant(1, "crim,ZN,INDUS,CHAS,NOX,RM,AGE,DIS,RAD,TAX,PTRATIO,B,LSTAT,MEDV");
  EXPECT_EQ(loadError(path), path.string() +
                                 ":1: the header is 'crim,ZN,INDUS,CHAS,NOX,RM,AGE,"
                                 "DIS,RAD,TAX,PTRATIO,B,LSTAT,MEDV', expected '" +
                                 header + "'");
  path = variant(5, "0.03237,0,2.18,0,0.458,6.998,45.8,6.0622,3,222,18.7,394.63,2.94");
  EXPECT_EQ(loadError(path), path.string() + ":5: 13 columns, expected 14");
  path = variant(5, "0.03237,0,2.18,0,0.458,6.998,45.8,6.0622,3,222,18.7,NA,2.94,33.4");
  EXPECT_EQ(loadError(path), path.string() + ":5: column 12: 'NA' is not a number");
}

TEST(BostonLoad, EmptyHeaderOnlyAndMissingFilesAreErrors) {
  const auto dir = dl::test::freshDir();
  std::ofstream(dir / "empty.csv").flush();
  EXPECT_EQ(loadError(dir / "empty.csv"), (dir / "empty.csv").string() + ": the file is empty");
  std::ofstream(dir / "header.csv")
      << "CRIM,ZN,INDUS,CHAS,NOX,RM,AGE,DIS,RAD,TAX,PTRATIO,B,LSTAT,MEDV\n";
  EXPECT_EQ(loadError(dir / "header.csv"),
            (dir / "header.csv").string() + ": the file has a header but no data");
  EXPECT_EQ(loadError(dir / "none.csv"), (dir / "none.csv").string() +
                                             ": no such file (it comes with the tutorial in "
                                             "data/boston/)");
}

TEST(BostonSplit, Is404And102DisjointAndTheSameForTheSameSeed) {
  const auto data = dl::boston::load(kFile);
  const auto a = dl::boston::split(data, 0.2, 7), b = dl::boston::split(data, 0.2, 7),
             c = dl::boston::split(data, 0.2, 8);
  EXPECT_EQ(a.trainRows.n_elem, 404u);
  EXPECT_EQ(a.testRows.n_elem, 102u);
  EXPECT_TRUE(arma::all(a.testRows == b.testRows));
  EXPECT_FALSE(arma::all(a.testRows == c.testRows));
  const arma::uvec all = arma::sort(arma::join_cols(a.trainRows, a.testRows));
  EXPECT_TRUE(arma::all(all == arma::regspace<arma::uvec>(0, 505)));  // disjoint, and complete
  EXPECT_DOUBLE_EQ(a.Xtest(3, 5), data.X(3, a.testRows(5)));
}

}  // namespace
