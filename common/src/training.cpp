#include "dl/training.hpp"

#include <cmath>
#include <sstream>

#include "dl/error.hpp"
#include "dl/output.hpp"

namespace dl {
namespace {

[[noreturn]] void diverged(const std::string& what, double learningRate) {
  throw Error("training diverged: " + what + " (--learning-rate " + formatNumber(learningRate) +
              "); try a smaller --learning-rate");
}

}  // namespace

void DivergenceCheck::operator()(double loss, long index) {
  if (std::isnan(first_)) first_ = loss;
  std::ostringstream what;
  what.precision(4);
  if (!std::isfinite(loss))
    what << "the loss is " << loss << " at " << step_ << " " << index;
  else if (std::isfinite(first_) && loss > kGrowthLimit * first_)
    what << "the loss grew from " << first_ << " to " << loss << " by " << step_ << " " << index;
  else
    return;
  diverged(what.str(), learningRate_);
}

void DivergenceCheck::finish(double loss, long index) {
  (*this)(loss, index);
  if (loss <= first_) return;
  std::ostringstream what;
  what.precision(4);
  what << "the loss grew from " << first_ << " to " << loss << " by " << step_ << " " << index;
  diverged(what.str(), learningRate_);
}

}  // namespace dl
