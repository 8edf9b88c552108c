#pragma once
/// \file
/// \brief Plots drawn by gnuplot from C++: a figure is one PNG made of one or more panels.
///
/// The helper writes a gnuplot script with the data inline (next to the image, as `name.gp`, so a
/// reader can change a label or a colour and run `gnuplot name.gp` again) and runs gnuplot on it.
/// A typical use:
///
///     dl::plot::Figure figure(out / "loss.png");
///     figure.panel().title("Loss against epoch").xlabel("epoch").ylabel("MSE")
///           .line(epochs, loss, "loss");
///     figure.save();
///
/// Every figure is drawn to be read in the site's text column, about kColumnPixels wide: its labels
/// are kLabelPoints tall there. A wider canvas gets a proportionally larger font and thicker lines
/// (Figure::fontPoints()), so a 1400 px figure shown at the column's width still has labels of
/// kLabelPoints pixels; the site opens every figure at full size on a click.
///
/// Programs call gnuplotAvailable() first and skip their plots, saying so, where gnuplot is not
/// installed: the numbers (CSV, JSON) never depend on it.

#include <armadillo>
#include <filesystem>
#include <limits>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <vector>

/// \brief Figures drawn by gnuplot: a Figure of one or more Panel objects, written as a PNG with
/// the gnuplot script that draws it beside it.
namespace dl::plot {

/// A read-only series of numbers for a plot: an arma::vec or rowvec, a std::vector<double>, or
/// anything else laid out contiguously with begin() and size(). It is a std::span, made here
/// because not every standard library makes a span from an Armadillo vector (libc++ 14, which
/// the browser build uses, wants a data() member).
struct Values : std::span<const double> {
  template <typename Series>
  Values(const Series& series)  // NOLINT(google-explicit-constructor): converts like a span
      : std::span<const double>(std::to_address(std::begin(series)), std::size(series)) {}
};

/// The width in CSS pixels of the site's text column at a 1280 px desktop, which figures are drawn for.
inline constexpr int kColumnPixels = 880;
/// The size of a figure's labels as shown in that column, in pixels (gnuplot's pngcairo draws a
/// point as one image pixel).
inline constexpr int kLabelPoints = 14;

/// True when a `gnuplot` program can be run (looked up once on the PATH).
bool gnuplotAvailable();

namespace detail {
// One data series of a Panel. Outside the class, since Doxygen 1.9.4 links a private nested
// class from the page's summary without writing the section the link points to.
struct Series {
  std::string data;  // the rows of an inline gnuplot data block
  std::string how;   // using/with/title clause
  // For a heatmap's cell labels: the cells across and the widest label in font sizes, which bound
  // their font, unless a font size is given.
  int cellsAcross = 0;
  double labelEms = 0;
  int labelPoints = 0;
};
}  // namespace detail

/// How Panel::heatmap() labels its cells.
struct CellLabels {
  /// printf-style format of a cell's value; empty for no labels.
  std::string format = "%g";
  /// False leaves the cells that hold 0 blank (an image's background, where a 0 in every cell
  /// would crowd out the values that matter).
  bool zeros = true;
  /// Cells holding this value or more get white labels: the dark end of the palette.
  double whiteFrom = std::numeric_limits<double>::infinity();
  /// The labels' font size; 0 for as large as fits a cell in a plot area about 3/4 of the
  /// panel's width (a panel laid out otherwise, say square without a colour box, sets it).
  int points = 0;
};

/// One set of axes: its settings and the data series drawn on it.
class Panel {
 public:
  /// A title, axis label or key entry may hold line breaks ('\n'): it is drawn as several lines.
  Panel& title(const std::string& text);
  Panel& xlabel(const std::string& text);
  Panel& ylabel(const std::string& text);
  Panel& zlabel(const std::string& text);
  /// Any other gnuplot `set` command, without the word `set` (e.g. `"logscale y"`, `"key left"`).
  Panel& set(const std::string& command);
  /// A gnuplot `unset` command, without the word `unset` (e.g. `"xtics"`, `"colorbox"`).
  Panel& unset(const std::string& command);

  /// y against x joined by lines. `style` is gnuplot's `with` clause.
  Panel& line(Values x, Values y, const std::string& label,
              const std::string& style = "lines lw 2");
  /// y against x as dots (a scatter plot).
  Panel& points(Values x, Values y, const std::string& label,
                const std::string& style = "points pt 7 ps 0.4");
  /// A horizontal line at height y across the panel, dashed by default (a true value).
  Panel& hline(double y, const std::string& label,
               const std::string& style = "lines dt 2 lw 2 lc rgb 'red'");

  /// A matrix drawn as coloured cells, row 0 at the top, each cell labelled with its value
  /// (printf-style `format`, empty for no labels). `columns` and `rows` name the ticks (may be
  /// empty). For confusion matrices and images. The labels' font is as large as fits a cell.
  Panel& heatmap(const arma::mat& values, const std::vector<std::string>& columns,
                 const std::vector<std::string>& rows, const std::string& format = "%g");
  /// The same, with the cells labelled as `labels` says.
  Panel& heatmap(const arma::mat& values, const std::vector<std::string>& columns,
                 const std::vector<std::string>& rows, const CellLabels& labels);

  /// A surface z(i, j) over the grid (x(i), y(j)): drawn in 3-D, or as contour lines after
  /// `set("view map")`. Makes this a 3-D panel; then only the 3-D series below may follow.
  Panel& surface(Values x, Values y, const arma::mat& z,
                 const std::string& label, const std::string& style = "lines lc rgb '#7fa8d0'");
  /// A path through 3-D points (x, y, z), for example gradient descent on a loss surface.
  Panel& path(Values x, Values y, Values z,
              const std::string& label,
              const std::string& style = "linespoints pt 7 ps 1.2 lw 2 lc rgb 'red'");

 private:
  friend class Figure;
  std::vector<std::string> settings_;  // whole `set ...` and `unset ...` lines
  std::vector<detail::Series> series_;
  bool is3d_ = false;
};

/// One PNG file holding one panel, or several laid out in a grid.
class Figure {
 public:
  /// `png` is where the image goes; its script is written beside it as `<stem>.gp`.
  explicit Figure(std::filesystem::path png, int width = 800, int height = 500);

  /// Lays the panels out in `rows` x `columns`, under an optional overall title.
  Figure& grid(int rows, int columns, const std::string& title = "");
  /// Adds a panel and returns it to be filled in.
  Panel& panel();

  /// The font size of the labels: kLabelPoints, scaled up with a canvas wider than kColumnPixels.
  /// A font size a panel sets itself through Panel::set() (a tics or label font) is scaled the
  /// same way.
  int fontPoints() const;
  /// The complete gnuplot script (what save() writes and runs).
  std::string script() const;
  /// Writes the script and runs gnuplot on it; the image appears under its final name only when
  /// gnuplot succeeded. Throws dl::Error with gnuplot's first message when it failed.
  void save() const;

 private:
  std::filesystem::path png_;
  int width_, height_;
  int rows_ = 1, columns_ = 1;
  std::string title_;
  std::vector<Panel> panels_;
};

}  // namespace dl::plot
