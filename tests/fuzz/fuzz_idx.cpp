// libFuzzer target: any bytes, plain or gzip, read as an IDX image file and as an IDX label file.
// Every input must either load or be refused with a dl::Error; a crash, a sanitizer report, a
// huge allocation, or a label outside 0-9 is a finding.
#include "dl/error.hpp"
#include "dl/idx.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = dl::fuzz::asFile(data, size, ".idx");
  try {
    dl::idx::readImages(file);  // -malloc_limit_mb catches an allocation a header talked it into
  } catch (const dl::Error&) {
  }
  try {
    const auto labels = dl::idx::readLabels(file);
    dl::fuzz::require(labels.n_elem == 0 || labels.max() <= 9);
  } catch (const dl::Error&) {
  }
  return 0;
}
