// The network pictures: what the DOT text draws, and that graphviz accepts it.
#include "dl/diagram.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "dl/error.hpp"
#include "program.hpp"

namespace {

std::ptrdiff_t count(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
}

TEST(NetworkDiagram, DrawsEveryUnitOfASmallNetworkAndJoinsEveryPair) {
  const std::string dot = dl::diagram::network({{"input", 3, ""}, {"hidden", 2, "ReLU"}, {"output", 1, ""}});
  EXPECT_EQ(count(dot, R"(u\d+_\d+ \[fillcolor)"), 6);
  EXPECT_EQ(count(dot, R"(u\d+_\d+ -> u\d+_\d+;)"), 3 * 2 + 2 * 1);
  EXPECT_EQ(count(dot, "⋮"), 0);
  EXPECT_NE(dot.find(R"(label="hidden\n2 units, ReLU\n8 weights and biases")"), std::string::npos);
  EXPECT_NE(dot.find(R"(label="output\n1 unit\n3 weights and biases")"), std::string::npos);
}

TEST(NetworkDiagram, CutsALargeLayerAndSaysHowManyUnitsItHas) {
  const std::string dot =
      dl::diagram::network({{"input", 784, ""}, {"hidden layer 1", 300, "ReLU"}, {"output", 10, "softmax"}}, 5);
  EXPECT_EQ(count(dot, "⋮"), 3);
  EXPECT_EQ(count(dot, R"(u\d+_\d+ \[fillcolor)"), 3 * 4);  // 3 first units and the last, per layer
  EXPECT_EQ(count(dot, R"(u\d+_\d+ -> u\d+_\d+;)"), 4 * 4 * 2);
  EXPECT_NE(dot.find(R"(hidden layer 1\n300 units, ReLU\n235 500 weights and biases)"), std::string::npos);
}

TEST(NetworkDiagram, RefusesWhatItCannotDraw) {
  EXPECT_THROW(dl::diagram::network({{"input", 3, ""}}), dl::Error);
  EXPECT_THROW(dl::diagram::network({{"input", 3, ""}, {"empty", 0, ""}}), dl::Error);
  EXPECT_THROW(dl::diagram::network({{"input", 3, ""}, {"out", 1, ""}}, 2), dl::Error);
}

TEST(NetworkDiagram, QuotesLabels) {
  EXPECT_EQ(dl::diagram::quoted("a \"b\"\nc\\d"), R"("a \"b\"\nc\\d")");
}

TEST(NetworkDiagram, GraphvizDrawsIt) {
  if (std::system("dot -V > /dev/null 2>&1") != 0) GTEST_SKIP() << "graphviz is not installed";
  const auto dir = dl::test::freshDir();
  std::ofstream(dir / "net.dot") << dl::diagram::network(
      {{"input", 784, ""}, {"hidden", 300, "ReLU"}, {"hidden", 100, "ReLU"}, {"output", 10, "softmax"}});
  const std::string command =
      "dot -Tsvg '" + (dir / "net.dot").string() + "' -o '" + (dir / "net.svg").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_GT(std::filesystem::file_size(dir / "net.svg"), 1000u);
}

}  // namespace
