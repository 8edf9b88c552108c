#pragma once
/// \file
/// \brief The Wisconsin breast-cancer data (UCI `breast-cancer-wisconsin.data`) as chapter 2's
/// article prepares it.

#include <armadillo>
#include <filesystem>

/// \brief The Wisconsin breast-cancer data of chapter 2: the loader and the preparation the
/// article applies.
namespace dl::wisconsin {

/// The nine cytological features per sample, each graded 1 to 10.
inline constexpr arma::uword kFeatures = 9;
/// Usable rows in the original file: 699 less the 16 with a missing Bare Nuclei value.
inline constexpr arma::uword kUsableRows = 683;

/// The samples that have all nine features, one column each.
struct Data {
  arma::mat X;              ///< \f$9 \times n\f$, each feature scaled to [0, 1] as \f$(v - 1)/9\f$
  arma::rowvec Y;           ///< \f$1 \times n\f$: 0 benign, 1 malignant
  arma::uword dropped = 0;  ///< rows left out because a feature was missing (`?`)
};

/// Reads the UCI layout: `id, 9 features, class` per line, features 1..10 or `?` for missing,
/// class 2 (benign) or 4 (malignant). Rows with a `?` are dropped and counted; the class maps
/// 2 → 0 and 4 → 1; the features are scaled to \f$(v - 1)/9\f$, which is what the article's
/// MinMaxScaler does to this file (every feature takes both values 1 and 10 in it).
///
/// Anything else (a wrong column count, a value that is not a whole number from 1 to 10, a
/// class other than 2 or 4, an empty or missing file) is a dl::Error naming the file and line.
Data load(const std::filesystem::path& file);

/// The article's training and validation sets.
struct Split {
  arma::mat X, Xval;     ///< \f$9 \times 500\f$ and \f$9 \times 182\f$
  arma::rowvec Y, Yval;  ///< \f$1 \times 500\f$ and \f$1 \times 182\f$
};

/// The article's split of the 683 usable rows: rows 0–499 train, rows 501–682 validate. Row 500
/// is in neither (the article's `iloc[501:683]`). Any other number of usable rows is a dl::Error:
/// a shorter file must not quietly make a smaller validation set.
Split articleSplit(const Data& data, const std::filesystem::path& file);

}  // namespace dl::wisconsin
