#pragma once
// What the tests need to run a chapter program and read what it wrote.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "text_files.hpp"

namespace dl::test {

/// The exit status and everything the command printed (stdout and stderr together).
struct Result {
  int status;
  std::string output;
};

/// Runs a shell command line and waits for it.
Result run(const std::string& commandLine);

/// A new, empty folder for the current test, named after it (tests run in parallel).
std::filesystem::path freshDir();

nlohmann::json readJson(const std::filesystem::path& path);

/// The SHA-256 of a file's bytes (of its decompressed bytes with `gunzip`), by sha256sum.
std::string sha256(const std::filesystem::path& file, bool gunzip = false);

/// The message of the dl::Error that `action` throws, or "no error".
std::string errorOf(const std::function<void()>& action);

/// A copy of `source` in the current test's folder with line `line` (from 1) replaced by
/// `replacement`, and only its first `keep` lines: the way the loaders' tests make a bad file.
std::filesystem::path copyWithLine(const std::filesystem::path& source, std::size_t line,
                                     const std::string& replacement,
                                     std::size_t keep = std::numeric_limits<std::size_t>::max());

#ifdef DL_PROGRAM
/// The command line that runs this test's chapter program with `options`.
inline std::string program(const std::string& options) {
  return std::string(DL_PROGRAM) + " " + options;
}
#endif

/// Number of '\n'-terminated lines.
std::size_t countLines(const std::string& text);

}  // namespace dl::test
