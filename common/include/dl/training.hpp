#pragma once
/// \file
/// \brief What every training loop checks after computing its loss.

#include <limits>
#include <string>

namespace dl {

/// Stops a diverging run. Gradient descent with too large a learning rate overshoots the minimum
/// further at every step: the loss grows geometrically, overflows to `inf`, then turns `nan`, and
/// from there every parameter is garbage. Called with each loss as it is computed, this throws a
/// dl::Error that says where it happened and what to do, as soon as the loss
/// - is not a finite number, or
/// - has grown to more than a million times the first loss it saw: a well-behaved run never
///   comes near that, and a diverging one gets there in a few steps, long before it overflows;
///
/// and finish() throws when the run ends with a loss above the one it started from: a slowly
/// diverging run is no result either.
///
///     training diverged: the loss grew from 112.2 to 2.237e+17 by epoch 5 (--learning-rate 5);
///     try a smaller --learning-rate
class DivergenceCheck {
 public:
  /// `step` names the unit of the loop ("epoch", "iteration").
  DivergenceCheck(std::string step, double learningRate)
      : step_(std::move(step)), learningRate_(learningRate) {}

  /// Checks the loss of step `index`.
  void operator()(double loss, long index);

  /// Checks the loss at the end of the run, after step `index`.
  void finish(double loss, long index);

  /// How many times its first value the loss may grow before the run counts as diverged.
  static constexpr double kGrowthLimit = 1e6;

 private:
  std::string step_;
  double learningRate_;
  double first_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace dl
