// NumPy's legacy generator: the first and last numbers of np.random.randn for two seeds.
#include "dl/numpy_random.hpp"

#include <gtest/gtest.h>

namespace {

TEST(NumpyRandomState, ReproducesNumpysRandnForSeed1) {
  // np.random.seed(1); a = np.random.randn(15, 9); b = np.random.randn(1, 15)
  dl::NumpyRandomState numpy(1);
  const arma::mat a = numpy.randn(15, 9), b = numpy.randn(1, 15);
  EXPECT_DOUBLE_EQ(a(0, 0), 1.6243453636632417);
  EXPECT_DOUBLE_EQ(a(0, 1), -0.6117564136500754);
  EXPECT_DOUBLE_EQ(a(14, 8), 0.7928068659193477);
  EXPECT_DOUBLE_EQ(b(0, 0), -0.6235307296797916);
  EXPECT_DOUBLE_EQ(b(0, 14), 0.6825514068644851);
}

TEST(NumpyRandomState, TakesTheLargestSeedNumpyAccepts) {
  dl::NumpyRandomState numpy(4294967295u);  // np.random.seed(2**32 - 1); np.random.randn(1, 3)
  const arma::mat a = numpy.randn(1, 3);
  EXPECT_NEAR(a(0, 0), 0.64840867, 1e-8);
  EXPECT_NEAR(a(0, 2), -1.08054372, 1e-8);
}

}  // namespace
