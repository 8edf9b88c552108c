#pragma once
/// \file
/// \brief The Boston housing table (chapter 3) and a seeded train/test split.

#include <armadillo>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

/// \brief The Boston housing data of chapter 3: the CSV's columns, its loader and a seeded
/// train/test split.
namespace dl::boston {

/// The header of `boston.csv`: the 13 features, then the target MEDV.
inline const std::vector<std::string> kColumns{"CRIM",    "ZN",  "INDUS", "CHAS", "NOX",
                                               "RM",      "AGE", "DIS",   "RAD",  "TAX",
                                               "PTRATIO", "B",   "LSTAT", "MEDV"};

/// The 506 census tracts, one column each.
struct Data {
  arma::mat X;     ///< \f$13 \times 506\f$, the features in their own units
  arma::rowvec Y;  ///< \f$1 \times 506\f$, MEDV: median home value in $1000s
};

/// Reads `boston.csv`: the header must be exactly kColumns, every line must have 14 numbers.
/// Anything else is a dl::Error naming the file and line; nothing is guessed or skipped.
Data load(const std::filesystem::path& file);

/// Training and test sets, with the indices of the samples in each.
struct Split {
  arma::mat X, Xtest;
  arma::rowvec Y, Ytest;
  arma::uvec trainRows, testRows;
};

/// A random split like scikit-learn's `train_test_split`: \f$\lceil f n \rceil\f$ samples for the
/// test set (102 of 506 for f = 0.2), the rest for training, drawn from a permutation seeded by
/// `seed`. The same seed always gives the same split.
Split split(const Data& data, double testFraction, std::uint64_t seed);

}  // namespace dl::boston
