/// \file
/// \brief Chapter 3's worked example: backpropagation through the article's 3-2-2-1 network one
/// weight at a time, then the same numbers from the chapter's matrix formulas
/// (\ref chapter3_by_hand).

#include <armadillo>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "dl/cli.hpp"
#include "dl/diagram.hpp"
#include "dl/output.hpp"

#define DL_CHAPTER_TEST  // the chapter's functions, without its main()
#include "main.cpp"

/// The worked example of \ref chapter3_by_hand.
namespace worked_example {

using boston_regression::Network;

/// A number as the console and the picture show it: four significant digits.
std::string num(double value) {
  std::ostringstream text;
  text << std::setprecision(4) << value;
  return text.str();
}

/// A small matrix on one line, row by row: `[[1, 2], [3, 4]]`.
std::string oneLine(const arma::mat& M) {
  std::string text = "[";
  for (arma::uword i = 0; i < M.n_rows; ++i) {
    text += i ? ", [" : "[";
    for (arma::uword j = 0; j < M.n_cols; ++j) text += (j ? ", " : "") + num(M(i, j));
    text += "]";
  }
  return text + "]";
}

/// The same inside a product, in brackets when negative: `0.5 * (-0.2)`.
std::string factor(double value) {
  return value < 0 ? "(" + num(value) + ")" : num(value);
}

/// The article's picture: inputs \f$x_1, x_2, x_3\f$ (size, bedrooms, distance to the centre),
/// hidden units \f$A_1, A_2\f$ and \f$B_1, B_2\f$ (ReLU), and the price \f$\hat y\f$ (linear).
/// The weights are round numbers, so that a reader can follow every product by hand.
// [network]
Network exampleNetwork() {
  return {{arma::mat{{0.5, -0.2, 0.3}, {0.1, 0.4, -0.6}}, arma::vec{0.1, 0.2}},
          {arma::mat{{0.7, 0.3}, {-0.5, 0.6}}, arma::vec{0.0, 0.2}},
          {arma::mat{{0.6, 0.9}}, arma::vec{0.5}}};
}
// [network]

/// The unit names of the picture, layer by layer.
const std::vector<std::vector<std::string>> kNames{
    {"x1", "x2", "x3"}, {"u1", "u2"}, {"v1", "v2"}, {"yhat"}};

/// Backpropagation as article 3 first tells it, one unit and one weight at a time. Every unit
/// has an error \f$\delta\f$, the derivative of the loss with respect to its input \f$z\f$:
/// \f[
/// \begin{aligned}
///   \delta_{\hat y} &= \hat y - y, &
///   \delta_j &= g'(z_j) \sum_{k} w_{kj}\, \delta_k, \\
///   \frac{\partial J}{\partial w_{jk}} &= \delta_j\, a_k, &
///   \frac{\partial J}{\partial b_j} &= \delta_j,
/// \end{aligned}
/// \f]
/// the sum running over every unit \f$k\f$ of the next layer that unit \f$j\f$ feeds: every path
/// from \f$j\f$ to the loss. `delta[l](j)` is unit j's error in layer l (l = 1..3), `dW[l]` the
/// gradients of layer l's weights. Each step is printed as it is computed.
struct ByHand {
  std::vector<arma::vec> delta;
  std::vector<arma::mat> dW;
};

// [by_hand]
ByHand backwardOneWeightAtATime(const Network& net, const boston_regression::Cache& ch, double y,
                                std::ostream& log) {
  const std::size_t L = net.size();
  ByHand r{std::vector<arma::vec>(L + 1), std::vector<arma::mat>(L + 1)};
  r.delta[L] = arma::vec{ch.A[L](0) - y};
  log << "  error of yhat:  " << num(ch.A[L](0)) << " - " << num(y) << " = " << num(r.delta[L](0))
      << "\n";
  for (std::size_t l = L; l >= 1; --l) {
    const arma::mat& W = net[l - 1].W;
    r.dW[l].set_size(arma::size(W));
    for (arma::uword j = 0; j < W.n_rows; ++j)
      for (arma::uword k = 0; k < W.n_cols; ++k) {
        r.dW[l](j, k) = r.delta[l](j) * ch.A[l - 1](k);
        log << "  dJ/dw(" << kNames[l - 1][k] << " -> " << kNames[l][j]
            << ") = " << factor(r.delta[l](j)) << " * " << factor(ch.A[l - 1](k)) << " = "
            << num(r.dW[l](j, k)) << "\n";
      }
    if (l == 1) break;
    r.delta[l - 1].set_size(W.n_cols);
    for (arma::uword j = 0; j < W.n_cols; ++j) {  // unit j of layer l-1 feeds every unit k of l
      const double slope = ch.Z[l - 1](j) > 0 ? 1 : 0;  // ReLU'(z)
      double sum = 0;
      log << "  error of " << kNames[l - 1][j] << ":  " << num(slope) << " * (";  // ReLU' * (...)
      for (arma::uword k = 0; k < W.n_rows; ++k) {  // one term per path through unit k
        sum += W(k, j) * r.delta[l](k);
        log << (k ? " + " : "") << factor(W(k, j)) << " * " << factor(r.delta[l](k));
      }
      r.delta[l - 1](j) = slope * sum;
      log << ") = " << num(r.delta[l - 1](j)) << "\n";
    }
  }
  return r;
}
// [by_hand]

/// The picture, top to bottom so that it also fits a phone: every unit as a small table (a
/// graphviz record) with its \f$z\f$, \f$a\f$ and error \f$\delta\f$, then every weight that enters
/// it, from which unit, with its value and its gradient \f$\partial J / \partial w\f$, and last its
/// bias with \f$\partial J / \partial b\f$.
std::string picture(const Network& net, const boston_regression::Cache& ch, const ByHand& r) {
  std::ostringstream dot;
  dot << "digraph worked_example {\n"
         "  rankdir=TB; splines=line; ordering=out; nodesep=0.35; ranksep=0.55; bgcolor=transparent;\n"
         "  node [shape=Mrecord, style=filled, fontsize=14, color=\"#33415c\","
         " fontname=\"sans-serif\"];\n"  // the font of every other picture (dl::diagram)
         "  edge [color=\"#7d8597\", arrowsize=0.6];\n";
  for (std::size_t l = 0; l < kNames.size(); ++l) {
    dot << "  { rank=same; ";  // one row per layer, its units left to right (ordering=out)
    for (const std::string& name : kNames[l]) dot << name << "; ";
    dot << "}\n";
    for (std::size_t j = 0; j < kNames[l].size(); ++j) {
      // A record: fields separated by |, and each {...} turns the direction: the unit's lines
      // stacked, then three columns (from, w, dJ/dw) of one row per incoming weight.
      std::string label = "{" + kNames[l][j] + "|";
      if (l == 0) {
        label += "x = " + num(ch.A[0](j));
      } else {
        std::string from = "{from", w = "{w", dw = "{∂J/∂w";
        for (std::size_t k = 0; k < kNames[l - 1].size(); ++k) {
          from += "|" + kNames[l - 1][k];
          w += "|" + num(net[l - 1].W(j, k));
          dw += "|" + num(r.dW[l](j, k));
        }
        label += "z = " + num(ch.Z[l](j)) + ", a = " + num(ch.A[l](j)) + "|δ = " +
                 num(r.delta[l](j)) + "|{" + from + "|bias}|" + w + "|" +
                 num(net[l - 1].b(j)) + "}|" + dw + "|" + num(r.delta[l](j)) + "}}";
      }
      const char* fill = l == 0 ? "#e9ecef" : l + 1 == kNames.size() ? "#ffd6a5" : "#a9d6e5";
      dot << "  " << kNames[l][j] << " [label=" << dl::diagram::quoted(label + "}")
          << ", fillcolor=\"" << fill << "\"];\n";
    }
  }
  for (std::size_t l = 1; l < kNames.size(); ++l)
    for (std::size_t j = 0; j < kNames[l].size(); ++j)
      for (std::size_t k = 0; k < kNames[l - 1].size(); ++k)
        dot << "  " << kNames[l - 1][k] << " -> " << kNames[l][j] << ";\n";
  dot << "}\n";
  return dot.str();
}

}  // namespace worked_example

int main(int argc, char** argv) {
  using namespace worked_example;
  CLI::App app{"Chapter 3's worked example: backpropagation one weight at a time", "worked_example"};
  std::filesystem::path out;
  dl::cli::addOutOption(app, out, "boston_regression/worked_example");
  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    // [run]
    const Network net = exampleNetwork();
    const arma::mat X = arma::vec{1.0, 0.5, -1.0};  // one house: three features, one column
    const arma::rowvec Y = {2.0};                   // its price
    boston_regression::Cache ch;
    boston_regression::forward(net, X, ch);
    // [run]
    std::cout << "Forward, one layer at a time (z = W a + b, then a = max(z, 0), linear at the end):\n";
    for (std::size_t l = 1; l < kNames.size(); ++l)
      for (std::size_t j = 0; j < kNames[l].size(); ++j)
        std::cout << "  " << kNames[l][j] << ": z = " << num(ch.Z[l](j)) << ", a = " << num(ch.A[l](j))
                  << "\n";
    const double J = boston_regression::cost(net, ch.A.back(), Y);
    std::cout << "  loss J = (yhat - y)^2 / 2 = " << num(J) << "\n\nBackward, one weight at a time:\n";
    const ByHand r = backwardOneWeightAtATime(net, ch, Y(0), std::cout);

    // [matrices]
    boston_regression::Gradients g;
    boston_regression::backward(net, ch, Y, g);
    // [matrices]
    std::cout << "\nThe same with the chapter's matrix formulas, layer by layer from the top:\n";
    double largest = 0;
    for (std::size_t l = net.size(); l >= 1; --l) {
      std::cout << "  dZ" << l << " = " << oneLine(g.dZ[l]) << "   dW" << l << " = dZ" << l << " A"
                << l - 1 << "^T = " << oneLine(g.dW[l]) << "\n";
      if (l > 1)
        std::cout << "  W" << l << "^T = " << oneLine(net[l - 1].W.t()) << ": row j holds the weights"
                  << " leaving unit " << kNames[l - 1][0].substr(0, 1) << "j\n";
      largest = std::max({largest, arma::abs(g.dW[l] - r.dW[l]).max(),
                          arma::abs(g.dZ[l].col(0) - r.delta[l]).max()});
    }
    std::cout << "Largest difference between the two ways: " << largest << "\n";
    if (largest > 1e-12)
      throw dl::Error("the matrix formulas and the unit-by-unit sums disagree by " + num(largest));
    dl::writeFileAtomically(out / "worked_example.dot", picture(net, ch, r));
    dl::writeJson(out / "summary.json", {{"loss", J}, {"largest_difference", largest}});
    return 0;
  });
}
