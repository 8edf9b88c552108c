#pragma once
/// \file
/// \brief Command-line options shared by every chapter, on CLI11, and the program's error handling.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>

/// \brief The command line every chapter program shares: its options on CLI11, and run(), which
/// turns any dl::Error into one line and a non-zero exit.
namespace dl::cli {

/// Accepts a number that is finite and strictly positive (a learning rate): rejects 0, negative
/// values, `nan` and `inf`, which CLI11's own CLI::PositiveNumber lets through.
extern const CLI::Validator FinitePositive;

/// The same, with 0 allowed (a penalty that may be switched off).
extern const CLI::Validator FiniteNonNegative;

/// Accepts a finite number strictly between `lo` and `hi` (a threshold, a fraction).
CLI::Validator Between(double lo, double hi);

/// Accepts a whole number from `lo` to `hi` written plainly ("50", not "5e1", "-3" or "many"):
/// epochs, iterations, sample counts. The help shows the range.
CLI::Validator WholeNumber(std::uint64_t lo, std::uint64_t hi);

/// Adds `--learning-rate X` (default `rate`'s current value), a finite number greater than 0.
CLI::Option* addLearningRateOption(CLI::App& app, double& rate, const std::string& help);

/// Adds `--seed N` (default `seed`'s current value), a whole number up to `max`. The same seed
/// always gives the same numbers: chapters pass it to `arma::arma_rng::set_seed` before drawing
/// anything (and chapter 2 to NumPy's generator as well, which takes at most \f$2^{32} - 1\f$).
CLI::Option* addSeedOption(CLI::App& app, std::uint64_t& seed,
                           std::uint64_t max = std::numeric_limits<std::uint64_t>::max());

/// Adds `--out DIR`, defaulting to `output/<slug>` below the working directory. The folder is
/// created (with its parents) by prepareOutputDir() when the run starts.
void addOutOption(CLI::App& app, std::filesystem::path& out, const std::string& slug);

/// Creates `dir` if needed and proves it is writable by writing and removing a probe file, so that
/// a run fails before any work rather than after it. Removes a `summary.json` left there by an
/// earlier run, so that a run that fails leaves no result behind. Throws dl::Error naming `option`.
void prepareOutputDir(const std::filesystem::path& dir, const std::string& option = "--out");

/// Parses the options and runs `body`, turning every failure into one line on stderr and a
/// non-zero exit status:
/// - a bad or unknown option: `program: error: --epochs: ... (see --help)`, status 2;
/// - a dl::Error or any other exception from `body`: `program: error: message`, status 1.
/// `--help` prints the options with their defaults and returns 0.
int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body);

}  // namespace dl::cli
