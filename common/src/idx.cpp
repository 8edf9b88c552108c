#include "dl/idx.hpp"

#ifndef DL_NO_ZLIB
#include <zlib.h>
#endif

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "dl/error.hpp"

namespace dl::idx {
namespace {

#ifndef DL_NO_ZLIB
[[noreturn]] void corrupt(const std::filesystem::path& file, gzFile gz) {
  int code = Z_OK;
  std::string message = gzerror(gz, &code);
  const std::string prefix = file.string() + ": ";  // zlib names the file itself, sometimes
  if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
  throw Error(file.string() + ": the file is corrupt (" + message + ")");
}
#endif

// The whole (decompressed) content of a file, plain or gzip. gzread passes plain files through.
std::vector<unsigned char> readAll(const std::filesystem::path& file,
                                    const std::string& how_to_get_it) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw Error(file.string() + ": no such file" +
                (how_to_get_it.empty() ? "" : " (" + how_to_get_it + ")"));
#ifdef DL_NO_ZLIB
  // The browser build has no zlib: its page decompresses the files before the program runs.
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(file.string() + ": cannot open the file");
  std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(in), {}};
  if (bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
    throw Error(file.string() + ": compressed with gzip, which this build cannot read");
  return bytes;
#else
  std::unique_ptr<gzFile_s, int (*)(gzFile)> gz(gzopen(file.c_str(), "rb"), gzclose);
  if (!gz) throw Error(file.string() + ": cannot open the file");
  std::vector<unsigned char> bytes;
  std::array<unsigned char, 1 << 16> chunk{};
  for (;;) {
    const int n = gzread(gz.get(), chunk.data(), chunk.size());
    if (n < 0) corrupt(file, gz.get());
    if (n == 0) break;
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + n);
  }
  int code = Z_OK;
  gzerror(gz.get(), &code);
  // e.g. Z_BUF_ERROR: the compressed stream ends early (a partial download)
  if (code != Z_OK) corrupt(file, gz.get());
  return bytes;
#endif
}

std::uint32_t bigEndian(const std::vector<unsigned char>& b, std::size_t at) {
  return std::uint32_t(b[at]) << 24 | std::uint32_t(b[at + 1]) << 16 |
         std::uint32_t(b[at + 2]) << 8 | std::uint32_t(b[at + 3]);
}

// Checks the magic number and that exactly `header + payload` bytes are there; returns the
// dimensions the header gives.
std::vector<std::uint32_t> check(const std::filesystem::path& file,
                                 const std::vector<unsigned char>& bytes, std::uint32_t magic,
                                 std::size_t dimensions, const char* what) {
  const std::size_t header = 4 + 4 * dimensions;
  if (bytes.empty()) throw Error(file.string() + ": the file is empty");
  if (bytes.size() < header)
    throw Error(file.string() + ": truncated: " + std::to_string(bytes.size()) +
                " bytes, shorter than the " + std::to_string(header) + "-byte header");
  if (bigEndian(bytes, 0) != magic)
    throw Error(file.string() + ": not an IDX " + what + " file (magic number " +
                std::to_string(bigEndian(bytes, 0)) + ", expected " + std::to_string(magic) + ")");
  std::vector<std::uint32_t> dims;
  std::uint64_t payload = 1;
  bool overflow = false;  // three 32-bit sizes can multiply past 2^64 and wrap to a small number
  for (std::size_t d = 0; d < dimensions; ++d) {
    dims.push_back(bigEndian(bytes, 4 + 4 * d));
    overflow |= __builtin_mul_overflow(payload, std::uint64_t(dims.back()), &payload);
  }
  const std::uint64_t have = bytes.size() - header;
  if (overflow)
    throw Error(file.string() + ": truncated: the header promises more than 2^64 bytes of data, " +
                "the file holds " + std::to_string(have));
  if (have < payload)
    throw Error(file.string() + ": truncated: the header promises " + std::to_string(payload) +
                " bytes of data, the file holds " + std::to_string(have));
  if (have > payload)
    throw Error(file.string() + ": " + std::to_string(have - payload) +
                " bytes more than the header promises");
  return dims;
}

}  // namespace

arma::Mat<unsigned char> readImages(const std::filesystem::path& file,
                                     const std::string& how_to_get_it) {
  const auto bytes = readAll(file, how_to_get_it);
  const auto dims = check(file, bytes, 0x00000803, 3, "image");
  const arma::uword count = dims[0], pixels = arma::uword(dims[1]) * dims[2];
  if (count == 0 || pixels == 0) throw Error(file.string() + ": the header promises no images");
  return arma::Mat<unsigned char>(bytes.data() + 16, pixels, count);  // copies: one column each
}

arma::Row<unsigned char> readLabels(const std::filesystem::path& file,
                                     const std::string& how_to_get_it) {
  const auto bytes = readAll(file, how_to_get_it);
  const auto dims = check(file, bytes, 0x00000801, 1, "label");
  if (dims[0] == 0) throw Error(file.string() + ": the header promises no labels");
  arma::Row<unsigned char> labels(bytes.data() + 8, dims[0]);
  if (labels.max() > 9)
    throw Error(file.string() + ": label " + std::to_string(labels.max()) + " is not a digit 0-9");
  return labels;
}

}  // namespace dl::idx
