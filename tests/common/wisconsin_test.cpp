// The Wisconsin data as the article prepares it: the committed file, its split, and every kind
// of bad input a loader can meet.
#include "dl/wisconsin.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

const std::filesystem::path kFile = DL_DATA_DIR "/wisconsin/breast-cancer-wisconsin.data";

TEST(WisconsinFile, HasTheRecordedChecksum) {
  EXPECT_EQ(dl::test::sha256(kFile),
            "402c585309c399237740f635ef9919dc512cca12cbeb20de5e563a4593f22b64");
}

TEST(WisconsinLoad, Drops16RowsWithMissingValuesAndScalesToTheUnitInterval) {
  const auto data = dl::wisconsin::load(kFile);
  EXPECT_EQ(data.dropped, 16u);
  ASSERT_EQ(data.X.n_rows, 9u);
  ASSERT_EQ(data.X.n_cols, 683u);
  EXPECT_EQ(data.Y.n_elem, 683u);
  // Every feature takes the values 1 and 10, so the article's MinMaxScaler is (v - 1) / 9.
  EXPECT_TRUE(arma::all(arma::min(data.X, 1) == 0));
  EXPECT_TRUE(arma::all(arma::max(data.X, 1) == 1));
  // The first line: 1000025,5,1,1,1,2,1,3,1,1,2 (benign).
  const arma::vec first = (arma::vec{5, 1, 1, 1, 2, 1, 3, 1, 1} - 1) / 9;
  EXPECT_TRUE(arma::approx_equal(data.X.col(0), first, "absdiff", 1e-15));
  EXPECT_EQ(data.Y(0), 0);
  EXPECT_EQ(arma::accu(data.Y), 239);  // malignant samples among the 683
}

TEST(WisconsinSplit, IsTheArticles500And182WithItsClassCounts) {
  const auto data = dl::wisconsin::load(kFile);
  const auto split = dl::wisconsin::articleSplit(data, kFile);
  EXPECT_EQ(split.X.n_cols, 500u);
  EXPECT_EQ(split.Xval.n_cols, 182u);
  EXPECT_EQ(arma::accu(split.Y == 0), 303u);
  EXPECT_EQ(arma::accu(split.Y == 1), 197u);
  EXPECT_EQ(arma::accu(split.Yval == 0), 141u);
  EXPECT_EQ(arma::accu(split.Yval == 1), 41u);
  // Row 500 is in neither set.
  EXPECT_TRUE(arma::approx_equal(split.Xval.col(0), data.X.col(501), "absdiff", 0));
  EXPECT_TRUE(arma::approx_equal(split.X.col(499), data.X.col(499), "absdiff", 0));
}

std::filesystem::path variant(std::size_t line, const std::string& replacement,
                              std::size_t keep = 699) {
  return dl::test::copyWithLine(kFile, line, replacement, keep);
}

std::string loadError(const std::filesystem::path& path) {
  return dl::test::errorOf([&] {
    const auto data = dl::wisconsin::load(path);
    dl::wisconsin::articleSplit(data, path);
  });
}

TEST(WisconsinLoad, BadInputsAreErrorsNamingFileAndLine) {
  struct Case {
    std::string line, message;
  };
  const std::vector<Case> cases{
      {"1000025,5,1,1,1,2,1,3,1,2", ":3: 10 columns, expected 11"},
      {"1000025,5,1,1,1,2,1,3,1,1,2,7", ":3: 12 columns, expected 11"},
      {"1000025,5,1,x,1,2,1,3,1,1,2", ":3: column 4: 'x' is not a number"},
      {"1000025,5,1,1,1,2,1,3,1,1,3",
       ":3: column 11: class '3' is neither 2 (benign) nor 4 (malignant)"},
      {"1000025,5,1,1,1,2,?,3,1,1,5", ":3: column 11: class '5' is neither"},
      {"1000025,11,1,1,1,2,1,3,1,1,2", ":3: column 2: '11' is not a whole number from 1 to 10"},
      {"1000025,0,1,1,1,2,1,3,1,1,2", ":3: column 2: '0' is not a whole number from 1 to 10"},
      {"1000025,2.5,1,1,1,2,1,3,1,1,2", ":3: column 2: '2.5' is not a whole number from 1 to 10"},
  };
  for (const auto& c : cases) {
    const auto path = variant(3, c.line);
    const std::string error = loadError(path);
    EXPECT_EQ(error.rfind(path.string() + c.message, 0), 0u) << c.line << "\n" << error;
  }
}

TEST(WisconsinLoad, AShortFileIsAnErrorNotASmallerValidationSet) {
  const auto path = variant(0, "", 650);
  EXPECT_EQ(loadError(path), path.string() +
                                 ": 634 usable rows; the article's split needs 683 (rows 0-499 "
                                 "train, 501-682 validate)");
}

TEST(WisconsinLoad, EmptyAndMissingFilesAreErrors) {
  const auto empty = dl::test::freshDir() / "empty.data";
  std::ofstream(empty).flush();
  EXPECT_EQ(loadError(empty), empty.string() + ": the file is empty");
  const auto missing = dl::test::freshDir() / "missing.data";
  EXPECT_EQ(loadError(missing),
            missing.string() + ": no such file (it comes with the tutorial in data/wisconsin/)");
}

}  // namespace
