// Chapter 1 against PyTorch: the quadratic neuron's mean squared error and its three derivatives,
// from the inputs and parameters in tests/pytorch/chapter1.json; the article's dJ/dc disagrees.
#include <gtest/gtest.h>

#include "chapters/quadratic_neuron.hpp"  // 01_quadratic_neuron/main.cpp, without its main()
#include "reference.hpp"

namespace {
using namespace dl::test::pytorch;

// ---- The one place this file calls chapter 1's code: adapt here when its functions change. ----
struct Result {
  double loss, da, db, dc;
};
Result chapterOne(const json& c, bool articleDc = false) {
  using namespace quadratic_neuron;
  const arma::rowvec x = row(c.at("x")), y = row(c.at("y"));
  const Neuron model{c.at("a").get<double>(), c.at("b").get<double>(), c.at("c").get<double>()};
  const arma::rowvec yHat = model(x);
  const auto [da, db, dc] =
      grads(x, y, yHat, articleDc ? Derivative::article : Derivative::exact);
  return {loss(yHat, y), da, db, dc};
}
// ------------------------------------------------------------------------------------------------

TEST(PyTorchChapter1, LossAndEveryDerivativeAgree) {
  for (const json& c : cases(1)) {
    SCOPED_TRACE(c.at("name").get<std::string>());
    const Result r = chapterOne(c);
    EXPECT_LT(relativeError(r.loss, c.at("loss").get<double>(), "J"), kAgree);
    EXPECT_LT(relativeError(r.da, c.at("dJ/da").get<double>(), "dJ/da"), kAgree);
    EXPECT_LT(relativeError(r.db, c.at("dJ/db").get<double>(), "dJ/db"), kAgree);
    EXPECT_LT(relativeError(r.dc, c.at("dJ/dc").get<double>(), "dJ/dc"), kAgree);
  }
}

TEST(PyTorchChapter1, TheArticlesDcDisagrees) {
  for (const json& c : cases(1)) {
    SCOPED_TRACE(c.at("name").get<std::string>());
    const Result r = chapterOne(c, true);
    // da and db are untouched; dc is half of PyTorch's: a relative error of 1/3.
    EXPECT_LT(relativeError(r.da, c.at("dJ/da").get<double>(), "dJ/da, article's form"), kAgree);
    EXPECT_LT(relativeError(r.db, c.at("dJ/db").get<double>(), "dJ/db, article's form"), kAgree);
    EXPECT_GT(relativeError(r.dc, c.at("dJ/dc").get<double>(), "dJ/dc, article's form"), kSlip);
  }
}

}  // namespace
