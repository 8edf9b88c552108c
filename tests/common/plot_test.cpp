// The plot helper: the script it writes, the image it makes, and how it fails.
#include "dl/plot.hpp"

#include <gtest/gtest.h>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Figure, ScriptHoldsTheDataInlineWithLabelsAndStyles) {
  dl::plot::Figure figure("/tmp/never-written.png", 640, 480);
  figure.panel()
      .title("Epoch vs loss")
      .xlabel("epoch")
      .ylabel("it's the loss")
      .line(arma::vec{0, 1, 2}, arma::vec{9, 4, 1}, "loss")
      .hline(0.5, "target");
  const std::string script = figure.script();
  EXPECT_TRUE(contains(script, "set terminal pngcairo size 640,480"));
  EXPECT_TRUE(contains(script, "$d0 << EOD\n0 9\n1 4\n2 1\nEOD\n"));
  EXPECT_TRUE(contains(script, "set title 'Epoch vs loss' noenhanced"));
  EXPECT_TRUE(contains(script, "set ylabel 'it''s the loss' noenhanced"));  // quotes doubled
  EXPECT_TRUE(contains(script, "plot $d0 using 1:2 with lines lw 2 title 'loss' noenhanced"));
  EXPECT_TRUE(contains(script, "0.5 with lines dt 2"));
  EXPECT_FALSE(contains(script, "multiplot"));
}

TEST(Figure, SeveralPanelsMakeAMultiplotAndSurfacesAnSplot) {
  dl::plot::Figure figure("/tmp/never-written.png");
  figure.grid(1, 2, "two");
  figure.panel().line(arma::vec{0, 1}, arma::vec{1, 0}, "a");
  figure.panel().surface(arma::vec{0, 1}, arma::vec{0, 1, 2}, arma::mat(2, 3, arma::fill::ones),
                         "s");
  const std::string script = figure.script();
  EXPECT_TRUE(contains(script, "set multiplot layout 1,2 title 'two'"));
  EXPECT_TRUE(contains(script, "$d1 << EOD\n0 0 1\n0 1 1\n0 2 1\n\n1 0 1\n1 1 1\n1 2 1\n\nEOD"));
  EXPECT_TRUE(contains(script, "splot $d1 using 1:2:3"));
}

TEST(Figure, LabelsGrowWithTheCanvasSoTheyReadAtTheColumnsWidth) {
  // A figure as wide as the column gets the label size; twice as wide, twice the font and lines,
  // so that scaled down to the column its labels are as tall. Narrower keeps the label size.
  dl::plot::Figure column("/tmp/never-written.png", dl::plot::kColumnPixels, 400);
  dl::plot::Figure wide("/tmp/never-written.png", 2 * dl::plot::kColumnPixels, 400);
  dl::plot::Figure narrow("/tmp/never-written.png", dl::plot::kColumnPixels / 2, 400);
  EXPECT_EQ(column.fontPoints(), dl::plot::kLabelPoints);
  EXPECT_EQ(wide.fontPoints(), 2 * dl::plot::kLabelPoints);
  EXPECT_EQ(narrow.fontPoints(), dl::plot::kLabelPoints);
  EXPECT_TRUE(contains(wide.script(), "font 'Sans," + std::to_string(2 * dl::plot::kLabelPoints) +
                                          "' linewidth 2\n"));
  // A font a panel sets itself grows the same way.
  wide.panel().set("tics font ',7'").line(arma::vec{0, 1}, arma::vec{1, 0}, "a");
  EXPECT_TRUE(contains(wide.script(), "set tics font ',14'\n"));
  // Run by a reader, the script draws the image under its own name.
  EXPECT_TRUE(contains(wide.script(), "if (!exists('png')) png = 'never-written.png'\nset output png\n"));
}

TEST(Figure, ATitleWithALineBreakIsDrawnOnTwoLines) {
  dl::plot::Figure figure("/tmp/never-written.png");
  figure.panel().title("Ankle boot\n-> \"Sandal\" \\").line(arma::vec{0, 1}, arma::vec{1, 0}, "a");
  // A double-quoted gnuplot string, where \n is a line break and a quote or backslash is escaped.
  EXPECT_TRUE(contains(figure.script(), "set title \"Ankle boot\\n-> \\\"Sandal\\\" \\\\\" noenhanced\n"))
      << figure.script();
}

TEST(Figure, HeatmapLabelsCanLeaveZerosBlankAndTurnWhiteOnDarkCells) {
  dl::plot::Figure figure("/tmp/never-written.png", 880, 880);
  figure.panel().heatmap(arma::mat{{0, 0.5}, {1, 0}}, {}, {},
                         dl::plot::CellLabels{.format = "%.1f", .zeros = false, .whiteFrom = 0.5});
  const std::string script = figure.script();
  EXPECT_TRUE(contains(script, "matrix using 1:2:($3 == 0 ? '' : sprintf('%.1f', $3))"
                               ":($3 >= 0.5 ? 0xffffff : 0) with labels notitle"
                               " textcolor rgb variable font ',14'"))
      << script;
  // By default every cell has its label, in black, as large as fits the cell.
  dl::plot::Figure counts("/tmp/never-written.png", 880, 880);
  counts.panel().heatmap(arma::mat(10, 10, arma::fill::value(1130)), {}, {}, "%g");
  EXPECT_TRUE(contains(counts.script(), "matrix using 1:2:(sprintf('%g', $3)) with labels notitle"
                                        " font ',14'"))
      << counts.script();
  // Labels too wide for their cells at the column's font get a smaller one: "1130" (about 3.4
  // font sizes and a gap of a third) in cells of 0.75 * 880 / 40 = 16.5 px.
  dl::plot::Figure crowded("/tmp/never-written.png", 880, 880);
  crowded.panel().heatmap(arma::mat(40, 40, arma::fill::value(1130)), {}, {}, "%g");
  EXPECT_TRUE(contains(crowded.script(), "font ',4'")) << crowded.script();
  // A label font the chapter gives is kept.
  dl::plot::Figure fixed("/tmp/never-written.png", 880, 880);
  fixed.panel().heatmap(arma::mat(40, 40, arma::fill::value(1130)), {}, {},
                        dl::plot::CellLabels{.format = "%g", .points = 9});
  EXPECT_TRUE(contains(fixed.script(), "font ',9'")) << fixed.script();
}

TEST(Figure, MismatchedDataIsAnError) {
  dl::plot::Figure figure("/tmp/never-written.png");
  EXPECT_THROW(figure.panel().line(arma::vec{0, 1}, arma::vec{1}, "a"), dl::Error);
  EXPECT_THROW(figure.panel().surface(arma::vec{0, 1}, arma::vec{0}, arma::mat(2, 2), "s"),
               dl::Error);
}

TEST(Figure, SaveWritesAPngAndItsScript) {
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed";
  const auto dir = dl::test::freshDir();
  dl::plot::Figure figure(dir / "loss.png");
  figure.panel().line(arma::vec{0, 1, 2}, arma::vec{9, 4, 1}, "loss");
  figure.save();
  const std::string png = dl::test::readText(dir / "loss.png");
  ASSERT_GT(png.size(), 1000u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
  EXPECT_TRUE(std::filesystem::exists(dir / "loss.gp"));
  EXPECT_FALSE(std::filesystem::exists(dir / "loss.png.tmp"));
}

TEST(Figure, GnuplotsComplaintIsAnErrorAndNoImageIsLeft) {
  if (!dl::plot::gnuplotAvailable()) GTEST_SKIP() << "gnuplot is not installed";
  const auto dir = dl::test::freshDir();
  dl::plot::Figure figure(dir / "bad.png");
  figure.panel().set("nonsense-setting 3").line(arma::vec{0, 1}, arma::vec{1, 0}, "a");
  try {
    figure.save();
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_TRUE(contains(e.what(), "bad.gp: gnuplot failed")) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.png"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.png.tmp"));
}

}  // namespace
