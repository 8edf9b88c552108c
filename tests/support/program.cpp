#include "program.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "dl/error.hpp"

namespace dl::test {

Result run(const std::string& commandLine) {
  const std::string command = commandLine + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string output;
  std::array<char, 4096> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::filesystem::path freshDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const char* root = std::getenv("DL_TEST_TMP");
  auto dir = std::filesystem::path(root ? root : std::filesystem::temp_directory_path().string()) /
             (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

nlohmann::json readJson(const std::filesystem::path& path) {
  return nlohmann::json::parse(readText(path));
}

std::string sha256(const std::filesystem::path& file, bool gunzip) {
  const auto result = run(gunzip ? "gzip -dc '" + file.string() + "' | sha256sum"
                                 : "sha256sum < '" + file.string() + "'");
  if (result.status != 0 || result.output.size() < 64) return "sha256sum failed: " + result.output;
  return result.output.substr(0, 64);
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const dl::Error& e) {
    return e.what();
  }
  return "no error";
}

std::filesystem::path copyWithLine(const std::filesystem::path& source, std::size_t line,
                                     const std::string& replacement, std::size_t keep) {
  const auto path = freshDir() / ("bad-" + source.filename().string());
  copyLines(source, path, line, replacement, keep);
  return path;
}

std::size_t countLines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace dl::test
