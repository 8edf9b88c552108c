#pragma once
// What the tests need to run a chapter program and read what it wrote.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace dl::test {

/// The exit status and everything the command printed (stdout and stderr together).
struct Result {
  int status;
  std::string output;
};

/// Runs a shell command line and waits for it.
Result run(const std::string& commandLine);

/// A new, empty folder for the current test, named after it (tests run in parallel).
std::filesystem::path fresh_dir();

std::string read_text(const std::filesystem::path& path);
nlohmann::json read_json(const std::filesystem::path& path);

/// The SHA-256 of a file's bytes (of its decompressed bytes with `gunzip`), by sha256sum.
std::string sha256(const std::filesystem::path& file, bool gunzip = false);

/// Number of '\n'-terminated lines.
std::size_t count_lines(const std::string& text);

}  // namespace dl::test
