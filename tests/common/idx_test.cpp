// The IDX reader: the committed MNIST files, and every kind of broken file, built here.
#include "dl/idx.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <fstream>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

const std::filesystem::path kDir = DL_DATA_DIR "/mnist";

TEST(MnistFiles, HaveTheRecordedChecksumsOnceDecompressed) {
  const std::vector<std::pair<std::string, std::string>> files{
      {"train-images-idx3-ubyte",
       "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
      {"train-labels-idx1-ubyte",
       "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
      {"t10k-images-idx3-ubyte",
       "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
      {"t10k-labels-idx1-ubyte",
       "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"}};
  for (const auto& [name, sha] : files)
    EXPECT_EQ(dl::test::sha256(kDir / (name + ".gz"), true), sha) << name;
}

TEST(MnistFiles, ReadWithTheRightShapesAndFirstLabels) {
  const auto images = dl::idx::readImages(kDir / "train-images-idx3-ubyte.gz");
  const auto labels = dl::idx::readLabels(kDir / "train-labels-idx1-ubyte.gz");
  EXPECT_EQ(images.n_rows, 784u);
  EXPECT_EQ(images.n_cols, 60000u);
  ASSERT_EQ(labels.n_elem, 60000u);
  const arma::Row<unsigned char> first = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4};
  EXPECT_TRUE(arma::all(labels.head(10) == first));
  EXPECT_EQ(dl::idx::readLabels(kDir / "t10k-labels-idx1-ubyte.gz").n_elem, 10000u);
  EXPECT_EQ(dl::idx::readImages(kDir / "t10k-images-idx3-ubyte.gz").n_cols, 10000u);
}

// A small IDX file: `count` 2x3 images (or labels), with a header that may lie.
std::string idxBytes(std::uint32_t magic, std::vector<std::uint32_t> dims, std::size_t payload) {
  std::string bytes;
  const auto put = [&](std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) bytes += char((v >> shift) & 0xff);
  };
  put(magic);
  for (auto d : dims) put(d);
  for (std::size_t i = 0; i < payload; ++i) bytes += char(i % 7);
  return bytes;
}

std::filesystem::path write(const std::string& name, const std::string& bytes, bool gzip = false) {
  const auto path = dl::test::freshDir() / name;
  if (gzip) {
    gzFile gz = gzopen(path.c_str(), "wb");
    gzwrite(gz, bytes.data(), unsigned(bytes.size()));
    gzclose(gz);
  } else {
    std::ofstream(path, std::ios::binary) << bytes;
  }
  return path;
}

std::string imagesError(const std::filesystem::path& path) {
  return dl::test::errorOf([&] { dl::idx::readImages(path); });
}

TEST(IdxReader, ReadsAGoodFilePlainOrGzipOneColumnPerImage) {
  for (bool gzip : {false, true}) {
    const auto images = dl::idx::readImages(write("a.idx", idxBytes(0x803, {2, 2, 3}, 12), gzip));
    ASSERT_EQ(images.n_rows, 6u);
    ASSERT_EQ(images.n_cols, 2u);
    EXPECT_EQ(images(0, 1), 6);  // byte 6 of the payload starts image 2
    EXPECT_EQ(images(5, 0), 5);
  }
}

TEST(IdxReader, EachBadFileIsAnErrorNamingIt) {
  for (bool gzip : {false, true}) {
    auto path = write("bad.idx", idxBytes(0x801, {2, 2, 3}, 12), gzip);
    EXPECT_EQ(imagesError(path),
              path.string() + ": not an IDX image file (magic number 2049, expected 2051)");
    path = write("bad.idx", idxBytes(0x803, {2, 2, 3}, 11), gzip);
    EXPECT_EQ(
        imagesError(path),
        path.string() + ": truncated: the header promises 12 bytes of data, the file holds 11");
    path = write("bad.idx", idxBytes(0x803, {2, 2, 3}, 13), gzip);
    EXPECT_EQ(imagesError(path), path.string() + ": 1 bytes more than the header promises");
    path = write("bad.idx", idxBytes(0x803, {4000000000u, 28, 28}, 12), gzip);  // a lying header
    EXPECT_EQ(imagesError(path).rfind(
                  path.string() + ": truncated: the header promises 3136000000000 bytes", 0),
              0u);
    // Found by the fuzzer: 3*2^24 x 2^25 x 2^26 bytes is 3*2^75, which wraps to exactly 0 in 64
    // bits and once matched the empty payload, so Armadillo was asked for the impossible matrix.
    path = write("bad.idx", idxBytes(0x803, {3u << 24, 1u << 25, 1u << 26}, 0), gzip);
    EXPECT_EQ(imagesError(path), path.string() +
                                     ": truncated: the header promises more than 2^64 bytes of "
                                     "data, the file holds 0");
    path = write("bad.idx", "", gzip);
    EXPECT_EQ(imagesError(path), path.string() + ": the file is empty");
    path = write("bad.idx", idxBytes(0x803, {2, 2, 3}, 0).substr(0, 10), gzip);
    EXPECT_EQ(imagesError(path),
              path.string() + ": truncated: 10 bytes, shorter than the 16-byte header");
  }
}

TEST(IdxReader, CorruptGzipAndMissingFilesAreErrors) {
  std::string gz;
  {
    const auto good = write("good.gz", idxBytes(0x803, {50, 28, 28}, 50 * 784), true);
    gz = dl::test::readText(good);
  }
  gz[gz.size() / 2] ^= 0x55;  // damage the compressed stream
  const auto path = write("corrupt.gz", gz);
  EXPECT_EQ(imagesError(path), path.string() + ": the file is corrupt (unexpected end of file)");
  EXPECT_EQ(imagesError("/nonexistent.idx"), "/nonexistent.idx: no such file");
}

TEST(IdxReader, LabelsMustBeDigits) {
  std::string bytes = idxBytes(0x801, {3}, 0) + std::string("\x01\x0b\x02", 3);
  const auto path = write("labels.idx", bytes);
  try {
    dl::idx::readLabels(path);
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ": label 11 is not a digit 0-9");
  }
}

}  // namespace
