// Times the matrix products of one chapter-4 training epoch alone, with the same shapes, element
// type and library calls as the program (1719 steps of batch 32, the last of 24): the forward
// products, the input gradients and the fused weight updates, the first layer's through
// dl::FastSgd in column blocks on their own threads when given more than one thread. Also times the
// machine's matrix-product throughput on a large product, on OpenBLAS's own threads, in single
// precision (chapter 4's) and double (chapters 1-3's). Prints one JSON line.
#include <armadillo>
#include <cstdio>
#include <cstdlib>

#include "dl/fast_sgd.hpp"
#include "dl/threads.hpp"

int main(int argc, char** argv) {
  const arma::uword threads = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1;
  dl::setBlasThreads(1);
  arma::arma_rng::set_seed(1);
  const arma::uword n = 55'000, B = 32, steps = (n + B - 1) / B;
  const float rate = 1e-6f;  // small enough that the weights stay in range over the runs
  auto epoch = [&](arma::uword width, arma::uword count, double& seconds) {
    using Fast = dl::FastSgd<float>;
    dl::Dense<float> first(784, 300, dl::Activation::linear);  // W1, whose products it splits
    first.W = arma::randu<arma::fmat>(300, 784);
    dl::Dense<float>::Cache c;  // c.Z = W1 X, c.dZ = dZ1
    Fast::Scratch scratch;      // X^T and the partial products
    arma::fmat X = arma::randu<arma::fmat>(784, width), W2 = arma::randu<arma::fmat>(100, 300),
               W3 = arma::randu<arma::fmat>(10, 100), A1 = arma::randu<arma::fmat>(300, width),
               A2 = arma::randu<arma::fmat>(100, width), dZ2 = A2,
               dZ3 = arma::randu<arma::fmat>(10, width), Z2, Z3, dA1, dA2;
    c.dZ = A1;
    arma::wall_clock clock;
    clock.tic();
    for (arma::uword s = 0; s < count; ++s) {
      if (threads == 1)  // forward
        c.Z = first.W * X;
      else
        Fast::productInBlocks(first, threads, X, c, scratch);
      Z2 = W2 * A1;
      Z3 = W3 * A2;
      dA2 = W3.t() * dZ3;  // backward and update (the first layer's input gradient is not needed)
      W3 -= rate * dZ3 * A2.t();
      dA1 = W2.t() * dZ2;
      W2 -= rate * dZ2 * A1.t();
      if (threads == 1)
        first.W -= rate * c.dZ * X.t();
      else
        Fast::stepInBlocks(first, threads, c, scratch, rate);
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
  dl::setBlasThreads(int(threads));
  // GFLOP/s of five 2048 x 2048 products, after one to warm up.
  auto peak = [](auto A) {
    const decltype(A) C = A;
    decltype(A) D = A * C;
    arma::wall_clock clock;
    clock.tic();
    for (int i = 0; i < 5; ++i) D = A * C;
    return 5 * 2.0 * 2048.0 * 2048.0 * 2048.0 / clock.toc() / 1e9;
  };
  const double peakFloat = peak(arma::fmat(arma::randu<arma::fmat>(2048, 2048)));
  const double peakDouble = peak(arma::mat(arma::randu<arma::mat>(2048, 2048)));
  const double flops =
      double(steps) * 2.0 * B * (2 * 784.0 * 300 + 3 * 300.0 * 100 + 3 * 100.0 * 10);
  std::printf(
      "{\"gemm_seconds_per_epoch\": %.6f, \"gemm_gflops\": %.2f, "
      "\"peak_sgemm_gflops\": %.2f, \"peak_dgemm_gflops\": %.2f, \"threads\": %llu}\n",
      best, flops / best / 1e9, peakFloat, peakDouble, static_cast<unsigned long long>(threads));
}
