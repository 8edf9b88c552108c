#include "dl/threads.hpp"

#ifndef ARMA_DONT_USE_BLAS
extern "C" void openblas_set_num_threads(int threads);  // OpenBLAS's own call (cblas.h)
#endif

namespace dl {

void setBlasThreads([[maybe_unused]] int threads) {
#ifndef ARMA_DONT_USE_BLAS  // the browser build: Armadillo multiplies by itself, on one thread
  openblas_set_num_threads(threads);
#endif
}

}  // namespace dl
