#include "dl/threads.hpp"

extern "C" void openblas_set_num_threads(int threads);  // OpenBLAS's own call (cblas.h)

namespace dl {

void setBlasThreads(int threads) {
  openblas_set_num_threads(threads);
}

}  // namespace dl
