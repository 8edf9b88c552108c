#pragma once
/// \file
/// \brief Pictures of networks as graphviz DOT text, which the site renders with Doxygen's
/// `\dotfile` (graphviz's `dot`).
///
/// A program writes the DOT text of its own network beside its other results (say
/// `network.dot`), so the picture on the site is drawn from the layer sizes the run really used.

#include <armadillo>
#include <string>
#include <vector>

/// Pictures of networks (DOT text for graphviz).
namespace dl::diagram {

/// One layer as the picture shows it: a column of units with a caption below.
struct Layer {
  std::string name;        ///< the caption's first line, e.g. "hidden layer 1"
  arma::uword units = 0;   ///< how many units it has
  std::string activation;  ///< e.g. "ReLU", "sigmoid", "softmax"; empty for the input layer
};

/**
 * A fully connected network drawn left to right: one circle per unit, every unit joined to every
 * unit of the next layer. A layer of more than `shown` units is drawn with its first `shown - 1`
 * units, a "⋮", and its last unit; its caption says how many there are. Each caption also gives
 * the layer's number of weights and biases. The result is a whole `digraph` for graphviz.
 */
std::string network(const std::vector<Layer>& layers, arma::uword shown = 6);

/// Text for a DOT label: quotes and backslashes escaped, line breaks as DOT's centred `\n`.
std::string quoted(const std::string& text);

}  // namespace dl::diagram
