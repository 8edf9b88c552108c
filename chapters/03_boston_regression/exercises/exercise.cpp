// Chapter 3's exercise: write backward() below, then grade it with
//
//     cmake --workflow --preset exercises                                 (every chapter), or
//     cmake --build --preset exercises --target grade_03_boston_regression   (this one).
//
// exercise.hpp says what is given (forward(), cost()) and how layers and gradients are numbered.
// The hints are on the chapter's exercises page, one at a time.

#include "exercise.hpp"

#include "grader/not_written_yet.hpp"

namespace ex3 {

// [backward]
Gradients backward(const Network& net, const Cache& c, const arma::rowvec& Y) {
  // Goal: dW[l] = dJ/dW_l and db[l] = dJ/db_l for l = L, ..., 1 (L = net.size(), m = Y.n_elem),
  // for any L. Start with dZ_L = dJ/dZ_L (1 x m; the output layer is linear), and at each
  // layer pass dZ down to the layer below, through W_l and that layer's ReLU.
  throw grader::NotWrittenYet("backward");
}
// [backward]

}  // namespace ex3
