#include "dl/plot.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <regex>
#include <system_error>

#include "dl/error.hpp"
#include "dl/output.hpp"

namespace dl::plot {
namespace {

// gnuplot strings in single quotes take '' for a quote and no other escapes; a line break needs
// a double-quoted string, where a backslash escapes.
std::string quoted(const std::string& text) {
  if (text.find('\n') != std::string::npos) {
    std::string result = "\"";
    for (char c : text)
      result += c == '\n' ? std::string("\\n")
                : c == '"' || c == '\\' ? std::string("\\") + c
                                      : std::string(1, c);
    return result + "\"";
  }
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("''") : std::string(1, c);
  return result + "'";
}

std::string shellQuoted(const std::string& text) {
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

void requireSameLength(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size())
    throw Error("plot: " + std::to_string(x.size()) + " x values but " + std::to_string(y.size()) +
                " y values");
}

// A series' key entry: its label as literal text, like the titles below.
std::string titled(const std::string& label) {
  return " title " + quoted(label) + " noenhanced";
}

std::string rows(std::span<const double> x, std::span<const double> y) {
  requireSameLength(x, y);
  std::string data;
  for (std::size_t i = 0; i < x.size(); ++i)
    data += formatNumber(x[i]) + ' ' + formatNumber(y[i]) + '\n';
  return data;
}

// A font size a chapter sets in a panel (`font ',9'`, `font 'Sans,9'`) was chosen for a figure
// shown at its own size; scaled like the default font, it reads the same in the column.
std::string scaledFonts(const std::string& setting, double scale) {
  static const std::regex size(R"((font\s+'[^',]*,)([0-9.]+)('))");
  std::string result;
  auto last = setting.cbegin();
  for (std::sregex_iterator m(setting.begin(), setting.end(), size), end; m != end; ++m) {
    result.append(last, (*m)[0].first);
    result += (*m)[1].str() +
              std::to_string(static_cast<int>(std::lround(std::stod((*m)[2].str()) * scale))) +
              (*m)[3].str();
    last = (*m)[0].second;
  }
  return result.append(last, setting.cend());
}

// The width of a label as pngcairo draws it, in units of its font size: a digit of DejaVu Sans is
// 0.64 em wide and pngcairo draws a point as 4/3 pixels, so about 0.85; a point, comma or space
// half that.
double ems(const std::string& text) {
  double width = 0;
  for (char c : text) width += c == '.' || c == ',' || c == ' ' ? 0.42 : 0.85;
  return width;
}

}  // namespace

bool gnuplotAvailable() {
  static const bool available = std::system("gnuplot --version > /dev/null 2>&1") == 0;
  return available;
}

// Titles and labels are literal text ("val_loss" must not turn into a subscript); the terminal's
// enhanced mode is left for tic formats such as 10^{%L}.
Panel& Panel::title(const std::string& text) {
  return set("title " + quoted(text) + " noenhanced");
}
Panel& Panel::xlabel(const std::string& text) {
  return set("xlabel " + quoted(text) + " noenhanced");
}
Panel& Panel::ylabel(const std::string& text) {
  return set("ylabel " + quoted(text) + " noenhanced");
}
Panel& Panel::zlabel(const std::string& text) {
  return set("zlabel " + quoted(text) + " rotate noenhanced");
}
Panel& Panel::set(const std::string& command) {
  settings_.push_back("set " + command);
  return *this;
}

Panel& Panel::unset(const std::string& command) {
  settings_.push_back("unset " + command);
  return *this;
}

Panel& Panel::line(Values x, Values y, const std::string& label,
                   const std::string& style) {
  series_.push_back({rows(x, y), "using 1:2 with " + style + titled(label)});
  return *this;
}

Panel& Panel::points(Values x, Values y, const std::string& label,
                     const std::string& style) {
  return line(x, y, label, style);
}

Panel& Panel::hline(double y, const std::string& label, const std::string& style) {
  // A function, not data: it spans whatever x range the other series give the panel.
  series_.push_back({"", formatNumber(y) + " with " + style + titled(label)});
  return *this;
}

Panel& Panel::heatmap(const arma::mat& values, const std::vector<std::string>& columns,
                      const std::vector<std::string>& rows, const std::string& format) {
  return heatmap(values, columns, rows, CellLabels{format});
}

Panel& Panel::heatmap(const arma::mat& values, const std::vector<std::string>& columns,
                      const std::vector<std::string>& rows, const CellLabels& labels) {
  std::string data;
  for (arma::uword i = 0; i < values.n_rows; ++i) {
    for (arma::uword j = 0; j < values.n_cols; ++j) {
      if (j) data += ' ';
      data += formatNumber(values(i, j));
    }
    data += '\n';
  }
  const auto tics = [](const std::vector<std::string>& names) {
    std::string list = "(";
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (k) list += ", ";
      list += quoted(names[k]) + " " + std::to_string(k);
    }
    return list + ")";
  };
  set("xrange [-0.5:" + std::to_string(values.n_cols) + "-0.5]");
  set("yrange [" + std::to_string(values.n_rows) + "-0.5:-0.5]");  // row 0 on top
  if (!columns.empty()) set("xtics " + tics(columns));
  if (!rows.empty()) set("ytics " + tics(rows));
  set("key off");
  series_.push_back({data, "matrix with image notitle"});
  if (!labels.format.empty()) {
    double widest = 0;
    for (const double v : values) {
      std::array<char, 64> label{};
      std::snprintf(label.data(), label.size(), labels.format.c_str(), v);
      if (v != 0 || labels.zeros) widest = std::max(widest, ems(label.data()));
    }
    std::string text = "sprintf(" + quoted(labels.format) + ", $3)";
    if (!labels.zeros) text = "$3 == 0 ? '' : " + text;
    const bool white = std::isfinite(labels.whiteFrom);
    const std::string how =
        "matrix using 1:2:(" + text + ")" +
        (white ? ":($3 >= " + formatNumber(labels.whiteFrom) + " ? 0xffffff : 0)" : "") +
        " with labels notitle" + (white ? " textcolor rgb variable" : "");
    series_.push_back({data, how, static_cast<int>(values.n_cols), widest, labels.points});
  }
  return *this;
}

Panel& Panel::surface(Values x, Values y, const arma::mat& z,
                      const std::string& label, const std::string& style) {
  if (z.n_rows != x.size() || z.n_cols != y.size())
    throw Error("plot: the surface has " + std::to_string(z.n_rows) + "x" +
                std::to_string(z.n_cols) + " values for a " + std::to_string(x.size()) + "x" +
                std::to_string(y.size()) + " grid");
  std::string data;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = 0; j < y.size(); ++j)
      data += formatNumber(x[i]) + ' ' + formatNumber(y[j]) + ' ' + formatNumber(z(i, j)) + '\n';
    data += '\n';  // a blank line ends one scan of the grid
  }
  is3d_ = true;
  series_.push_back({data, "using 1:2:3 with " + style + titled(label)});
  return *this;
}

Panel& Panel::path(Values x, Values y, Values z,
                   const std::string& label, const std::string& style) {
  requireSameLength(x, y);
  requireSameLength(x, z);
  std::string data;
  for (std::size_t i = 0; i < x.size(); ++i)
    data += formatNumber(x[i]) + ' ' + formatNumber(y[i]) + ' ' + formatNumber(z[i]) + '\n';
  is3d_ = true;
  series_.push_back({data, "using 1:2:3 with " + style + titled(label)});
  return *this;
}

Figure::Figure(std::filesystem::path png, int width, int height)
    : png_(std::move(png)), width_(width), height_(height) {}

Figure& Figure::grid(int rows, int columns, const std::string& title) {
  rows_ = rows;
  columns_ = columns;
  title_ = title;
  return *this;
}

Panel& Figure::panel() {
  return panels_.emplace_back();
}

int Figure::fontPoints() const {
  return std::max(kLabelPoints,
                  static_cast<int>(std::lround(double(kLabelPoints) * width_ / kColumnPixels)));
}

std::string Figure::script() const {
  const std::string name = png_.filename().string();
  std::string s = "# Made by the tutorial's plot helper; run `gnuplot " + png_.stem().string() +
                  ".gp` to draw " + name + " again.\n";
  // Lines thicken with the font, so that both look the same once the page scales the image down.
  const double scale = std::max(1.0, double(width_) / kColumnPixels);
  s += "set terminal pngcairo size " + std::to_string(width_) + "," + std::to_string(height_) +
       " enhanced font 'Sans," + std::to_string(fontPoints()) + "' linewidth " +
       formatNumber(std::round(scale * 10) / 10) + "\n";
  // save() names a temporary file through `png`; a reader who runs the script gets the image.
  s += "if (!exists('png')) png = " + quoted(name) + "\n";
  s += "set output png\n";
  int block = 0;
  for (const auto& panel : panels_)
    for (const auto& series : panel.series_)
      if (!series.data.empty())
        s += "$d" + std::to_string(block++) + " << EOD\n" + series.data + "EOD\n";
  const bool several = panels_.size() > 1;
  if (several)
    s += "set multiplot layout " + std::to_string(rows_) + "," + std::to_string(columns_) +
         (title_.empty() ? "" : " title " + quoted(title_)) + "\n";
  block = 0;
  for (const auto& panel : panels_) {
    s += "reset\nset grid\nset key box opaque\n";
    for (const auto& setting : panel.settings_) s += scaledFonts(setting, scale) + "\n";
    s += panel.is3d_ ? "splot " : "plot ";
    for (std::size_t k = 0; k < panel.series_.size(); ++k) {
      const auto& series = panel.series_[k];
      s += (k ? ", \\\n     " : "") +
           (series.data.empty() ? "" : "$d" + std::to_string(block++) + " ") + series.how;
      if (series.cellsAcross > 0) {
        // A cell's label must fit its cell with a gap beside it (a third of its font size), so that
        // labels in neighbouring cells never run together: the panel's plot area is about 3/4
        // of its width.
        const double cell = 0.75 * width_ / columns_ / series.cellsAcross;
        const int fits = static_cast<int>(cell / (series.labelEms + 0.33));
        const int points = series.labelPoints > 0 ? series.labelPoints
                                                  : std::clamp(fits, 1, fontPoints());
        s += " font '," + std::to_string(points) + "'";
      }
    }
    s += "\n";
  }
  if (several) s += "unset multiplot\n";
  s += "unset output\n";
  return s;
}

void Figure::save() const {
  auto gp = png_;
  gp.replace_extension(".gp");
  writeFileAtomically(gp, script());
  auto temporary = png_;
  temporary += ".tmp";
  const std::string command = "gnuplot -e " + shellQuoted("png = " + quoted(temporary.string())) +
                              " " + shellQuoted(gp.string()) + " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw Error(gp.string() + ": cannot run gnuplot");
  std::string complaint;
  std::array<char, 512> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe.get()))
    if (complaint.empty()) complaint = buffer.data();
  const int status = pclose(pipe.release());
  std::error_code ec;
  // gnuplot stops at the first error with a non-zero status; a warning (say, an empty range it
  // widened by itself) still draws the plot.
  if (status != 0) {
    std::filesystem::remove(temporary, ec);
    if (!complaint.empty() && complaint.back() == '\n') complaint.pop_back();
    throw Error(gp.string() + ": gnuplot failed: " + complaint);
  }
  std::filesystem::rename(temporary, png_, ec);
  if (ec) throw Error(png_.string() + ": cannot write the image: " + ec.message());
}

}  // namespace dl::plot
