// dX = W dZ: a product whose shapes do not fit.
// expect: threw an exception: matrix multiplication: incompatible matrix dimensions
// expect: check each product
#include "exercise.hpp"

ex4::DenseGradients ex4::denseBackward(const arma::mat& W, const arma::mat& X, const DenseCache& c,
                                       const arma::mat& dA, bool relu) {
  const arma::mat dZ = relu ? arma::mat(dA % arma::sign(c.A)) : dA;
  return {dZ * X.t(), arma::sum(dZ, 1), W * dZ};
}
