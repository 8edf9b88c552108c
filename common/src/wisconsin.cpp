#include "dl/wisconsin.hpp"

#include <vector>

#include "dl/csv.hpp"
#include "dl/error.hpp"

namespace dl::wisconsin {

Data load(const std::filesystem::path& file) {
  const CsvFile csv(file, "it comes with the tutorial in data/wisconsin/");
  std::vector<double> features, classes;
  Data data;
  for (const auto& row : csv.rows()) {
    csv.requireColumns(row, kFeatures + 2);
    bool missing = false;
    for (arma::uword j = 1; j <= kFeatures; ++j) {
      if (row.fields[j] == "?") {
        missing = true;
        continue;
      }
      const double v = csv.number(row, j);
      if (v != std::floor(v) || v < 1 || v > 10)
        csv.fail(row, "column " + std::to_string(j + 1) + ": '" + row.fields[j] +
                          "' is not a whole number from 1 to 10");
    }
    const double label = csv.number(row, kFeatures + 1);
    if (label != 2 && label != 4)
      csv.fail(row, "column 11: class '" + row.fields[kFeatures + 1] +
                        "' is neither 2 (benign) nor 4 (malignant)");
    if (missing) {
      ++data.dropped;
      continue;
    }
    for (arma::uword j = 1; j <= kFeatures; ++j) features.push_back(csv.number(row, j));
    classes.push_back(label == 4 ? 1 : 0);
  }
  const arma::uword n = classes.size();
  data.X = (arma::mat(features.data(), kFeatures, n) - 1) / 9;
  data.Y = arma::rowvec(classes);
  return data;
}

Split articleSplit(const Data& data, const std::filesystem::path& file) {
  if (data.X.n_cols != kUsableRows)
    throw Error(file.string() + ": " + std::to_string(data.X.n_cols) +
                " usable rows; the article's split needs " + std::to_string(kUsableRows) +
                " (rows 0-499 train, 501-682 validate)");
  return {data.X.cols(0, 499), data.X.cols(501, 682), data.Y.cols(0, 499), data.Y.cols(501, 682)};
}

}  // namespace dl::wisconsin
