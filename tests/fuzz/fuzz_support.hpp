#pragma once
// What both fuzz targets share: the loaders read files, so each input is written to a file of its
// own (one per fuzzing process) and read back through the loader's real path.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace dl::fuzz {

/// Writes `data` to this process's scratch file and returns its path.
inline std::filesystem::path asFile(const std::uint8_t* data, std::size_t size,
                                     const std::string& suffix) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("dl_fuzz_" + std::to_string(::getpid()) + suffix);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), std::streamsize(size));
  return path;
}

/// Stops the fuzzer with a crash report: a loader accepted something it promised to refuse.
inline void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace dl::fuzz
