#pragma once
/// \file
/// \brief Gradient checking: the test every backward pass in this tutorial has to pass.

#include <armadillo>
#include <functional>

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

/// How far an analytic gradient `a` is from a numerical one `n`, their relative error
/// \f[
///   \frac{\lVert a - n \rVert_F}{\lVert a + n \rVert_F}
/// \f]
/// Scale-free, so one threshold serves every layer: below \f$10^{-6}\f$ the derivative is right; a
/// wrong factor or a missing term gives something of order \f$10^{-2}\f$ to 1. Two zero gradients
/// agree exactly (0 is returned); a gradient that is exactly the other's negative (a sign slip)
/// has \f$a + n = 0\f$ and disagrees totally (infinity is returned).
inline double relativeError(const arma::mat& a, const arma::mat& n) {
  // Frobenius norms: the matrices are compared as one long vector (norm(M, 2) would be spectral).
  const double difference = arma::norm(a - n, "fro"), denominator = arma::norm(a + n, "fro");
  if (denominator == 0) return difference == 0 ? 0.0 : arma::datum::inf;
  return difference / denominator;
}

}  // namespace dl
