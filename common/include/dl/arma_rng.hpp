// Armadillo's random numbers, the same from every compiler and standard library.
//
// Not a header to include: Armadillo includes it itself, inside its namespace, because
// common/CMakeLists.txt defines ARMA_RNG_ALT=dl/arma_rng.hpp for everything built on dl_common
// (Armadillo's documented way to supply its generator). Hence no #include here: <random>,
// <cmath> and <limits> are in by then.
//
// Why: Armadillo's own generator draws through std::normal_distribution and friends, whose
// algorithms the C++ standard leaves to each library. The native programs (GCC's libstdc++)
// and the browser build (WebAssembly, LLVM's libc++) would then train on different data from
// the same seed. Here the engine is std::mt19937_64, whose output the standard fixes, and each
// distribution is written out: randu takes the top 53 bits, randn is Marsaglia's polar method
// on two of those, randi rejects the draws that would bias the remainder. Like Armadillo's
// own, every thread has its engine, and set_seed() seeds the calling thread's.
// tests/common/arma_rng_test.cpp pins the first numbers of each.

class arma_rng_alt {
 public:
  typedef std::uint64_t seed_type;

  static void set_seed(const seed_type seed) { engine().seed(seed); }

  // 31 bits, as Armadillo's randi expects: 0 to randi_max_val().
  static int randi_val() { return int(engine()() >> 33); }
  static int randi_max_val() { return std::numeric_limits<int>::max(); }

  // N integers uniform on [a, b].
  template <typename eT>
  static void randi_fill(eT* mem, const uword N, const int a, const int b) {
    const std::uint64_t range = std::uint64_t(std::int64_t(b) - std::int64_t(a)) + 1;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                std::numeric_limits<std::uint64_t>::max() % range;
    for (uword i = 0; i < N; ++i) {
      std::uint64_t draw = engine()();
      while (draw >= limit) draw = engine()();
      mem[i] = eT(std::int64_t(a) + std::int64_t(draw % range));
    }
  }

  // Uniform on [0, 1), in steps of 2^-53.
  static double randu_val() { return double(engine()() >> 11) * 0x1.0p-53; }

  // Two independent standard normal numbers (Marsaglia's polar method).
  template <typename eT>
  static void randn_dual_val(eT& out1, eT& out2) {
    double u, v, s;
    do {
      u = 2 * randu_val() - 1;
      v = 2 * randu_val() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double factor = std::sqrt(-2 * std::log(s) / s);
    out1 = eT(u * factor);
    out2 = eT(v * factor);
  }

  static double randn_val() {
    double first, second;
    randn_dual_val(first, second);
    return first;
  }

 private:
  static std::mt19937_64& engine() {
    static thread_local std::mt19937_64 instance;
    return instance;
  }
};
