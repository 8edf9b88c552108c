#pragma once
/// \file
/// \brief How many threads the matrix library may use.

namespace dl {

/// Sets how many threads OpenBLAS, the library behind Armadillo's matrix products, runs each
/// product on. Chapter 4 sets 1: its threads are the column blocks of dl::FastSgd, each running
/// its products on one core. OpenBLAS's own threads would share out every product instead,
/// which for products as small as a batch of 32 costs about as much as it saves (the benchmark
/// page).
void setBlasThreads(int threads);

}  // namespace dl
