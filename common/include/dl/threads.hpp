#pragma once
/// \file
/// \brief How many threads the matrix library may use.

namespace dl {

/// Sets how many threads OpenBLAS, the library behind Armadillo's matrix products, runs each
/// product on. Chapter 4 sets 1: its threads are the column blocks of dl::FastSgd, each running
/// its products on one core. OpenBLAS's own threads would share out every product instead,
/// which for products as small as a batch of 32 costs about as much as it saves (the benchmark
/// page). Chapters 2 and 3 set 1 as well: their full-batch products have a few hundred columns
/// and rows of 9 to 64, and handing such a product between two threads costs more than the
/// second thread saves, all the more while the other core is busy.
void setBlasThreads(int threads);

}  // namespace dl
