#include "dl/output.hpp"

#include <charconv>
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
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

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
