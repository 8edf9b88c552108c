#pragma once
// IDX files as bytes, for the tools that make test data sets: the header fields big-endian, and
// gzip compression as the MNIST files ship.
#include <zlib.h>

#include <cstdint>
#include <string>

namespace dl::test {

inline std::string bigEndian(std::uint32_t value) {
  return {char(value >> 24), char(value >> 16), char(value >> 8), char(value)};
}

/// The 16-byte header of an IDX image file claiming `count` images of 28 x 28 pixels.
inline std::string imageHeader(std::uint32_t magic, std::uint32_t count) {
  return bigEndian(magic) + bigEndian(count) + bigEndian(28) + bigEndian(28);
}

/// The 8-byte header of an IDX label file claiming `count` labels.
inline std::string labelHeader(std::uint32_t count) {
  return bigEndian(0x801) + bigEndian(count);
}

/// `bytes` gzip-compressed, the framing zlib's gzread expects.
inline std::string gzip(const std::string& bytes) {
  uLongf size = compressBound(bytes.size()) + 32;
  std::string out(size, '\0');
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 15 + 16: gzip framing
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = uInt(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(size);
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace dl::test
