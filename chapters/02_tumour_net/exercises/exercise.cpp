// Chapter 2's exercise: write backward() below, then grade it with
//
//     cmake --workflow --preset exercises                          (every chapter), or
//     cmake --build --preset exercises --target grade_02_tumour_net   (this one).
//
// exercise.hpp says what is given (forward(), cost()) and the shape of every gradient. The hints
// are on the chapter's exercises page, one at a time.

#include "exercise.hpp"

#include "grader/not_written_yet.hpp"

namespace ex2 {

// [backward]
Gradients backward(const Params& p, const arma::mat& X, const arma::rowvec& Y, const Cache& c) {
  // Goal: dW1, db1, dW2, db2, the derivatives of the cost J (the mean cross-entropy over the
  // m = X.n_cols samples), each the shape of its parameter. Start from dZ2 = dJ/dZ2 (1 x m) and
  // work back through W2 and the ReLU to dZ1 = dJ/dZ1 (hidden units x m).
  // Return {dW1, db1, dW2, db2}.
  throw grader::NotWrittenYet("backward");
}
// [backward]

}  // namespace ex2
