#include "dl/training.hpp"

#include <cmath>
#include <sstream>

#include "dl/error.hpp"
#include "dl/output.hpp"

namespace dl {

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
  throw Error("training diverged: " + what.str() + " (--learning-rate " +
              format_number(learningRate_) + "); try a smaller --learning-rate");
}

}  // namespace dl
