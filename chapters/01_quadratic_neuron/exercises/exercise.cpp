// Chapter 1's exercise: write grads() below, then grade it with
//
//     cmake --workflow --preset exercises                             (every chapter), or
//     cmake --build --preset exercises --target grade_01_quadratic_neuron   (this one).
//
// exercise.hpp says what is given (predict(), loss()) and what grads() must return. The hints are
// on the chapter's exercises page, one at a time.

#include "exercise.hpp"

#include "grader/not_written_yet.hpp"

namespace ex1 {

// [grads]
Gradients grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat) {
  // Goal: dJ/da, dJ/db and dJ/dc of J = 1/m sum_i (yHat_i - y_i)^2, where
  // yHat_i = a x_i^2 + b x_i + c and m = x.n_elem. Each is a sum over the samples
  // (arma::dot, arma::accu); return {da, db, dc}.
  throw grader::NotWrittenYet("grads");
}
// [grads]

}  // namespace ex1
