#pragma once
/// \file
/// \brief Gradient checking: the test every backward pass in this tutorial has to pass.

#include <armadillo>
#include <algorithm>
#include <cmath>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace dl {

/// Estimates the gradient of `loss` (the cost \f$J\f$) with respect to every element of the
/// parameter block `theta` by central differences, nudging one element at a time (and putting it
/// back):
/// \f[
///   \frac{\partial J}{\partial \theta_k} \approx
///   \frac{J(\theta + \varepsilon\,u_k) - J(\theta - \varepsilon\,u_k)}{2\varepsilon}
/// \f]
/// (\f$u_k\f$ moves only element \f$k\f$, by 1). The error of this estimate is
/// \f$O(\varepsilon^2)\f$, against \f$O(\varepsilon)\f$ for a one-sided difference; with
/// \f$\varepsilon = 10^{-5}\f$ in double precision that leaves about ten correct digits, far more
/// than a wrong derivative can hide in.
///
/// `loss` must read `theta` (usually it captures the model by reference, and `theta` is one of its
/// matrices, such as `W1`), so any block of any model can be checked on its own.
template <typename Matrix>
Matrix numericalGradient(const std::function<double()>& loss, Matrix& theta,
                         double epsilon = 1e-5) {
  Matrix gradient(arma::size(theta));
  for (arma::uword k = 0; k < theta.n_elem; ++k) {
    const auto saved = theta(k);
    theta(k) = saved + epsilon;
    const double plus = loss();
    theta(k) = saved - epsilon;
    const double minus = loss();
    theta(k) = saved;
    gradient(k) = (plus - minus) / (2 * epsilon);
  }
  return gradient;
}

/// How far an analytic gradient is from a numerical one: the relative error of the element where
/// they disagree most, and where that element is. It converts to its `value`, so a test compares
/// it with a threshold directly; printed, it names the element.
struct RelativeError {
  double value = 0;             ///< the worst element's relative error
  arma::uword row = 0, col = 0;  ///< the worst element
  operator double() const { return value; }
};

/// Prints "3.3e-01 at (1, 2)": the worst element's relative error and its row and column.
inline std::ostream& operator<<(std::ostream& out, const RelativeError& e) {
  const auto flags = out.flags();
  const auto precision = out.precision(2);
  out << std::scientific << e.value << " at (" << e.row << ", " << e.col << ")";
  out.flags(flags);
  out.precision(precision);
  return out;
}

/// Compares an analytic gradient `a` with a numerical one `n` element by element, and returns the
/// worst element's relative error
/// \f[
///   \max_k \frac{\lvert a_k - n_k \rvert}{\max(\lvert a_k \rvert, \lvert n_k \rvert, \tau)}
/// \f]
/// with where it is. Element by element, one wrong entry cannot hide among many right ones, as it
/// can in a norm over the whole block. Scale-free, so one threshold serves every layer: below
/// \f$10^{-6}\f$ the derivative is right; a wrong factor or a missing term gives something of order
/// \f$10^{-2}\f$ to 1. A sign slip gives 2. Two zero elements agree exactly.
///
/// The floor \f$\tau = 10^{-3} \max_k \max(\lvert a_k \rvert, \lvert n_k \rvert)\f$ is for the
/// numerical side's rounding. A central difference of a cost \f$J\f$ computed in `double` is off by
/// about \f$10^{-16} \lvert J \rvert / \varepsilon \approx 10^{-11} \lvert J \rvert\f$, whatever the
/// element. For an element a thousand times smaller than the block's largest, that can be more
/// than a millionth of it (the tests met \f$4 \cdot 10^{-11}\f$ on an element of
/// \f$2 \cdot 10^{-5}\f$). Such an element is judged against the floor instead.
inline RelativeError relativeError(const arma::mat& a, const arma::mat& n) {
  if (arma::size(a) != arma::size(n))
    throw std::invalid_argument("the gradient check: the gradients are " + std::to_string(a.n_rows) +
                                "x" + std::to_string(a.n_cols) + " and " +
                                std::to_string(n.n_rows) + "x" + std::to_string(n.n_cols));
  const arma::mat scale = arma::max(arma::abs(a), arma::abs(n));
  const double tau = 1e-3 * (scale.is_empty() ? 0.0 : scale.max());
  RelativeError worst;
  for (arma::uword k = 0; k < a.n_elem; ++k) {
    const double difference = std::abs(a(k) - n(k));
    if (difference == 0) continue;
    const double error = difference / std::max(scale(k), tau);
    if (error > worst.value) worst = {error, k % a.n_rows, k / a.n_rows};
  }
  return worst;
}

}  // namespace dl
