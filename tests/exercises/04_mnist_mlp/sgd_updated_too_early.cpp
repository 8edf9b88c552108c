// Each layer updated before it passes dX = W^T dZ down, so the layers below see new weights.
// expect: the layer above was updated before it passed its gradient down
#include "forward_pass.hpp"

double ex4::sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
                    double learningRate) {
  const auto [inputs, caches, loss] = forwardPass(layers, X, labels);
  arma::mat dA;
  for (std::size_t l = layers.size(); l-- > 0;) {
    const bool top = l + 1 == layers.size();
    if (top) dA = softmaxCrossEntropyGradient(softmax(caches[l].Z), labels);
    const DenseGradients g = denseBackward(layers[l].W, inputs[l], caches[l], dA, !top);
    layers[l].W -= learningRate * g.dW;
    layers[l].b -= learningRate * g.db;
    dA = layers[l].W.t() * (top ? dA : arma::mat(dA % arma::sign(caches[l].A)));
  }
  return loss;
}
