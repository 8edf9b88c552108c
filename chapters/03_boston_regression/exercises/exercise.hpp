#pragma once
/// \file
/// \brief Chapter 3's exercise: the backward pass of an L-layer network, for any L
/// (\ref chapter3_graded).

#include <armadillo>
#include <vector>

/// Chapter 3's exercise: what you write in `exercise.cpp`, and what is given.
namespace ex3 {

/// One layer \f$l\f$: \f$W_l\f$ is \f$n_l \times n_{l-1}\f$, \f$b_l\f$ has \f$n_l\f$ entries.
struct Layer {
  arma::mat W;
  arma::vec b;
};

/// Layer \f$l\f$ is `net[l - 1]`, for \f$l = 1, \dots, L\f$ (`L = net.size()`); the output layer
/// has one unit (\f$n_L = 1\f$).
using Network = std::vector<Layer>;

/// What the forward pass keeps: `Z[l]` and `A[l]` (\f$n_l \times m\f$) for \f$l = 1, \dots, L\f$,
/// `A[0]` \f$= X\f$ (`Z[0]` unused).
struct Cache {
  std::vector<arma::mat> Z, A;
};

/// Given: the forward pass of boston_regression::forward(),
/// \f$Z_l = W_l A_{l-1} + b_l\f$, \f$A_l = \max(Z_l, 0)\f$ for \f$l < L\f$ and
/// \f$A_L = Z_L = \hat Y\f$ (a linear output), for the samples `X` (\f$n_0 \times m\f$).
Cache forward(const Network& net, const arma::mat& X);

/// Given: the cost of boston_regression::cost(),
/// \f$J = \frac{1}{2m} \sum_{i=1}^{m} (\hat y_i - y_i)^2\f$.
double cost(const arma::rowvec& Yhat, const arma::rowvec& Y);

/// The gradients, numbered as the layers: `dW[l]` and `db[l]` for \f$l = 1, \dots, L\f$, each the
/// shape of its parameter; `dW[0]` and `db[0]` are unused (so both have \f$L + 1\f$ entries).
struct Gradients {
  std::vector<arma::mat> dW;
  std::vector<arma::vec> db;
};

/// **To write:** \f$\partial J / \partial W_l\f$ and \f$\partial J / \partial b_l\f$ for every
/// layer of a network of any depth \f$L \ge 1\f$, from the forward pass `c = forward(net, X)` and
/// the targets `Y` (\f$1 \times m\f$): the loop of forward() run backwards, carrying
/// \f$dZ_l = \partial J / \partial Z_l\f$ from layer \f$L\f$ down to layer 1.
Gradients backward(const Network& net, const Cache& c, const arma::rowvec& Y);

}  // namespace ex3
