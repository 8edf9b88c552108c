/// \file
/// \brief Chapter 4's pictures of the concepts before the code: the beginners' guide's network of
/// one hidden unit worked by hand through several turns of the learning cycle
/// (\ref chapter4_learning_by_hand), and the softmax (\ref chapter4_softmax_activation).

#include <armadillo>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

#include "dl/cli.hpp"
#include "dl/error.hpp"
#include "dl/layers.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"

/// Chapter 4's worked example (\ref chapter4_learning_by_hand) and the softmax figure.
namespace learning_by_hand {

/// A number as the console and the picture show it: four significant digits.
std::string num(double value) {
  std::ostringstream text;
  text << std::setprecision(4) << value;
  return text.str();
}

double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// [network]
/// The beginners' guide's network: three inputs, one hidden unit, one output, each unit a weighted
/// sum plus a bias followed by a sigmoid. The weights are round numbers a reader can follow.
struct Tiny {
  arma::vec w{0.2, -0.1, 0.05};  // w1, w2, w3: the inputs to the hidden unit
  double b1 = 0.1;               // the hidden unit's bias
  double w4 = 0.5, b2 = -0.1;    // the hidden unit to the output, and the output's bias
};
// [network]

/// Every value of one forward pass and one backward pass, named as on the page.
struct Pass {
  double z1, a1, z2, yhat, J;                  // forward
  double dyhat, dz2, dw4, db2, da1, dz1, db1;  // backward
  arma::vec dw;
};

// [by_hand]
/// Forward, the loss \f$J = (y - \hat y)^2\f$, and backward by the chain rule, one unit at a time.
Pass forwardAndBackward(const Tiny& net, const arma::vec& x, double y) {
  Pass p;
  p.z1 = arma::dot(net.w, x) + net.b1;  // the adder: weighted sum plus bias
  p.a1 = sigmoid(p.z1);                 // the activation
  p.z2 = net.w4 * p.a1 + net.b2;
  p.yhat = sigmoid(p.z2);
  p.J = (y - p.yhat) * (y - p.yhat);

  p.dyhat = -2 * (y - p.yhat);              // dJ/dyhat
  p.dz2 = p.dyhat * p.yhat * (1 - p.yhat);  // sigma'(z) = sigma(z) (1 - sigma(z))
  p.dw4 = p.dz2 * p.a1;
  p.db2 = p.dz2;
  p.da1 = p.dz2 * net.w4;
  p.dz1 = p.da1 * p.a1 * (1 - p.a1);
  p.dw = p.dz1 * x;
  p.db1 = p.dz1;
  return p;
}

/// The optimizer: one step of gradient descent on every weight and bias.
void sgdStep(Tiny& net, const Pass& p, double alpha) {
  net.w -= alpha * p.dw;
  net.b1 -= alpha * p.db1;
  net.w4 -= alpha * p.dw4;
  net.b2 -= alpha * p.db2;
}
// [by_hand]

/// The network of the worked example with its forward values and gradients on it.
std::string picture(const Tiny& net, const arma::vec& x, const Pass& p) {
  const char* names[] = {"study", "play", "sleep"};
  std::ostringstream dot;
  // pad: graphviz sizes the picture to its nodes, and the edge labels on the right touched its edge.
  dot << "digraph by_hand {\n  rankdir=TB; bgcolor=transparent; nodesep=0.5; ranksep=0.5; pad=0.2;\n"
      << "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#e9ecef\", color=\"#33415c\","
      << " fontsize=11, fontname=\"sans-serif\"];\n"  // as every other picture (dl::diagram)
      << "  edge [color=\"#33415c\", fontsize=10, fontname=\"sans-serif\"];\n";
  for (int i = 0; i < 3; ++i)
    dot << "  x" << i + 1 << " [label=\"x" << i + 1 << " (" << names[i] << ")\\n" << num(x(i))
        << "\"];\n";
  dot << "  h [fillcolor=\"#a9d6e5\", label=\"hidden unit\\nz1 = " << num(p.z1)
      << "\\na1 = sigma(z1) = " << num(p.a1) << "\\nb1 = " << num(net.b1)
      << ", dJ/db1 = " << num(p.db1) << "\"];\n"
      << "  o [fillcolor=\"#a9d6e5\", label=\"output unit\\nz2 = " << num(p.z2)
      << "\\nyhat = sigma(z2) = " << num(p.yhat) << "\\nb2 = " << num(net.b2)
      << ", dJ/db2 = " << num(p.db2) << "\"];\n"
      << "  J [fillcolor=\"#ffd6a5\", label=\"loss\\nJ = (y - yhat)^2\\n= " << num(p.J)
      << "\\n(y = 1)\"];\n";
  for (int i = 0; i < 3; ++i)
    dot << "  x" << i + 1 << " -> h [label=\"w" << i + 1 << " = " << num(net.w(i)) << "\\ndJ/dw"
        << i + 1 << " = " << num(p.dw(i)) << "\"];\n";
  dot << "  h -> o [label=\"w4 = " << num(net.w4) << "\\ndJ/dw4 = " << num(p.dw4) << "\"];\n"
      << "  o -> J;\n}\n";
  return dot.str();
}

/// The softmax of one column of logits, by the tutorial's own layer (dl::Dense::activate()).
arma::fvec softmax(const arma::fvec& z) {
  dl::Dense<float> layer(1, z.n_elem, dl::Activation::softmax);
  dl::Dense<float>::Cache c;
  c.Z = z;
  layer.activate(c);
  return arma::fvec(c.A);
}

/// The softmax as written, without the shift: overflows once a logit passes about 88 in float.
arma::fvec softmaxUnshifted(const arma::fvec& z) {
  const arma::fvec e = arma::exp(z);
  return e / arma::accu(e);
}

std::string oneLine(const arma::fvec& v) {
  std::string text = "(";
  for (arma::uword i = 0; i < v.n_elem; ++i) text += (i ? ", " : "") + num(v(i));
  return text + ")";
}

/// Left: the probabilities softmax makes of three logits (z, 1, 0) as z varies. Right: the
/// softmax of two logits (z, 0) is the sigmoid of z.
void softmaxFigure(const std::filesystem::path& png) {
  const arma::vec z = arma::linspace(-6, 6, 121);
  arma::vec p1(z.n_elem), p2(z.n_elem), p3(z.n_elem), two(z.n_elem), sig(z.n_elem);
  for (arma::uword i = 0; i < z.n_elem; ++i) {
    const arma::fvec p = softmax(arma::fvec{float(z(i)), 1.0f, 0.0f});
    p1(i) = p(0), p2(i) = p(1), p3(i) = p(2);
    two(i) = softmax(arma::fvec{float(z(i)), 0.0f})(0);
    sig(i) = sigmoid(z(i));
  }
  dl::plot::Figure figure(png, 1200, 560);
  figure.grid(1, 2);
  figure.panel()
      .title("three logits (z, 1, 0), against z")
      .ylabel("probability")
      .set("yrange [0:1]")
      .set("key below")
      .line(z, p1, "p1 (logit z)")
      .line(z, p2, "p2 (logit 1)")
      .line(z, p3, "p3 (logit 0)");
  figure.panel()
      .title("two logits (z, 0), against z: the sigmoid")
      .set("yrange [0:1]")
      .set("key below")
      .line(z, two, "p1 of softmax(z, 0)", "lines lw 6 lc rgb '#a9d6e5'")
      .line(z, sig, "sigma(z)", "lines lw 2 dt 2 lc rgb '#33415c'");
  figure.save();
}

}  // namespace learning_by_hand

int main(int argc, char** argv) {
  using namespace learning_by_hand;
  CLI::App app{"Chapter 4's worked example: the learning cycle by hand, and the softmax",
               "worked_example"};
  std::filesystem::path out;
  dl::cli::addOutOption(app, out, "mnist_mlp/worked_example");
  const double alpha = 1.0;  // the learning rate of the cycle
  const int iterations = 20;
  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    nlohmann::json summary;
    // [run]
    Tiny net;
    const arma::vec x{4, 2, 8};  // hours of study, of play, of sleep
    const double y = 1;          // passed
    const Pass first = forwardAndBackward(net, x, y);
    // [run]
    std::cout << "Forward (one sample, y = 1):\n"
              << "  hidden unit: z1 = w . x + b1 = " << num(first.z1) << ", a1 = sigma(z1) = "
              << num(first.a1) << "\n  output unit: z2 = w4 a1 + b2 = " << num(first.z2)
              << ", yhat = sigma(z2) = " << num(first.yhat) << "\n  loss: J = (y - yhat)^2 = "
              << num(first.J) << "\n\nBackward (the chain rule, from the loss down):\n"
              << "  dJ/dyhat = -2 (y - yhat) = " << num(first.dyhat)
              << "\n  dJ/dz2 = dJ/dyhat yhat (1 - yhat) = " << num(first.dz2)
              << "\n  dJ/dw4 = dJ/dz2 a1 = " << num(first.dw4) << ", dJ/db2 = " << num(first.db2)
              << "\n  dJ/da1 = dJ/dz2 w4 = " << num(first.da1)
              << "\n  dJ/dz1 = dJ/da1 a1 (1 - a1) = " << num(first.dz1)
              << "\n  dJ/dw = dJ/dz1 x = (" << num(first.dw(0)) << ", " << num(first.dw(1)) << ", "
              << num(first.dw(2)) << "), dJ/db1 = " << num(first.db1) << "\n";

    // The gradients against central differences: the by-hand chain rule must be right.
    double largest = 0;
    const auto lossAt = [&](const Tiny& t) { return forwardAndBackward(t, x, y).J; };
    const double h = 1e-6;
    for (int k = 0; k < 6; ++k) {
      Tiny plus = net, minus = net;
      double* pp[] = {&plus.w(0), &plus.w(1), &plus.w(2), &plus.b1, &plus.w4, &plus.b2};
      double* mm[] = {&minus.w(0), &minus.w(1), &minus.w(2), &minus.b1, &minus.w4, &minus.b2};
      *pp[k] += h, *mm[k] -= h;
      const double numeric = (lossAt(plus) - lossAt(minus)) / (2 * h);
      const double analytic[] = {first.dw(0), first.dw(1), first.dw(2),
                                 first.db1,   first.dw4,   first.db2};
      largest = std::max(largest, std::abs(numeric - analytic[k]));
    }
    std::cout << "  largest difference from central differences: " << std::setprecision(2)
              << largest << "\n";
    if (largest > 1e-8) throw dl::Error("the chain rule and the central differences disagree");
    dl::writeFileAtomically(out / "by_hand.dot", picture(net, x, first));

    std::cout << "\nThe learning cycle, " << iterations << " iterations with learning rate "
              << num(alpha) << ":\n";
    nlohmann::json cycle = nlohmann::json::array();
    // [cycle]
    for (int it = 1; it <= iterations; ++it) {
      const Pass p = forwardAndBackward(net, x, y);  // forward, loss, backward
      sgdStep(net, p, alpha);                         // the optimizer's update
      const double after = forwardAndBackward(net, x, y).J;
      // [cycle]
      if (it <= 3 || it % 5 == 0)
        std::cout << "  iteration " << std::setw(2) << it << ": yhat " << num(p.yhat)
                  << ", J " << num(p.J) << " -> after the update " << num(after) << "\n";
      cycle.push_back({{"iteration", it}, {"yhat", p.yhat}, {"loss", p.J}, {"loss_after", after}});
    }

    // The softmax: probabilities from logits, and the shift by the largest logit.
    const arma::fvec logits{2.0f, 1.0f, -1.0f};
    const arma::fvec large = logits + 1000.0f;
    const arma::fvec p = softmax(logits), pLarge = softmax(large),
                     naive = softmaxUnshifted(large);
    std::cout << "\nSoftmax of the logits " << oneLine(logits) << ": " << oneLine(p)
              << ", sum " << num(arma::accu(p)) << "\nThe logits plus 1000, " << oneLine(large)
              << ":\n  as written, exp(z) / sum exp(z): "
              << (naive.has_nan() ? "not a number (exp(1002) is infinite in float, inf / inf)"
                                  : oneLine(naive))
              << "\n  shifted by z_max = " << num(large.max()) << " first: " << oneLine(pLarge)
              << "\n";
    softmaxFigure(out / "softmax.png");

    summary["alpha"] = alpha;
    summary["iterations"] = iterations;
    summary["x"] = {x(0), x(1), x(2)};
    summary["first"] = {{"z1", first.z1}, {"a1", first.a1}, {"z2", first.z2},
                        {"yhat", first.yhat}, {"loss", first.J}, {"dz2", first.dz2},
                        {"dw4", first.dw4}, {"dz1", first.dz1}};
    summary["cycle"] = cycle;
    summary["softmax"] = {{"logits", {logits(0), logits(1), logits(2)}},
                          {"p", {p(0), p(1), p(2)}},
                          {"shifted_by_1000", {pLarge(0), pLarge(1), pLarge(2)}},
                          {"unshifted_is_nan", naive.has_nan()}};
    dl::writeJson(out / "summary.json", summary);
    return 0;
  });
}
