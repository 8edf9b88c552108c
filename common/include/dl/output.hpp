#pragma once
/// \file
/// \brief Result files: CSV tables and summary.json, each written to a temporary name and renamed
/// into place, so an interrupted run never leaves a truncated file that looks like a result.

#include <armadillo>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace dl {

/// Writes `content` to `path` through `path.tmp` and a rename. Throws dl::Error naming the file.
void writeFileAtomically(const std::filesystem::path& path, std::string_view content);

/// One named column of a CSV table.
struct Column {
  std::string name;
  arma::vec values;
};

/// Writes the columns side by side as CSV with a header line. Numbers are written in their
/// shortest form that reads back to the same double, so equal runs give byte-equal files.
/// All columns must have the same length (dl::Error otherwise).
void writeCsv(const std::filesystem::path& path, const std::vector<Column>& columns);

/// Writes `value` as indented JSON (summary.json).
void writeJson(const std::filesystem::path& path, const nlohmann::json& value);

/// The shortest decimal text that reads back to exactly `value` ("0.1", "92.14450419", "inf").
std::string formatNumber(double value);

namespace detail {
/// formatNumber() where the standard library has no std::to_chars for double (libc++ 14, the
/// browser build's): the same text, found with printf and strtod. A test proves the two equal.
std::string shortestByPrintf(double value);
}  // namespace detail

}  // namespace dl
