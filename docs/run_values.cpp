// Copies the site's pages into the build folder with every number quoted from a run filled in, so
// that no page types a result by hand. A page writes
//
//   @run{RUN:KEY|FORMAT}      e.g.  @run{quadratic_neuron/lr_0.25:final_loss|%.1e}
//
// RUN is a run's folder below the output folder (its summary.json is read), or a .json file there
// (quadratic_neuron/run.json, written by RunChapter.cmake: the command and how long it took).
// KEY walks into the JSON: object keys and array indices separated by dots, a negative index
// counting from the end (history.-1.val_accuracy). FORMAT is optional: one printf conversion for
// a number (%.3f, %.1e, %g, %d for whole numbers) or %s for a string, with plain text around it
// (%.1f s); without it, a string is copied, a whole number printed as is, another number with %g.
// Where a number is printed but not in summary.json, @console{RUN|REGEX} stands for the first
// group (or the whole match) of REGEX's first match in RUN/console.txt: @console{quadratic_neuron|
// below 2/[0-9.]+ = ([0-9.]+)} is the largest stable learning rate the run printed.
// `@@run{` and `@@console{` stand for a literal `@run{` and `@console{`. An unknown run, key,
// format or a regular expression that matches nothing stops the docs build with one line naming
// the page and line.
//
//   run_values --runs OUTPUT_DIR --root SOURCE_DIR --into DIR PAGE...
//
// writes each PAGE (a path below SOURCE_DIR) to the same path below DIR.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "dl/cli.hpp"
#include "dl/error.hpp"
#include "dl/output.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string readText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw dl::Error(file.string() + ": cannot read it");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Runs {
 public:
  explicit Runs(fs::path dir) : dir_(std::move(dir)) {}

  const json& file(const std::string& run) {
    const auto found = files_.find(run);
    if (found != files_.end()) return found->second;
    const fs::path path = run.ends_with(".json") ? dir_ / run : dir_ / run / "summary.json";
    if (!fs::exists(path)) throw std::runtime_error("unknown run '" + run + "': no " + path.string());
    try {
      return files_[run] = json::parse(readText(path));
    } catch (const json::exception& e) {
      throw std::runtime_error(path.string() + " is not JSON: " + e.what());
    }
  }

 private:
  fs::path dir_;
  std::map<std::string, json> files_;
};

const json& lookUp(const json& root, const std::string& key) {
  const json* value = &root;
  std::stringstream parts(key);
  for (std::string part; std::getline(parts, part, '.');) {
    if (value->is_object() && value->contains(part)) {
      value = &(*value)[part];
    } else if (value->is_array() && std::regex_match(part, std::regex("-?[0-9]+"))) {
      const long size = static_cast<long>(value->size());
      long index = std::stol(part);
      if (index < 0) index += size;
      if (index < 0 || index >= size) throw std::runtime_error("unknown key '" + key + "': index " + part + " out of range");
      value = &(*value)[static_cast<std::size_t>(index)];
    } else {
      throw std::runtime_error("unknown key '" + key + "' (no '" + part + "')");
    }
  }
  return *value;
}

std::string formatValue(const json& value, const std::string& spec, const std::string& key) {
  if (spec.empty()) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer() || value.is_boolean()) return value.dump();
    if (value.is_number()) return formatValue(value, "%g", key);
    throw std::runtime_error("'" + key + "' is not a single value: give a longer key");
  }
  // One conversion, with plain text (and %%) around it.
  static const std::regex conversion(R"(%[-+ #0]*[0-9]*(\.[0-9]+)?([eEfFgGds]))");
  std::size_t at = std::string::npos, count = 0;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') continue;
    if (i + 1 < spec.size() && spec[i + 1] == '%') {
      ++i;
    } else {
      at = i;
      ++count;
    }
  }
  std::smatch match;
  const std::string tail = at == std::string::npos ? "" : spec.substr(at);
  if (count != 1 || !std::regex_search(tail, match, conversion, std::regex_constants::match_continuous))
    throw std::runtime_error("bad format '" + spec + "': give one conversion such as %.3f, %.1e, %d or %s");
  const char type = match[2].str()[0];
  char buffer[256];
  if (type == 's') {
    if (!value.is_string()) throw std::runtime_error("bad format '" + spec + "': '" + key + "' is not a string");
    std::snprintf(buffer, sizeof buffer, spec.c_str(), value.get<std::string>().c_str());
  } else if (!value.is_number()) {
    throw std::runtime_error("bad format '" + spec + "': '" + key + "' is not a number");
  } else if (type == 'd') {
    const double number = value.get<double>();
    if (number != std::floor(number)) throw std::runtime_error("bad format '" + spec + "': '" + key + "' is not a whole number");
    // The value may exceed an int: print it through %lld.
    std::string wide = spec;
    wide.insert(at + static_cast<std::size_t>(match.length(0)) - 1, "ll");
    std::snprintf(buffer, sizeof buffer, wide.c_str(), static_cast<long long>(number));
  } else {
    std::snprintf(buffer, sizeof buffer, spec.c_str(), value.get<double>());
  }
  return buffer;
}

// The text a @console{RUN|REGEX} stands for: the first group (or the whole match) of the first
// match of REGEX in RUN/console.txt.
std::string fromConsole(const fs::path& runsDir, const std::string& inside) {
  const std::size_t bar = inside.find('|');
  if (bar == std::string::npos) throw std::runtime_error("write @console{RUN|REGEX}");
  const std::string run = inside.substr(0, bar), pattern = inside.substr(bar + 1);
  const fs::path file = runsDir / run / "console.txt";
  if (!fs::exists(file)) throw std::runtime_error("unknown run '" + run + "': no " + file.string());
  std::regex regex;
  try {
    regex = std::regex(pattern);
  } catch (const std::regex_error& e) {
    throw std::runtime_error("bad regular expression '" + pattern + "': " + e.what());
  }
  const std::string console = readText(file);
  std::smatch match;
  if (!std::regex_search(console, match, regex))
    throw std::runtime_error("no line of " + file.string() + " matches '" + pattern + "'");
  return match.size() > 1 ? match[1].str() : match[0].str();
}

std::string fillIn(const std::string& page, const std::string& text, const fs::path& runsDir, Runs& runs) {
  static const std::regex opening("@(run|console)\\{");
  std::string result;
  std::size_t position = 0;
  std::smatch found;
  while (std::regex_search(text.begin() + static_cast<long>(position), text.end(), found, opening)) {
    const std::size_t at = position + static_cast<std::size_t>(found.position(0));
    const std::string kind = found[1].str();
    const std::size_t start = at + static_cast<std::size_t>(found.length(0));
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
    const std::string where = page + ":" + std::to_string(line) + ": ";
    if (at > 0 && text[at - 1] == '@') {  // @@run{ is a literal @run{
      result.append(text, position, at - 1 - position).append(text, at, start - at);
      position = start;
      continue;
    }
    const std::size_t close = text.find('}', start);
    const std::size_t newline = text.find('\n', start);
    if (close == std::string::npos || (newline != std::string::npos && newline < close))
      throw dl::Error(where + "@" + kind + "{ without its closing } on the same line");
    const std::string inside = text.substr(start, close - start);
    try {
      std::string value;
      if (kind == "console") {
        value = fromConsole(runsDir, inside);
      } else {
        const std::size_t colon = inside.find(':');
        if (colon == std::string::npos) throw std::runtime_error("write @run{RUN:KEY} or @run{RUN:KEY|FORMAT}");
        const std::size_t bar = inside.find('|', colon);
        const std::string run = inside.substr(0, colon);
        const std::string key = inside.substr(colon + 1, bar == std::string::npos ? std::string::npos : bar - colon - 1);
        const std::string spec = bar == std::string::npos ? "" : inside.substr(bar + 1);
        value = formatValue(lookUp(runs.file(run), key), spec, key);
      }
      result.append(text, position, at - position).append(value);
    } catch (const std::exception& e) {
      throw dl::Error(where + "@" + kind + "{" + inside + "}: " + e.what());
    }
    position = close + 1;
  }
  return result.append(text, position);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Copies the site's pages with every @run{RUN:KEY|FORMAT} replaced by the run's value",
               "run_values"};
  fs::path runsDir, root, into;
  std::vector<std::string> pages;
  app.add_option("--runs", runsDir, "the chapters' output folder")->required();
  app.add_option("--root", root, "the folder the page paths are relative to")->required();
  app.add_option("--into", into, "where the filled-in pages go")->required();
  app.add_option("pages", pages, "the pages, relative to --root")->required();
  return dl::cli::run(app, argc, argv, [&] {
    Runs runs(runsDir);
    for (const auto& page : pages) {
      const std::string filled = fillIn(page, readText(root / page), runsDir, runs);
      fs::create_directories((into / page).parent_path());
      dl::writeFileAtomically(into / page, filled);
    }
    return 0;
  });
}
