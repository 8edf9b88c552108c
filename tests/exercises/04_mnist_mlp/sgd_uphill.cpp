// W + alpha dW: the step goes up the gradient.
// expect: \[FAIL\] sgdStep
// expect: it moves up the gradient
// expect: Right: the returned loss
#include "forward_pass.hpp"

double ex4::sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
                    double learningRate) {
  const auto [inputs, caches, loss] = forwardPass(layers, X, labels);
  arma::mat dA;
  std::vector<DenseGradients> g(layers.size());
  for (std::size_t l = layers.size(); l-- > 0;) {
    const bool top = l + 1 == layers.size();
    if (top) dA = softmaxCrossEntropyGradient(softmax(caches[l].Z), labels);
    g[l] = denseBackward(layers[l].W, inputs[l], caches[l], dA, !top);
    dA = g[l].dX;
  }
  for (std::size_t l = 0; l < layers.size(); ++l) {
    layers[l].W += learningRate * g[l].dW;
    layers[l].b += learningRate * g[l].db;
  }
  return loss;
}
