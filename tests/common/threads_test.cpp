// The matrix library's thread count, as OpenBLAS itself reports it.
#include "dl/threads.hpp"

#include <gtest/gtest.h>

extern "C" int openblas_get_num_threads();

namespace {

TEST(SetBlasThreads, IsWhatOpenBlasReports) {
  dl::setBlasThreads(1);
  EXPECT_EQ(openblas_get_num_threads(), 1);
}

}  // namespace
