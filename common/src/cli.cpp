#include "dl/cli.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <system_error>

#include "dl/error.hpp"
#include "dl/output.hpp"

namespace dl::cli {

namespace {
// A finite number above 0, or from 0 on when `zeroAllowed`.
CLI::Validator finiteFromZero(bool zeroAllowed, const std::string& name) {
  const std::string rule = zeroAllowed ? "0 or greater" : "greater than 0";
  return CLI::Validator(
      [zeroAllowed, rule](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return "'" + text + "' is not a number";
        if (!std::isfinite(value) || value < 0 || (value == 0 && !zeroAllowed))
          return "must be a finite number " + rule + ", got " + text;
        return {};
      },
      zeroAllowed ? "NUMBER >= 0" : "NUMBER > 0", name);
}
}  // namespace

const CLI::Validator FinitePositive = finiteFromZero(false, "FinitePositive");
const CLI::Validator FiniteNonNegative = finiteFromZero(true, "FiniteNonNegative");

CLI::Validator Between(double lo, double hi) {
  const std::string range = "between " + formatNumber(lo) + " and " + formatNumber(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        double value = 0;
        if (!CLI::detail::lexical_cast(text, value)) return "'" + text + "' is not a number";
        if (!std::isfinite(value) || value <= lo || value >= hi)
          return "must be a number " + range + ", got " + text;
        return {};
      },
      "NUMBER " + range, "Between");
}

CLI::Validator WholeNumber(std::uint64_t lo, std::uint64_t hi) {
  const std::string range = std::to_string(lo) + " to " + std::to_string(hi);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi)
          return "must be a whole number from " + range + ", got " + text;
        return {};
      },
      "INTEGER in " + range, "WholeNumber");
}

CLI::Option* addLearningRateOption(CLI::App& app, double& rate, const std::string& help) {
  return app.add_option("--learning-rate", rate, help)->check(FinitePositive)->capture_default_str();
}

CLI::Option* addSeedOption(CLI::App& app, std::uint64_t& seed, std::uint64_t max) {
  return app.add_option("--seed", seed, "seed of the random number generator (same seed, same numbers)")
      ->check(WholeNumber(0, max))
      ->capture_default_str();
}

void addOutOption(CLI::App& app, std::filesystem::path& out, const std::string& slug) {
  out = std::filesystem::path("output") / slug;
  app.add_option("--out", out, "folder for history.csv, summary.json and the plots (created)")
      ->capture_default_str();
}

void prepareOutputDir(const std::filesystem::path& dir, const std::string& option) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(option + " " + dir.string() + ": cannot create the folder: " + ec.message());
  if (!std::filesystem::is_directory(dir))
    throw Error(option + " " + dir.string() + ": exists and is not a folder");
  const auto probe = dir / ".write-test";
  if (!std::ofstream(probe))
    throw Error(option + " " + dir.string() + ": the folder is not writable");
  std::filesystem::remove(probe, ec);
  // A summary left by an earlier run would look like this run's result if this one fails.
  std::filesystem::remove(dir / "summary.json", ec);
}

int run(CLI::App& app, int argc, char** argv, const std::function<int()>& body) {
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    return a->get_name() + ": error: " + e.what() + " (see --help)\n";
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help); its own exit codes (105, 109, ...) become 2.
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return body();
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << app.get_name() << ": error: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace dl::cli
