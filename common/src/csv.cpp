#include "dl/csv.hpp"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "dl/error.hpp"

namespace dl {

namespace {
// Reads all of `field` as a number, as std::from_chars does (where it is missing: readByStrtod).
bool readNumber(const std::string& field, double& value) {
#ifdef __cpp_lib_to_chars
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return ec == std::errc() && end == field.data() + field.size();
#else
  return detail::readByStrtod(field, value);
#endif
}
}  // namespace

namespace detail {
bool readByStrtod(const std::string& field, double& value) {
  // The forms strtod takes and from_chars refuses: leading blanks or '+', hexadecimal.
  if (field.empty() || std::isspace(static_cast<unsigned char>(field.front())) ||
      field.front() == '+' || field.find_first_of("xX") != std::string::npos)
    return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(field.c_str(), &end);
  return errno != ERANGE && end == field.c_str() + field.size();
}
}  // namespace detail

CsvFile::CsvFile(std::filesystem::path path, const std::string& how_to_get_it)
    : path_(std::move(path)) {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec))
    throw Error(path_.string() + ": no such file" +
                (how_to_get_it.empty() ? "" : " (" + how_to_get_it + ")"));
  std::ifstream file(path_);
  if (!file) throw Error(path_.string() + ": cannot open the file");
  std::string text;
  for (std::size_t line = 1; std::getline(file, text); ++line) {
    if (!text.empty() && text.back() == '\r') text.pop_back();  // a file saved on Windows
    if (text.find_first_not_of(" \t") == std::string::npos) continue;
    Row row{line, {}};
    std::size_t start = 0;
    for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1)
      row.fields.push_back(text.substr(start, comma - start));
    row.fields.push_back(text.substr(start));
    rows_.push_back(std::move(row));
  }
  if (file.bad()) throw Error(path_.string() + ": cannot read the file");
  if (rows_.empty()) throw Error(path_.string() + ": the file is empty");
}

void CsvFile::fail(const Row& row, const std::string& what) const {
  throw Error(path_.string() + ":" + std::to_string(row.line) + ": " + what);
}

void CsvFile::requireHeader(const std::vector<std::string>& names) const {
  const auto join = [](const std::vector<std::string>& fields) {
    std::string text;
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k) text += ',';
      text += fields[k];
    }
    return text;
  };
  if (rows_.front().fields != names)
    fail(rows_.front(),
         "the header is '" + join(rows_.front().fields) + "', expected '" + join(names) + "'");
}

void CsvFile::requireColumns(const Row& row, std::size_t count) const {
  if (row.fields.size() != count)
    fail(row, std::to_string(row.fields.size()) + " columns, expected " + std::to_string(count));
}

double CsvFile::number(const Row& row, std::size_t column) const {
  const std::string& field = row.fields.at(column);
  double value = 0;
  if (field.empty() || !readNumber(field, value) || !std::isfinite(value))
    fail(row, "column " + std::to_string(column + 1) + ": '" + field + "' is not a number");
  return value;
}

}  // namespace dl
