// Chapter 3 against PyTorch: the L-layer regression network's cost with weight decay and every
// gradient, for the depths in tests/pytorch/chapter3.json; each of the article's slips disagrees.
#include <gtest/gtest.h>

#include "chapters/boston_regression.hpp"  // 03_boston_regression/main.cpp, without its main()
#include "reference.hpp"

namespace {
using namespace dl::test::pytorch;

enum class Slip { none, reluAlwaysOne, oneOverMTwice };

// ---- The one place this file calls chapter 3's code: adapt here when its functions change. ----
struct Result {
  double loss;
  std::vector<arma::mat> dW;  // dW[l - 1] is layer l's, as PyTorch's lists
  std::vector<arma::vec> db;
};
Result chapterThree(const json& c, Slip slip = Slip::none) {
  using namespace boston_regression;
  const arma::mat X = matrix(c.at("X"));
  const arma::rowvec Y = row(c.at("Y"));
  const double lambda = c.at("lambda").get<double>();
  Network net;
  for (std::size_t l = 0; l < c.at("W").size(); ++l)
    net.push_back({matrix(c.at("W").at(l)), column(c.at("b").at(l))});
  Cache ch;
  Gradients g;
  forward(net, X, ch);
  backward(net, ch, Y, g, lambda,
           {.reluAlwaysOne = slip == Slip::reluAlwaysOne,
            .oneOverMTwice = slip == Slip::oneOverMTwice});
  Result r{cost(net, ch.A.back(), Y, lambda), {}, {}};
  for (std::size_t l = 1; l <= net.size(); ++l) {  // the chapter's lists start at layer 1
    r.dW.push_back(g.dW[l]);
    r.db.push_back(g.db[l]);
  }
  return r;
}
// ------------------------------------------------------------------------------------------------

/// "dW2 of 13-5-5-1, lambda 0.7"
std::string named(const std::string& gradient, std::size_t l, const json& c) {
  return gradient + std::to_string(l + 1) + " of " + c.at("name").get<std::string>();
}

TEST(PyTorchChapter3, CostAndEveryGradientAgreeAtEveryDepth) {
  const json all = cases(3);
  ASSERT_GE(all.size(), 2u);
  for (const json& c : all) {
    const Result r = chapterThree(c);
    EXPECT_LT(relativeError(r.loss, c.at("loss").get<double>(), "J of " + c.at("name").get<std::string>()),
              kAgree);
    ASSERT_EQ(r.dW.size(), c.at("dW").size());
    for (std::size_t l = 0; l < r.dW.size(); ++l) {
      EXPECT_LT(relativeError(r.dW[l], matrix(c.at("dW").at(l)), named("dW", l, c)), kAgree);
      EXPECT_LT(relativeError(r.db[l], column(c.at("db").at(l)), named("db", l, c)), kAgree);
    }
  }
}

TEST(PyTorchChapter3, TheArticlesReluSlipDisagreesBelowTheTopLayer) {
  for (const json& c : cases(3)) {
    const Result r = chapterThree(c, Slip::reluAlwaysOne);
    const std::size_t top = r.dW.size() - 1;
    // The top layer's gradient passes through no ReLU, so it is still PyTorch's...
    EXPECT_LT(relativeError(r.dW[top], matrix(c.at("dW").at(top)), named("dW", top, c)), kAgree);
    EXPECT_LT(relativeError(r.db[top], column(c.at("db").at(top)), named("db", top, c)), kAgree);
    // ...and every layer below it is not.
    for (std::size_t l = 0; l < top; ++l) {
      EXPECT_GT(relativeError(r.dW[l], matrix(c.at("dW").at(l)), named("dW", l, c)), kSlip);
      EXPECT_GT(relativeError(r.db[l], column(c.at("db").at(l)), named("db", l, c)), kSlip);
    }
  }
}

TEST(PyTorchChapter3, TheArticlesDoubleOneOverMDisagreesEverywhere) {
  for (const json& c : cases(3)) {
    const Result r = chapterThree(c, Slip::oneOverMTwice);
    for (std::size_t l = 0; l < r.dW.size(); ++l) {
      EXPECT_GT(relativeError(r.dW[l], matrix(c.at("dW").at(l)), named("dW", l, c)), kSlip);
      EXPECT_GT(relativeError(r.db[l], column(c.at("db").at(l)), named("db", l, c)), kSlip);
    }
  }
}

}  // namespace
