#pragma once
/// \file
/// \brief Chapter 1's exercise: the three partial derivatives of the loss (\ref chapter1_graded).

#include <armadillo>

/// Chapter 1's exercise: what you write in `exercise.cpp`, and what is given.
namespace ex1 {

/// Given: the neuron's predictions \f$\hat y = a x^2 + b x + c\f$ for every sample
/// (\f$x, \hat y \in \mathbb{R}^{1 \times m}\f$), as in quadratic_neuron::Neuron.
arma::rowvec predict(double a, double b, double c, const arma::rowvec& x);

/// Given: the mean squared error, the cost \f$J = \frac{1}{m} \sum_{i=1}^{m} (\hat y_i - y_i)^2\f$
/// (quadratic_neuron::loss()).
double loss(const arma::rowvec& yHat, const arma::rowvec& y);

/// The three partial derivatives of the cost.
struct Gradients {
  double da;  ///< \f$\partial J / \partial a\f$
  double db;  ///< \f$\partial J / \partial b\f$
  double dc;  ///< \f$\partial J / \partial c\f$
};

/// **To write:** \f$\partial J / \partial a\f$, \f$\partial J / \partial b\f$ and
/// \f$\partial J / \partial c\f$ for the samples `x` (\f$1 \times m\f$), their targets `y` and
/// the predictions `yHat = predict(a, b, c, x)` (both \f$1 \times m\f$). Derive them with the
/// chain rule through \f$\hat y_i\f$; each is one line of Armadillo.
Gradients grads(const arma::rowvec& x, const arma::rowvec& y, const arma::rowvec& yHat);

}  // namespace ex1
