// Times the matrix products of one chapter-4 training epoch alone, with the same shapes, element
// type and library calls as the program (1719 steps of batch 32, the last of 24), and the
// machine's single-precision matrix-product throughput on a large product. Prints one JSON line.
#include <armadillo>
#include <cstdio>
#include <cstdlib>

extern "C" void openblas_set_num_threads(int threads);

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 1;
  openblas_set_num_threads(threads);
  arma::arma_rng::set_seed(1);
  const arma::uword n = 55'000, B = 32, steps = (n + B - 1) / B;
  auto epoch = [&](arma::uword width, arma::uword count, double& seconds) {
    arma::fmat X = arma::randu<arma::fmat>(784, width), W1 = arma::randu<arma::fmat>(300, 784),
               W2 = arma::randu<arma::fmat>(100, 300), W3 = arma::randu<arma::fmat>(10, 100),
               A1 = arma::randu<arma::fmat>(300, width), A2 = arma::randu<arma::fmat>(100, width),
               dZ1 = A1, dZ2 = A2, dZ3 = arma::randu<arma::fmat>(10, width), Z1, Z2, Z3, dW1, dW2,
               dW3, dA1, dA2;
    arma::wall_clock clock;
    clock.tic();
    for (arma::uword s = 0; s < count; ++s) {
      Z1 = W1 * X;  // forward
      Z2 = W2 * A1;
      Z3 = W3 * A2;
      dW3 = dZ3 * A2.t();  // backward (the first layer's input gradient is not computed)
      dA2 = W3.t() * dZ3;
      dW2 = dZ2 * A1.t();
      dA1 = W2.t() * dZ2;
      dW1 = dZ1 * X.t();
    }
    seconds += clock.toc();
  };
  double best = 1e30;
  for (int rep = 0; rep < 3; ++rep) {
    double seconds = 0;
    epoch(B, steps - 1, seconds);
    epoch(n - (steps - 1) * B, 1, seconds);
    best = std::min(best, seconds);
  }
  const arma::fmat A = arma::randu<arma::fmat>(2048, 2048), C = arma::randu<arma::fmat>(2048, 2048);
  arma::fmat D = A * C;  // warm up
  arma::wall_clock clock;
  clock.tic();
  for (int i = 0; i < 5; ++i) D = A * C;
  const double peak = 5 * 2.0 * 2048.0 * 2048.0 * 2048.0 / clock.toc() / 1e9;
  const double flops =
      double(steps) * 2.0 * B * (2 * 784.0 * 300 + 3 * 300.0 * 100 + 3 * 100.0 * 10);
  std::printf(
      "{\"gemm_seconds_per_epoch\": %.6f, \"gemm_gflops\": %.2f, "
      "\"peak_sgemm_gflops\": %.2f, \"threads\": %d}\n",
      best, flops / best / 1e9, peak, threads);
}
