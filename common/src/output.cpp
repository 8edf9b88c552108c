#include "dl/output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#include "dl/error.hpp"

namespace dl {

void writeFileAtomically(const std::filesystem::path& path, std::string_view content) {
  auto temporary = path;
  temporary += ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!file.flush()) throw Error(path.string() + ": cannot write the file");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw Error(path.string() + ": cannot write the file: " + ec.message());
}

std::string formatNumber(double value) {
#ifdef __cpp_lib_to_chars
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
#else
  return detail::shortestByPrintf(value);
#endif
}

namespace detail {
std::string shortestByPrintf(double value) {
  char scientific[40];
  if (!std::isfinite(value)) {
    std::snprintf(scientific, sizeof scientific, "%g", value);
    return scientific;
  }
  // The fewest significant digits that read back to `value`, as to_chars finds them.
  int digits = 1;
  for (; digits < 17; ++digits) {
    std::snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
    if (std::strtod(scientific, nullptr) == value) break;
  }
  std::snprintf(scientific, sizeof scientific, "%.*e", digits - 1, value);
  // The same digits written without an exponent; to_chars takes the shorter, fixed on a tie.
  const int exponent = std::atoi(std::strchr(scientific, 'e') + 1);
  char fixed[400];
  std::snprintf(fixed, sizeof fixed, "%.*f", std::max(0, digits - 1 - exponent), value);
  return std::strlen(fixed) <= std::strlen(scientific) ? fixed : scientific;
}
}  // namespace detail

void writeCsv(const std::filesystem::path& path, const std::vector<Column>& columns) {
  std::string text;
  for (std::size_t j = 0; j < columns.size(); ++j) {
    if (j) text += ',';
    text += columns[j].name;
  }
  text += '\n';
  const arma::uword rows = columns.empty() ? 0 : columns.front().values.n_elem;
  for (const auto& column : columns)
    if (column.values.n_elem != rows)
      throw Error(path.string() + ": column '" + column.name + "' has " +
                  std::to_string(column.values.n_elem) + " values, expected " +
                  std::to_string(rows));
  for (arma::uword i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < columns.size(); ++j) {
      if (j) text += ',';
      text += formatNumber(columns[j].values(i));
    }
    text += '\n';
  }
  writeFileAtomically(path, text);
}

void writeJson(const std::filesystem::path& path, const nlohmann::json& value) {
  writeFileAtomically(path, value.dump(2) + '\n');
}

}  // namespace dl
