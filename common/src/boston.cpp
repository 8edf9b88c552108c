#include "dl/boston.hpp"

#include <cmath>

#include "dl/csv.hpp"
#include "dl/error.hpp"

namespace dl::boston {

Data load(const std::filesystem::path& file) {
  const CsvFile csv(file, "it comes with the tutorial in data/boston/");
  csv.requireHeader(kColumns);
  const auto& rows = csv.rows();
  if (rows.size() < 2) throw Error(file.string() + ": the file has a header but no data");
  Data data{arma::mat(kColumns.size() - 1, rows.size() - 1), arma::rowvec(rows.size() - 1)};
  for (std::size_t i = 1; i < rows.size(); ++i) {
    csv.requireColumns(rows[i], kColumns.size());
    for (arma::uword j = 0; j + 1 < kColumns.size(); ++j) data.X(j, i - 1) = csv.number(rows[i], j);
    data.Y(i - 1) = csv.number(rows[i], kColumns.size() - 1);
  }
  return data;
}

Split split(const Data& data, double testFraction, std::uint64_t seed) {
  const arma::uword n = data.X.n_cols;
  const auto testCount = static_cast<arma::uword>(std::ceil(testFraction * double(n)));
  if (testCount < 1 || testCount >= n)
    throw Error("--split " + std::to_string(testFraction) +
                " leaves no training or no test samples");
  arma::arma_rng::set_seed(seed);
  const arma::uvec order = arma::randperm(n);
  Split s;
  s.testRows = arma::sort(order.head(testCount));
  s.trainRows = arma::sort(order.tail(n - testCount));
  s.X = data.X.cols(s.trainRows);
  s.Y = data.Y.cols(s.trainRows);
  s.Xtest = data.X.cols(s.testRows);
  s.Ytest = data.Y.cols(s.testRows);
  return s;
}

}  // namespace dl::boston
