// Runs the chapter programs on every bad input of cases.tsv and checks that each stops the way the
// tutorial promises: the expected exit status, exactly one line on standard error that starts
// with "<program>: error: " and contains the expected words, and no summary.json.
//
//   bad_inputs --cases cases.tsv --work DIR [--only ID] [--table FILE.md]
//
// CTest runs it once per case (--only); the docs build runs every case and writes the table of the
// testing page (--table) from the messages the programs really printed. Exit status 1 when any
// case misbehaves, with one line per failure saying how.
#include <sys/wait.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dl/cli.hpp"
#include "dl/error.hpp"
#include "dl/output.hpp"
#include "idx_bytes.hpp"
#include "text_files.hpp"

namespace fs = std::filesystem;

namespace {

using dl::test::copyLines;
using dl::test::gzip;
using dl::test::readText;
using dl::test::writeText;

struct Case {
  std::string id, program, what, arguments, expected;
  int exit = 0;
};

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

std::vector<Case> readCases(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw dl::Error(file.string() + ": cannot read the cases");
  std::vector<Case> cases;
  std::size_t lineNumber = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineNumber;
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 6 || (f[4] != "1" && f[4] != "2"))
      throw dl::Error(file.string() + ":" + std::to_string(lineNumber) +
                      ": expected 6 tab-separated fields with exit 1 or 2");
    cases.push_back({f[0], f[1], f[2], f[3], f[5], std::stoi(f[4])});
  }
  return cases;
}

// ------------------------------------------------------------------------------------------------
// The bad files, each made from the real data with one thing wrong

const fs::path dataDir = DL_DATA_DIR;

/// An IDX image file's bytes: `claimed` images in the header, `pixels` bytes after it.
std::string images(std::uint32_t magic, std::uint32_t claimed, std::size_t pixels) {
  std::string bytes = dl::test::imageHeader(magic, claimed);
  for (std::size_t i = 0; i < pixels; ++i) bytes += char(i * 37 % 251);
  return bytes;
}

std::string labels(std::size_t count, unsigned char last = 7) {
  std::string bytes = dl::test::labelHeader(std::uint32_t(count));
  for (std::size_t i = 0; i < count; ++i) bytes += char(i + 1 == count ? last : i % 10);
  return bytes;
}

/// A folder with the real MNIST files, except those named in `replaced`, written with its bytes.
void mnistWith(const fs::path& folder, const std::map<std::string, std::string>& replaced) {
  fs::create_directories(folder);
  for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                           "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
    if (const auto it = replaced.find(name); it != replaced.end())
      writeText(folder / name, it->second);
    else
      fs::create_symlink(dataDir / "mnist" / name, folder / name);
}

/// Makes the bad file or folder `@name` stands for inside `dir`; returns its path.
fs::path makeFixture(const std::string& name, const fs::path& dir) {
  const fs::path path = dir / name;
  const fs::path wisconsin = dataDir / "wisconsin/breast-cancer-wisconsin.data";
  const fs::path boston = dataDir / "boston/boston.csv";
  const std::string trainImages = "train-images-idx3-ubyte.gz";
  const std::string trainLabels = "train-labels-idx1-ubyte.gz";
  const std::string tenImages = images(0x803, 10, 7840);
  const std::map<std::string, std::function<void()>> makers = {
      {"a_file", [&] { writeText(path, "not a folder\n"); }},
      {"missing.data", [] {}},
      {"missing.csv", [] {}},
      {"empty.data", [&] { writeText(path, ""); }},
      {"empty_folder", [&] { fs::create_directories(path); }},
      {"wisconsin_columns.data",
       [&] { copyLines(wisconsin, path, 3, "1015425,3,1,1,1,2,2,3,1,2"); }},
      {"wisconsin_text.data",
       [&] { copyLines(wisconsin, path, 5, "1017023,4,abc,1,3,2,1,3,1,1,2"); }},
      {"wisconsin_feature.data",
       [&] { copyLines(wisconsin, path, 7, "1018099,1,1,1,1,2,11,3,1,1,2"); }},
      {"wisconsin_class.data",
       [&] { copyLines(wisconsin, path, 9, "1033078,2,1,1,1,2,1,1,1,5,3"); }},
      {"wisconsin_short.data", [&] { copyLines(wisconsin, path, 0, "", 300); }},
      {"boston_header.csv",
       [&] {
         copyLines(boston, path, 1,
                    "crime,ZN,INDUS,CHAS,NOX,RM,AGE,DIS,RAD,TAX,PTRATIO,B,LSTAT,MEDV");
       }},
      {"boston_columns.csv",
       [&] {
         copyLines(boston, path, 4,
                    "0.02729,0,7.07,0,0.469,7.185,61.1,4.9671,2,242,17.8,4.03,34.7");
       }},
      {"boston_text.csv",
       [&] {
         copyLines(boston, path, 6,
                    "0.06905,0,2.18,0,0.458,7.147,54.2,6.0622,3,222,18.7,396.9,5.33,cheap");
       }},
      {"boston_nan.csv",
       [&] {
         copyLines(boston, path, 8,
                    "0.08829,12.5,7.87,0,0.524,nan,66.6,5.5605,5,311,15.2,395.6,12.43,22.9");
       }},
      {"idx_magic",
       [&] {
         mnistWith(path, {{trainImages, gzip(images(0x801, 10, 7840))}});
       }},
      {"idx_empty",
       [&] {
         mnistWith(path, {{trainImages, gzip("")}});
       }},
      {"idx_truncated",
       [&] {
         mnistWith(path, {{trainImages, gzip(images(0x803, 10, 3920))}});
       }},
      {"idx_trailing",
       [&] {
         mnistWith(path, {{trainImages, gzip(images(0x803, 10, 7845))}});
       }},
      {"idx_huge_header",
       [&] {
         mnistWith(path, {{trainImages, gzip(images(0x803, 1u << 31, 0))}});
       }},
      {"idx_counts",
       [&] {
         mnistWith(path, {{trainImages, gzip(tenImages)}, {trainLabels, gzip(labels(9))}});
       }},
      {"idx_label_range",
       [&] {
         mnistWith(path, {{trainImages, gzip(tenImages)}, {trainLabels, gzip(labels(10, 12))}});
       }},
      {"idx_gzip_cut",
       [&] {
         const std::string whole = gzip(tenImages);
         mnistWith(path, {{trainImages, whole.substr(0, whole.size() / 2)}});
       }},
      {"idx_gzip_corrupt",
       [&] {
         std::string damaged = gzip(tenImages);
         for (std::size_t i = damaged.size() / 3; i < damaged.size() / 3 + 8; ++i)
           damaged[i] ^= 0x5a;
         mnistWith(path, {{trainImages, damaged}});
       }},
  };
  const auto maker = makers.find(name);
  if (maker == makers.end()) throw dl::Error("@" + name + ": no such bad input in bad_inputs.cpp");
  maker->second();
  return path;
}

// ------------------------------------------------------------------------------------------------
// Running one case

std::string quoted(const std::string& word) {
  std::string q = "'";
  for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Outcome {
  std::string command;  ///< as the table shows it: program name, fixture names without folders
  std::string message;  ///< standard error, with the case's folder taken out of paths
  int exit = -1;
  std::vector<std::string> problems;
};

Outcome runCase(const Case& c, const std::map<std::string, std::string>& programs,
                 const fs::path& work) {
  Outcome outcome;
  const fs::path dir = work / c.id;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto program = programs.find(c.program);
  if (program == programs.end()) {
    outcome.problems.push_back("unknown program " + c.program);
    return outcome;
  }
  // --out first, so that an option missing its value (the last word) cannot take it for one.
  const fs::path out = dir / "out";
  std::string command = quoted(program->second);
  if (c.arguments.find("--out") == std::string::npos) command += " --out " + quoted(out.string());
  outcome.command = c.program;
  for (const auto& word : split(c.arguments, ' ')) {
    const bool fixture = !word.empty() && word[0] == '@';
    command += " " + quoted(fixture ? makeFixture(word.substr(1), dir).string() : word);
    outcome.command += " " + (fixture ? word.substr(1) : word);
  }
  command +=
      " >" + quoted((dir / "stdout.txt").string()) + " 2>" + quoted((dir / "stderr.txt").string());
  const int status = std::system(command.c_str());
  outcome.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

  std::string message = readText(dir / "stderr.txt");
  for (std::size_t at; (at = message.find(dir.string() + "/")) != std::string::npos;)
    message.erase(at, dir.string().size() + 1);
  outcome.message = message.substr(0, message.find_last_not_of('\n') + 1);

  const std::string prefix = c.program + ": error: ";
  if (outcome.exit != c.exit)
    outcome.problems.push_back("exit status " + std::to_string(outcome.exit) + ", expected " +
                               std::to_string(c.exit));
  if (message.empty() || message.find('\n') != message.size() - 1)
    outcome.problems.push_back("standard error is not exactly one line");
  if (message.rfind(prefix, 0) != 0)
    outcome.problems.push_back("the line does not start with '" + prefix + "'");
  if (message.find(c.expected) == std::string::npos)
    outcome.problems.push_back("the message lacks '" + c.expected + "'");
  if (fs::exists(out / "summary.json")) outcome.problems.push_back("it wrote summary.json");
  return outcome;
}

// The table is raw HTML inside \htmlonly, not a Markdown table: in Markdown, Doxygen 1.9 reads a
// backtick and a later apostrophe as a pair of typographic quotes (ending the code span and the
// table with it) and turns the "--" of every option into an en dash. So every character that HTML
// or Doxygen could read as markup is written as an entity, and the cell shows it as it is.
std::string escaped(const std::string& text) {
  std::string cell;
  for (char c : text) switch (c) {
      case '&': cell += "&amp;"; break;
      case '<': cell += "&lt;"; break;
      case '>': cell += "&gt;"; break;
      case '"': cell += "&quot;"; break;
      case '\'': cell += "&#39;"; break;
      case '\\': cell += "&#92;"; break;
      case '`': cell += "&#96;"; break;
      case '@': cell += "&#64;"; break;
      default: cell += c;
    }
  return cell;
}

std::string row(const std::vector<std::string>& cells, bool head = false) {
  std::string html = head ? "<tr class=\"markdownTableHead\">" : "<tr class=\"markdownTableRowNone\">";
  for (const auto& cell : cells)
    html += head ? "<th class=\"markdownTableHeadNone\">" + cell + "</th>"
                 : "<td class=\"markdownTableBodyNone\">" + cell + "</td>";
  return html + "</tr>\n";
}

// Code that wraps at its spaces, and after a comma or a slash inside a long header or path, but
// never after a hyphen: a browser would break "--learning-rate" there.
std::string code(const std::string& text) {
  std::string html = "<code>", word;
  const auto flush = [&] {
    if (!word.empty()) html += "<span class=\"word\">" + escaped(word) + "</span>";
    word.clear();
  };
  for (char c : text) {
    if (c == ' ') {
      flush();
      html += ' ';
    } else {
      word += c;
      if (c == ',' || c == '/') {
        flush();
        html += "<wbr>";
      }
    }
  }
  flush();
  return html + "</code>";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Runs the chapter programs on bad inputs and checks how they fail"};
  fs::path casesFile, work, table;
  std::string only;
  app.add_option("--cases", casesFile, "the cases, tests/bad_inputs/cases.tsv")->required();
  app.add_option("--work", work, "scratch folder for the bad files and the runs")->required();
  app.add_option("--only", only, "run just the case with this id");
  app.add_option("--table", table, "write the table of every case (HTML for the testing page) to this file");
  return dl::cli::run(app, argc, argv, [&] {
    std::map<std::string, std::string> programs;
    for (const auto& entry : split(DL_PROGRAMS, '|')) {
      const auto equals = entry.find('=');
      programs[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
    std::vector<Case> cases = readCases(casesFile);
    if (!only.empty()) {
      std::erase_if(cases, [&](const Case& c) { return c.id != only; });
      if (cases.empty())
        throw dl::Error("--only " + only + ": no such case in " + casesFile.string());
    }
    std::string html = "\\htmlonly\n<table class=\"markdownTable bad-inputs\">\n" +
                           row({"program", "what is wrong", "command line", "exit",
                                "what the program says"},
                               true);
    int failures = 0;
    for (const Case& c : cases) {
      const Outcome outcome = runCase(c, programs, work);
      for (const auto& problem : outcome.problems)
        std::cout << c.id << ": " << problem << " (`" << outcome.command
                  << "` said: " << outcome.message << ")\n";
      failures += !outcome.problems.empty();
      html += row({escaped(c.program), escaped(c.what), code(outcome.command),
                       std::to_string(outcome.exit), code(outcome.message)});
    }
    std::cout << "bad inputs: " << cases.size() - failures << " handled as expected, " << failures
              << " not\n";
    if (failures > 0)
      throw dl::Error(std::to_string(failures) + " bad inputs were not handled as expected");
    html += "</table>\n\\endhtmlonly\n";
    if (!table.empty()) dl::writeFileAtomically(table, html);
    return 0;
  });
}
