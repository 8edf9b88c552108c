#include "dl/report.hpp"

#include <algorithm>
#include <ostream>

#include "dl/cli.hpp"
#include "dl/plot.hpp"

namespace dl {

void Report::addOutOption(CLI::App& app) {
  cli::addOutOption(app, out_, slug_);
}

void Report::prepare() const {
  cli::prepareOutputDir(out_);
}

std::string Report::keyOf(const CLI::Option& option) {
  std::string key = option.get_lnames().empty() ? option.get_name() : option.get_lnames().front();
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

void Report::record(const std::string& key, nlohmann::json value) {
  fields_.push_back({key, [value = std::move(value)] { return value; }});
}

void Report::plot(const std::string& name, std::function<void(const std::filesystem::path&)> draw) {
  plots_.emplace_back(name, std::move(draw));
}

void Report::csv(const std::string& name, const std::vector<Column>& columns) const {
  writeCsv(out_ / (name + ".csv"), columns);
}

void Report::diagram(const std::string& name, std::string_view dot) const {
  writeFileAtomically(out_ / (name + ".dot"), dot);
}

std::vector<std::string> Report::plotNames() const {
  std::vector<std::string> names;
  for (const auto& [name, draw] : plots_) names.push_back(name);
  return names;
}

void Report::finish([[maybe_unused]] std::ostream& console) const {
  // In the browser (common/live/) the page draws the plots from the run's files, and the output
  // folder is the page's own: the console says nothing of either there.
#ifndef __EMSCRIPTEN__
  if (plot::gnuplotAvailable()) {
    for (const auto& [name, draw] : plots_) draw(out_ / (name + ".png"));
  } else if (!plots_.empty()) {
    console << "plots skipped (gnuplot is not installed): ";
    for (std::size_t k = 0; k < plots_.size(); ++k) console << (k ? ", " : "") << plots_[k].first;
    console << '\n';
  }
#endif
  nlohmann::json summary = nlohmann::json::object();
  for (const auto& field : fields_) summary[field.key] = field.value();
  writeJson(out_ / "summary.json", summary);
#ifndef __EMSCRIPTEN__
  console << "results in " << out_.string() << "\n";
#endif
}

}  // namespace dl
