#pragma once
// Reading and writing whole files, and the copy-with-one-line-changed that makes a bad data file:
// shared by the GoogleTest support and the bad-input tool, which does not link GoogleTest.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

namespace dl::test {

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline void writeText(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// Writes `target` as a copy of `source` with line `line` (from 1) replaced by `replacement`,
/// keeping only the first `keep` lines.
inline void copyLines(const std::filesystem::path& source, const std::filesystem::path& target,
                       std::size_t line, const std::string& replacement,
                       std::size_t keep = std::numeric_limits<std::size_t>::max()) {
  std::ifstream in(source);
  std::ofstream out(target);
  std::string text;
  for (std::size_t n = 1; n <= keep && std::getline(in, text); ++n)
    out << (n == line ? replacement : text) << '\n';
}

}  // namespace dl::test
