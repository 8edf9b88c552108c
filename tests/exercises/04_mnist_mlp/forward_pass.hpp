#pragma once
// The forward pass the wrong training steps share (they differ only in how they step).

#include <vector>

#include "exercise.hpp"

struct ForwardPass {
  std::vector<arma::mat> inputs;        // X, then each layer's output A
  std::vector<ex4::DenseCache> caches;  // each layer's Z and A
  double loss;
};

inline ForwardPass forwardPass(const std::vector<ex4::Layer>& layers, const arma::mat& X,
                               const arma::urowvec& labels) {
  ForwardPass f{{X}, {}, 0};
  for (std::size_t l = 0; l < layers.size(); ++l) {
    f.caches.push_back(
        ex4::denseForward(layers[l].W, layers[l].b, f.inputs.back(), l + 1 < layers.size()));
    f.inputs.push_back(f.caches.back().A);
  }
  f.loss = ex4::crossEntropy(f.caches.back().Z, labels);
  return f;
}
