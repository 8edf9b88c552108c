// libFuzzer target: any bytes, read as the Wisconsin file and as the Boston CSV. Every input must
// either load or be refused with a dl::Error; anything else (a crash, a sanitizer report, another
// exception, a loaded value out of its promised range) is a finding.
#include "dl/boston.hpp"
#include "dl/error.hpp"
#include "dl/wisconsin.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = dl::fuzz::asFile(data, size, ".csv");
  try {
    const auto d = dl::wisconsin::load(file);
    dl::fuzz::require(d.X.n_rows == dl::wisconsin::kFeatures && d.X.n_cols == d.Y.n_elem);
    dl::fuzz::require(d.X.is_finite() && (d.X.n_elem == 0 || (d.X.min() >= 0 && d.X.max() <= 1)));
    dl::fuzz::require(arma::all((d.Y == 0) + (d.Y == 1)));
  } catch (const dl::Error&) {
  }
  try {
    const auto d = dl::boston::load(file);
    dl::fuzz::require(d.X.n_rows == 13 && d.X.n_cols == d.Y.n_elem && d.X.n_cols > 0);
    dl::fuzz::require(d.X.is_finite() && d.Y.is_finite());
  } catch (const dl::Error&) {
  }
  return 0;
}
