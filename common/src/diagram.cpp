#include "dl/diagram.hpp"

#include <sstream>

#include "dl/error.hpp"

namespace dl::diagram {

namespace {

// 235500 -> "235 500", as the pages write large counts.
std::string grouped(arma::uword n) {
  std::string digits = std::to_string(n), result;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) result += ' ';
    result += digits[i];
  }
  return result;
}

std::string caption(const Layer& layer, arma::uword inputs) {
  std::ostringstream text;
  text << layer.name << '\n' << grouped(layer.units) << (layer.units == 1 ? " unit" : " units");
  if (!layer.activation.empty()) text << ", " << layer.activation;
  if (inputs > 0) text << '\n' << grouped(layer.units * (inputs + 1)) << " weights and biases";
  return text.str();
}

}  // namespace

std::string quoted(const std::string& text) {
  std::string result = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') result += '\\';
    if (c == '\n')
      result += "\\n";
    else
      result += c;
  }
  return result + "\"";
}

std::string network(const std::vector<Layer>& layers, arma::uword shown) {
  if (layers.size() < 2) throw Error("a network diagram needs at least two layers");
  if (shown < 3) throw Error("a network diagram shows at least 3 units per layer");
  std::ostringstream dot;
  dot << "digraph network {\n"
         "  rankdir=LR; splines=line; nodesep=0.12; ranksep=1.1; bgcolor=transparent;"
         " fontname=\"sans-serif\";\n"
         "  node [shape=circle, width=0.32, fixedsize=true, label=\"\", style=filled,"
         " color=\"#33415c\", penwidth=1.2];\n"
         "  edge [arrowhead=none, color=\"#7d8597\", penwidth=0.6];\n";
  // The units each layer draws: all of them, or the first shown-1, an ellipsis and the last.
  std::vector<std::vector<std::string>> drawn(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const Layer& layer = layers[l];
    if (layer.units == 0) throw Error("layer '" + layer.name + "' of a network diagram has no units");
    const char* fill = l == 0 ? "#e9ecef" : l + 1 == layers.size() ? "#ffd6a5" : "#a9d6e5";
    dot << "  subgraph cluster_" << l << " {\n    label=" << quoted(caption(layer, l ? layers[l - 1].units : 0))
        << "; labelloc=b; fontsize=12; color=transparent;\n";
    const bool cut = layer.units > shown;
    const arma::uword count = cut ? shown : layer.units;
    for (arma::uword k = 0; k < count; ++k) {
      std::ostringstream name;
      name << 'u' << l << '_' << k;
      const std::string id = name.str();
      if (cut && k + 2 == count) {
        dot << "    " << id << " [shape=plaintext, style=\"\", label=\"⋮\", fontsize=20];\n";
        continue;
      }
      dot << "    " << id << " [fillcolor=\"" << fill << "\"];\n";
      drawn[l].push_back(id);
    }
    dot << "  }\n";
  }
  for (std::size_t l = 1; l < layers.size(); ++l)
    for (const auto& from : drawn[l - 1])
      for (const auto& to : drawn[l]) dot << "  " << from << " -> " << to << ";\n";
  dot << "}\n";
  return dot.str();
}

}  // namespace dl::diagram
