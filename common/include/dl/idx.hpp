#pragma once
/// \file
/// \brief A reader for the IDX files of MNIST and Fashion-MNIST, plain or gzip-compressed.

#include <armadillo>
#include <filesystem>
#include <string>

/// \brief The IDX files of MNIST and Fashion-MNIST (chapter 4): images and labels, plain or
/// gzip-compressed.
namespace dl::idx {

/// Reads an IDX image file (magic 0x00000803: count, rows, columns, then one byte per pixel) into
/// a matrix with one column per image, the pixels of each image row by row: \f$784 \times n\f$ for
/// MNIST.
///
/// The file may be gzip-compressed or not (zlib reads both). It must hold exactly the bytes its
/// header promises: a wrong magic number, a truncated file, trailing bytes, or a header claiming
/// more than the file holds is a dl::Error naming the file. Memory grows with the data actually
/// read, never with what the header claims. A missing file's error ends with `how_to_get_it`.
arma::Mat<unsigned char> readImages(const std::filesystem::path& file,
                                     const std::string& how_to_get_it = "");

/// Reads an IDX label file (magic 0x00000801: count, then one byte per label), with the same
/// checks. Labels are 0..9 for MNIST; a larger value is an error.
arma::Row<unsigned char> readLabels(const std::filesystem::path& file,
                                     const std::string& how_to_get_it = "");

}  // namespace dl::idx
