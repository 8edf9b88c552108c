/// \file
/// \brief The epilogue's computation graph (\ref backprop): chapter 2's network, shrunk to two
/// inputs and two hidden units, taken apart into single operations. A forward pass stores each
/// operation's value and local derivatives; the backward pass is one loop of the chain rule over
/// the operations in reverse. The gradients must equal those of the chapter's own backward().

#include <armadillo>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "dl/cli.hpp"
#include "dl/error.hpp"
#include "dl/output.hpp"

#define DL_CHAPTER_TEST  // the chapter's functions, without its main()
#include "main.cpp"

/// The computation graph of \ref backprop.
namespace computation_graph {

/// One node: a number, the operation that made it from its inputs, the local derivative of that
/// operation with respect to each input, and (after the backward pass) the gradient of the loss
/// \f$\ell\f$ with respect to this number.
// [node]
struct Node {
  std::string op;              // "×", "+", "ReLU", "σ", "ℓ"; empty for an input or a parameter
  std::string name;            // an input's or a parameter's name: "x1", "W1[1,2]", "b2"
  double value = 0;            // the forward pass's number
  std::vector<int> inputs;     // the nodes this operation reads
  std::vector<double> local;   // ∂value/∂input, one per input: the operation's own derivative
  double grad = 0;             // ∂ℓ/∂value, filled in by the backward pass
};
// [node]

/// A computation graph, built in the order of the forward pass: every node comes after the nodes
/// it reads, so the reverse order visits a node only after every node that reads it.
class Graph {
 public:
  /// An input or a parameter: a number that no operation makes.
  int leaf(const std::string& name, double value) { return push({"", name, value, {}, {}}); }

  // [operations]
  int mul(int a, int b) {  // a b: the derivative with respect to a is b, and to b is a
    return push({"×", "", at(a) * at(b), {a, b}, {at(b), at(a)}});
  }
  int add(const std::vector<int>& terms) {  // a + b + ...: 1 for every term
    double sum = 0;
    for (int t : terms) sum += at(t);
    return push({"+", "", sum, terms, std::vector<double>(terms.size(), 1.0)});
  }
  int relu(int z) {  // max(z, 0): 1 where z > 0, else 0
    return push({"ReLU", "", std::max(at(z), 0.0), {z}, {at(z) > 0 ? 1.0 : 0.0}});
  }
  int sigmoid(int z) {  // σ(z) = 1 / (1 + e^-z): σ(z) (1 - σ(z))
    const double s = 1 / (1 + std::exp(-at(z)));
    return push({"σ", "", s, {z}, {s * (1 - s)}});
  }
  int crossEntropy(int yhat, double y) {  // ℓ = -[y log ŷ + (1-y) log(1-ŷ)]: (ŷ - y) / (ŷ (1 - ŷ))
    const double p = at(yhat);
    return push({"ℓ", "", -(y * std::log(p) + (1 - y) * std::log(1 - p)), {yhat},
                 {(p - y) / (p * (1 - p))}});
  }
  // [operations]

  /// The backward pass: the loss's gradient with respect to itself is 1; then, from the last node
  /// back to the first, each node hands every input its own gradient times the local derivative.
  /// A number read by two operations adds up what both hand back.
  // [backward]
  void backward(int loss) {
    for (Node& n : nodes_) n.grad = 0;
    nodes_[loss].grad = 1;
    for (int i = loss; i >= 0; --i)
      for (std::size_t k = 0; k < nodes_[i].inputs.size(); ++k)
        nodes_[nodes_[i].inputs[k]].grad += nodes_[i].local[k] * nodes_[i].grad;
  }
  // [backward]

  const Node& operator[](int i) const { return nodes_[i]; }
  int size() const { return static_cast<int>(nodes_.size()); }

 private:
  double at(int i) const { return nodes_[i].value; }
  int push(Node n) {
    nodes_.push_back(std::move(n));
    return size() - 1;
  }
  std::vector<Node> nodes_;
};

/// A number as the picture and the console show it: three significant digits.
std::string num(double value) {
  if (std::abs(value) < 5e-16) value = 0;  // no "-0"
  std::ostringstream text;
  text << std::setprecision(3) << value;
  return text.str();
}

/// A name with the digits after its letter as a subscript, for graphviz's HTML-like labels:
/// W1[1,2] -> W<SUB>1</SUB>[1,2].
std::string subscripted(const std::string& name) {
  const auto end = name.find_first_not_of("0123456789", 1);
  const std::string digits = name.substr(1, end == std::string::npos ? end : end - 1);
  if (digits.empty()) return name;
  return name.substr(0, 1) + "<SUB>" + digits + "</SUB>" + name.substr(1 + digits.size());
}

/// The operation's local derivatives as the picture writes them under its symbol: a and b are
/// the inputs of × in the order drawn (top first).
std::string localRule(const std::string& op) {
  if (op == "×") return "∂/∂a = b<BR/>∂/∂b = a";
  if (op == "+") return "∂ = 1 for<BR/>each input";
  if (op == "ReLU") return "∂/∂z =<BR/>[z &gt; 0]";
  if (op == "σ") return "∂/∂z =<BR/>σ(1 − σ)";
  return "∂/∂ŷ =<BR/>(ŷ − y) /<BR/>(ŷ(1 − ŷ))";
}

/// The graph for graphviz, left to right: inputs and parameters as plain names, each operation as
/// a box with its symbol and its local derivatives, and on every edge the number that flows
/// forward (black) over the gradient that flows back (red). The loss box ends the graph with its
/// own value and its gradient, 1.
std::string picture(const Graph& g, int loss, double y) {
  std::ostringstream dot;
  dot << "digraph computation_graph {\n"
         "  rankdir=LR; nodesep=0.12; ranksep=0.3; bgcolor=transparent;\n"
         "  node [fontname=\"sans-serif\", fontsize=14, color=\"#33415c\", margin=\"0.06,0.03\"];\n"
         "  edge [fontname=\"sans-serif\", fontsize=14, color=\"#7d8597\", arrowsize=0.6];\n";
  for (int i = 0; i < g.size(); ++i) {
    const Node& n = g[i];
    if (n.op.empty()) {
      const bool parameter = n.name[0] == 'W' || n.name[0] == 'b';
      dot << "  n" << i << " [shape=box, style=\"rounded,filled\", fillcolor=\""
          << (parameter ? "#a9d6e5" : "#e9ecef") << "\", label=<" << subscripted(n.name) << ">];\n";
    } else if (i == loss) {
      dot << "  n" << i << " [shape=box, style=filled, fillcolor=\"#ffd6a5\", label=<<B>ℓ</B> (y = "
          << num(y) << ")<BR/>" << localRule(n.op) << "<BR/>ℓ = " << num(n.value)
          << "<BR/><FONT COLOR=\"#c1121f\">∂ℓ/∂ℓ = 1</FONT>>];\n";
    } else {
      dot << "  n" << i << " [shape=box, style=filled, fillcolor=\"#ffffff\", label=<<B>" << n.op
          << "</B><BR/>" << localRule(n.op) << ">];\n";
    }
  }
  for (int i = 0; i < g.size(); ++i)
    for (std::size_t k = 0; k < g[i].inputs.size(); ++k) {
      const Node& from = g[g[i].inputs[k]];
      dot << "  n" << g[i].inputs[k] << " -> n" << i << " [label=<" << num(from.value)
          << "<BR/><FONT COLOR=\"#c1121f\">" << num(g[i].local[k] * g[i].grad) << "</FONT>>];\n";
    }
  dot << "}\n";
  return dot.str();
}

}  // namespace computation_graph

int main(int argc, char** argv) {
  using namespace computation_graph;
  CLI::App app{"The computation graph of chapter 2's network, two inputs and two hidden units",
               "computation_graph"};
  std::filesystem::path out;
  dl::cli::addOutOption(app, out, "tumour_net/computation_graph");
  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    // Chapter 2's network with round weights: two inputs, two ReLU units, one sigmoid output.
    // [example]
    const tumour_net::Net net{arma::mat{{0.5, -0.3}, {-0.4, 0.1}}, arma::vec{0.1, 0.2},
                              arma::mat{{0.8, -0.6}}, arma::vec{0.1}};
    const arma::mat X = arma::vec{1.0, 0.5};  // one sample: two features, one column
    const arma::rowvec Y = {1.0};             // its label: malignant
    // [example]

    // [graph]
    Graph g;
    const int x1 = g.leaf("x1", X(0)), x2 = g.leaf("x2", X(1));
    std::vector<int> hidden;
    for (arma::uword j = 0; j < 2; ++j) {  // hidden unit j: ReLU(W1[j,1] x1 + W1[j,2] x2 + b1[j])
      const std::string row = std::to_string(j + 1);
      const int w1 = g.leaf("W1[" + row + ",1]", net.W1(j, 0));
      const int w2 = g.leaf("W1[" + row + ",2]", net.W1(j, 1));
      const int b = g.leaf("b1[" + row + "]", net.b1(j));
      hidden.push_back(g.relu(g.add({g.mul(w1, x1), g.mul(w2, x2), b})));
    }
    const int v1 = g.leaf("W2[1,1]", net.W2(0, 0)), v2 = g.leaf("W2[1,2]", net.W2(0, 1));
    const int b2 = g.leaf("b2", net.b2(0));
    const int z = g.add({g.mul(v1, hidden[0]), g.mul(v2, hidden[1]), b2});
    const int yhat = g.sigmoid(z);
    const int loss = g.crossEntropy(yhat, Y(0));
    g.backward(loss);
    // [graph]

    std::cout << "Forward, one operation at a time (node: operation = value; local derivatives):\n";
    int operations = 0;
    for (int i = 0; i < g.size(); ++i) {
      const Node& n = g[i];
      std::cout << "  " << std::setw(2) << i << ": " << (n.op.empty() ? n.name : n.op);
      if (!n.op.empty()) {
        ++operations;
        std::cout << "(";
        for (std::size_t k = 0; k < n.inputs.size(); ++k) std::cout << (k ? ", " : "") << n.inputs[k];
        std::cout << ")";
      }
      std::cout << " = " << num(n.value);
      if (!n.local.empty()) {
        std::cout << ";  local";
        for (double d : n.local) std::cout << " " << num(d);
      }
      std::cout << "\n";
    }
    std::cout << "\nBackward, from the loss back (node: gradient of the loss):\n";
    for (int i = g.size() - 1; i >= 0; --i)
      std::cout << "  " << std::setw(2) << i << ": " << (g[i].op.empty() ? g[i].name : g[i].op)
                << "  dl = " << num(g[i].grad) << "\n";

    // The same numbers from chapter 2's own forward(), cost() and backward().
    // [chapter]
    tumour_net::Cache ch;
    tumour_net::forward(net, X, ch);
    tumour_net::Gradients grads;
    tumour_net::backward(net, X, Y, ch, grads);
    const double J = tumour_net::cost(ch.Z2, Y);
    // [chapter]
    auto gradOf = [&](const std::string& name) {
      for (int i = 0; i < g.size(); ++i)
        if (g[i].name == name) return g[i].grad;
      throw dl::Error("no node " + name);
    };
    const arma::mat graphW1{{gradOf("W1[1,1]"), gradOf("W1[1,2]")},
                            {gradOf("W1[2,1]"), gradOf("W1[2,2]")}};
    const arma::vec graphB1{gradOf("b1[1]"), gradOf("b1[2]")};
    const arma::mat graphW2{{gradOf("W2[1,1]"), gradOf("W2[1,2]")}};
    const double largest = std::max({arma::abs(graphW1 - grads.dW1).max(),
                                     arma::abs(graphB1 - grads.db1).max(),
                                     arma::abs(graphW2 - grads.dW2).max(),
                                     std::abs(gradOf("b2") - grads.db2(0)),
                                     std::abs(g[loss].value - J)});
    std::cout << "\nChapter 2's forward(), cost() and backward() on the same sample: loss " << num(J)
              << ", dW1 = [[" << num(grads.dW1(0, 0)) << ", " << num(grads.dW1(0, 1)) << "], ["
              << num(grads.dW1(1, 0)) << ", " << num(grads.dW1(1, 1)) << "]], dW2 = [["
              << num(grads.dW2(0, 0)) << ", " << num(grads.dW2(0, 1)) << "]]\n"
              << "Largest difference from the graph's gradients: " << largest << "\n";
    if (largest > 1e-12)
      throw dl::Error("the graph and chapter 2's backward() disagree by " + num(largest));

    dl::writeFileAtomically(out / "computation_graph.dot", picture(g, loss, Y(0)));
    dl::writeJson(out / "summary.json",
                  {{"nodes", g.size()},
                   {"operations", operations},
                   {"z1", {g[g[hidden[0]].inputs[0]].value, g[g[hidden[1]].inputs[0]].value}},
                   {"a1", {g[hidden[0]].value, g[hidden[1]].value}},
                   {"z2", g[z].value},
                   {"yhat", g[yhat].value},
                   {"loss", g[loss].value},
                   {"dloss_dyhat", g[yhat].grad},
                   {"sigmoid_slope", g[yhat].value * (1 - g[yhat].value)},
                   {"dz2", g[z].grad},
                   {"da1", {g[hidden[0]].grad, g[hidden[1]].grad}},
                   {"dz1", {g[g[hidden[0]].inputs[0]].grad, g[g[hidden[1]].inputs[0]].grad}},
                   {"dW1", {{graphW1(0, 0), graphW1(0, 1)}, {graphW1(1, 0), graphW1(1, 1)}}},
                   {"db1", {graphB1(0), graphB1(1)}},
                   {"dW2", {graphW2(0, 0), graphW2(0, 1)}},
                   {"db2", gradOf("b2")},
                   {"dx", {gradOf("x1"), gradOf("x2")}},
                   {"largest_difference", largest}});
    return 0;
  });
}
