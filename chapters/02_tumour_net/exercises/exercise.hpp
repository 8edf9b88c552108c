#pragma once
/// \file
/// \brief Chapter 2's exercise: the whole backward pass of the two-layer network
/// (\ref chapter2_graded).

#include <armadillo>

/// Chapter 2's exercise: what you write in `exercise.cpp`, and what is given.
namespace ex2 {

/// The network's parameters, \f$n_0\f$ inputs, \f$n_1\f$ hidden units, one output
/// (9, 15 and 1 in the chapter; the grader tries other sizes).
struct Params {
  arma::mat W1;  ///< \f$n_1 \times n_0\f$
  arma::vec b1;  ///< \f$n_1\f$
  arma::mat W2;  ///< \f$1 \times n_1\f$
  arma::vec b2;  ///< \f$1\f$
};

/// What the forward pass keeps for the backward pass, for \f$m\f$ samples.
struct Cache {
  arma::mat Z1, A1;     ///< \f$n_1 \times m\f$
  arma::rowvec Z2, Yh;  ///< \f$1 \times m\f$
};

/// Given: the forward pass of tumour_net::forward(),
/// \f$Z_1 = W_1 X + b_1\f$, \f$A_1 = \max(Z_1, 0)\f$, \f$Z_2 = W_2 A_1 + b_2\f$,
/// \f$\hat Y = \sigma(Z_2)\f$, for the samples `X` (\f$n_0 \times m\f$, one column each).
Cache forward(const Params& p, const arma::mat& X);

/// Given: the binary cross-entropy of tumour_net::cost(),
/// \f$J = -\frac{1}{m} \sum_i [y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i)]\f$,
/// from the logits `Z2` and the labels `Y` (0 or 1, \f$1 \times m\f$).
double cost(const arma::rowvec& Z2, const arma::rowvec& Y);

/// The gradients of the cost \f$J\f$ with respect to every parameter, each the shape of its
/// parameter (\f$dV = \partial J / \partial V\f$).
struct Gradients {
  arma::mat dW1;  ///< \f$n_1 \times n_0\f$
  arma::vec db1;  ///< \f$n_1\f$
  arma::mat dW2;  ///< \f$1 \times n_1\f$
  arma::vec db2;  ///< \f$1\f$
};

/// **To write:** \f$dW_1 = \partial J / \partial W_1\f$, \f$db_1\f$, \f$dW_2\f$, \f$db_2\f$, from
/// the output back to the input, for the samples `X`, their labels `Y` and the forward pass
/// `c = forward(p, X)`. Six lines of Armadillo: first \f$dZ_2 = \partial J / \partial Z_2\f$ (what
/// does the sigmoid's derivative do to the cross-entropy's, and where does the mean's
/// \f$\frac{1}{m}\f$ go?), then each parameter's gradient, then \f$dZ_1\f$ through \f$W_2\f$ and
/// the ReLU.
Gradients backward(const Params& p, const arma::mat& X, const arma::rowvec& Y, const Cache& c);

}  // namespace ex2
