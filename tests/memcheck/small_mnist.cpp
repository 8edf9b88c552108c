// Writes a small MNIST for valgrind: the first `train` training images and labels and the first
// `test` test ones, as plain (uncompressed) IDX files under the usual .gz names, which the reader
// takes as well. Under valgrind the full set's loading and evaluation alone would take longer
// than the test may run.
//
//   small_mnist SOURCE_DIR TARGET_DIR TRAIN TEST
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "dl/idx.hpp"
#include "idx_bytes.hpp"

namespace fs = std::filesystem;

namespace {

/// The first `count` images of `images` as an IDX image file.
std::string imageFile(const arma::Mat<unsigned char>& images, arma::uword count) {
  const arma::Mat<unsigned char> first = images.head_cols(count);
  return dl::test::imageHeader(0x803, std::uint32_t(count)) +
         std::string(reinterpret_cast<const char*>(first.memptr()), first.n_elem);
}

/// The first `count` labels of `labels` as an IDX label file.
std::string labelFile(const arma::Row<unsigned char>& labels, arma::uword count) {
  const arma::Row<unsigned char> first = labels.head(count);
  return dl::test::labelHeader(std::uint32_t(count)) +
         std::string(reinterpret_cast<const char*>(first.memptr()), first.n_elem);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: small_mnist SOURCE_DIR TARGET_DIR TRAIN TEST\n";
    return 2;
  }
  const fs::path source = argv[1], target = argv[2];
  fs::create_directories(target);
  for (const auto& [set, count] :
       {std::pair{"train", std::stoul(argv[3])}, std::pair{"t10k", std::stoul(argv[4])}}) {
    const std::string images = std::string(set) + "-images-idx3-ubyte.gz";
    const std::string labels = std::string(set) + "-labels-idx1-ubyte.gz";
    std::ofstream(target / images, std::ios::binary)
        << imageFile(dl::idx::readImages(source / images), count);
    std::ofstream(target / labels, std::ios::binary)
        << labelFile(dl::idx::readLabels(source / labels), count);
  }
}
