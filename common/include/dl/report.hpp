#pragma once
/// \file
/// \brief What a chapter program leaves behind besides its console log, declared once each: the
/// output folder, the options worth recording, the plots and summary.json.
///
/// A program registers each output where it knows it, and dl::Report::finish() does the rest:
///
///     dl::Report report("quadratic_neuron");
///     report.option(app, "--epochs", epochs, "...");              // also in summary.json
///     report.addOutOption(app);                                   // --out
///     ...
///     report.record("final_loss", loss);                          // one more summary field
///     report.plot("loss", [&](const std::filesystem::path& png) { /* draw png */ });
///     report.finish(std::cout);  // draws every plot (or names the skipped ones), summary.json
///
/// So adding an output is one line, and the list of plots skipped without gnuplot, or the
/// option values in summary.json, cannot drift from what the program actually draws and reads.

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dl/output.hpp"

namespace dl {

namespace detail {
// One field of summary.json, read when the run finishes. Outside the class, since Doxygen 1.9.4
// links a private nested class from the page's summary without writing the section it points to.
struct ReportField {
  std::string key;
  std::function<nlohmann::json()> value;
};
}  // namespace detail

/// What a run leaves behind: `--out`, the kept options, the recorded fields, the plots (file
/// comment above).
class Report {
 public:
  /// `slug` names the program and its default output folder, `output/<slug>`.
  explicit Report(std::string slug) : slug_(std::move(slug)) {}

  /// Adds `--out DIR` to `app` (dl::cli::addOutOption()), the folder everything goes into.
  void addOutOption(CLI::App& app);

  /// Records an option's value in summary.json when the run finishes, under the option's long
  /// name with its dashes as underscores (`--learning-rate` becomes `learning_rate`), or under
  /// `key`. `value` must outlive the Report. Returns `option`, to chain further settings.
  template <typename T>
  CLI::Option* keep(CLI::Option* option, const T& value, std::string key = "") {
    fields_.push_back({key.empty() ? keyOf(*option) : std::move(key),
                       [&value] { return nlohmann::json(value); }});
    return option;
  }

  /// Adds the option `name` to `app`, its default shown in `--help`, and keeps its value in
  /// summary.json (keep(), under `key` if given). Returns the option, for a check or a delimiter.
  template <typename T>
  CLI::Option* option(CLI::App& app, const std::string& name, T& value, const std::string& help,
                      std::string key = "") {
    return keep(app.add_option(name, value, help)->capture_default_str(), value, std::move(key));
  }

  /// The output folder (the value of `--out`).
  const std::filesystem::path& out() const { return out_; }

  /// Creates the output folder and checks it is writable (dl::cli::prepareOutputDir()): the first
  /// thing a run does, so that a bad `--out` fails before any work.
  void prepare() const;

  /// One more field of summary.json.
  void record(const std::string& key, nlohmann::json value);

  /// Registers the plot `<name>.png` in the output folder: finish() calls `draw` with its path.
  /// What `draw` uses must still exist when finish() runs.
  void plot(const std::string& name, std::function<void(const std::filesystem::path&)> draw);

  /// Writes `<name>.csv` into the output folder now (dl::writeCsv()).
  void csv(const std::string& name, const std::vector<Column>& columns) const;

  /// Writes the picture `<name>.dot` into the output folder now: DOT text for graphviz, such as
  /// dl::diagram::network() makes. The site draws it with Doxygen's `\dotfile`.
  void diagram(const std::string& name, std::string_view dot) const;

  /// The names of the registered plots, in order.
  std::vector<std::string> plotNames() const;

  /// Draws every registered plot, or, where gnuplot is not installed, prints which it skipped;
  /// writes summary.json (the kept options and the recorded fields); prints where the results are.
  /// In the browser build (its page draws the plots) it only writes summary.json.
  void finish(std::ostream& console) const;

 private:
  static std::string keyOf(const CLI::Option& option);

  std::string slug_;
  std::filesystem::path out_;
  std::vector<detail::ReportField> fields_;
  std::vector<std::pair<std::string, std::function<void(const std::filesystem::path&)>>> plots_;
};

/// Calls `work(args...)` and returns its result with the wall-clock seconds it took, as a pair:
/// chapter 1 trains with `const auto [history, seconds] = timed(train, model, data, ...)`.
template <typename Work, typename... Args>
auto timed(Work&& work, Args&&... args) {
  const auto start = std::chrono::steady_clock::now();
  auto result = std::invoke(std::forward<Work>(work), std::forward<Args>(args)...);
  const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  return std::pair{std::move(result), seconds.count()};
}

}  // namespace dl
