#pragma once
/// \file
/// \brief A strict reader for the plain comma-separated files of the data sets: no quoting, no
/// guessing, and every problem reported with the file and line it is on.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace dl {

/// A CSV file read whole into memory, one Row per non-blank line.
///
/// Loaders built on it check what they expect (columns, values, ranges) and report anything else
/// through fail(), so that every error reads `path:line: what is wrong`.
class CsvFile {
 public:
  /// One line of the file: its number (from 1) and its fields.
  struct Row {
    std::size_t line;
    std::vector<std::string> fields;
  };

  /// Reads `path`. Throws dl::Error when the file is missing (saying where it looked and
  /// `how_to_get_it`), unreadable, or holds no data line.
  explicit CsvFile(std::filesystem::path path, const std::string& how_to_get_it = "");

  const std::filesystem::path& path() const { return path_; }
  const std::vector<Row>& rows() const { return rows_; }

  /// Throws dl::Error `path:line: what`.
  [[noreturn]] void fail(const Row& row, const std::string& what) const;

  /// Fails unless the first row is exactly the header `names`.
  void requireHeader(const std::vector<std::string>& names) const;

  /// Fails unless `row` has exactly `count` fields.
  void requireColumns(const Row& row, std::size_t count) const;

  /// The field in `column` (from 0) as a number: the whole field must be a finite decimal
  /// number ("3", "-0.5", "1e-3"), else fail() names the column.
  double number(const Row& row, std::size_t column) const;

 private:
  std::filesystem::path path_;
  std::vector<Row> rows_;
};

namespace detail {
/// How CsvFile::number() reads a field where the standard library has no std::from_chars for
/// double (libc++ 14, the browser build's): std::strtod, refusing what from_chars refuses.
/// Returns whether all of `field` was a number. A test proves it reads as from_chars does.
bool readByStrtod(const std::string& field, double& value);
}  // namespace detail

}  // namespace dl
