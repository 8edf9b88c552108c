// Chapter 2 against PyTorch: the 9-15-1 ReLU/sigmoid network's mean binary cross-entropy and
// every gradient, from the inputs and parameters in tests/pytorch/chapter2.json.
#include <gtest/gtest.h>

#include "chapters/tumour_net.hpp"  // 02_tumour_net/main.cpp, without its main()
#include "reference.hpp"

namespace {
using namespace dl::test::pytorch;

// ---- The one place this file calls chapter 2's code: adapt here when its functions change. ----
struct Result {
  double loss;
  arma::mat dW1, dW2;
  arma::vec db1, db2;
};
Result chapterTwo(const json& c) {
  using namespace tumour_net;
  const arma::mat X = matrix(c.at("X"));
  const arma::rowvec Y = row(c.at("Y"));
  const Net net{matrix(c.at("W1")), column(c.at("b1")), matrix(c.at("W2")), column(c.at("b2"))};
  Cache ch;
  Gradients g;
  forward(net, X, ch);
  backward(net, X, Y, ch, g);  // the gradients of the mean loss, as PyTorch's
  return {cost(ch.Z2, Y), g.dW1, g.dW2, g.db1, g.db2};
}
// ------------------------------------------------------------------------------------------------

TEST(PyTorchChapter2, LossAndEveryGradientAgree) {
  for (const json& c : cases(2)) {
    SCOPED_TRACE(c.at("name").get<std::string>());
    const Result r = chapterTwo(c);
    EXPECT_LT(relativeError(r.loss, c.at("loss").get<double>(), "J"), kAgree);
    EXPECT_LT(relativeError(r.dW1, matrix(c.at("dW1")), "dW1"), kAgree);
    EXPECT_LT(relativeError(r.db1, column(c.at("db1")), "db1"), kAgree);
    EXPECT_LT(relativeError(r.dW2, matrix(c.at("dW2")), "dW2"), kAgree);
    EXPECT_LT(relativeError(r.db2, column(c.at("db2")), "db2"), kAgree);
  }
}

}  // namespace
