#pragma once
// Reading the PyTorch references (tests/pytorch/chapter<N>.json, made by make_references.py) and
// comparing the C++ numbers with them. docs/testing.md, "PyTorch as referee", says what is compared.

#include <gtest/gtest.h>

#include <armadillo>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dl/gradcheck.hpp"
#include "program.hpp"

namespace dl::test::pytorch {

using nlohmann::json;

/// Double precision on both sides, the same formulas: only rounding differs (measured: below
/// 1e-15), so anything above 1e-10 is a wrong formula, not arithmetic.
inline constexpr double kAgree = 1e-10;
/// A slip of the articles (a factor of 2 or of m, a missing ReLU mask) is off by far more.
inline constexpr double kSlip = 1e-2;

/// The cases of tests/pytorch/chapter<N>.json.
inline json cases(int chapter) {
  return readJson(std::string(DL_PYTORCH_REFERENCES) + "/chapter" + std::to_string(chapter) +
                  ".json")
      .at("cases");
}

/// A list of rows as a matrix; a list of numbers as a column or a row.
inline arma::mat matrix(const json& rows) {
  arma::mat M(rows.size(), rows.at(0).size());
  for (arma::uword r = 0; r < M.n_rows; ++r)
    for (arma::uword c = 0; c < M.n_cols; ++c) M(r, c) = rows.at(r).at(c).get<double>();
  return M;
}
inline arma::vec column(const json& values) {
  return arma::vec(values.get<std::vector<double>>());
}
inline arma::rowvec row(const json& values) {
  return column(values).t();
}

/// dl::relativeError() of C++'s value against PyTorch's, element by element, printed with its
/// worst element so that a run shows the margin.
inline double relativeError(const arma::mat& cpp, const arma::mat& torch, const std::string& what) {
  const dl::RelativeError error = dl::relativeError(cpp, torch);
  std::cout << "  " << std::left << std::setw(40) << what << " relative error " << error
            << std::right << '\n';
  return error;
}
inline double relativeError(double cpp, double torch, const std::string& what) {
  return relativeError(arma::mat{cpp}, arma::mat{torch}, what);
}

}  // namespace dl::test::pytorch
