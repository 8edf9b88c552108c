// Chapter 4 against PyTorch: a dl::Sequential stack (20-16-12-10; ReLU, ReLU, softmax), its mean
// cross-entropy, every dW and db, and the parameters after one SGD step, from the inputs and
// parameters in tests/pytorch/chapter4.json. The stack is small so that the file stays small:
// the layers' code does not depend on the sizes.
#include <gtest/gtest.h>

#include <tuple>

#include "dl/fast_sgd.hpp"
#include "dl/layers.hpp"
#include "reference.hpp"

namespace {
using namespace dl::test::pytorch;

// ---- The one place this file calls chapter 4's code: adapt here when its classes change. ----
struct Result {
  double loss;
  std::vector<arma::mat> dW, W, Wfused;  // W: after backward() then sgdStep(); Wfused: FastSgd::step()
  std::vector<arma::vec> db, b, bfused;
};
template <typename eT>
Result chapterFour(const json& c, arma::uword firstLayerBlocks = 1) {
  using Mat = arma::Mat<eT>;
  const auto toDouble = [](const auto& M) { return arma::conv_to<arma::mat>::from(M); };
  const auto activation = [](const std::string& name) {
    return name == "relu" ? dl::Activation::relu
           : name == "softmax" ? dl::Activation::softmax
                               : dl::Activation::linear;
  };
  dl::Sequential<eT> model;
  for (std::size_t l = 0; l < c.at("W").size(); ++l) {
    const arma::mat W = matrix(c.at("W").at(l));
    dl::Dense<eT> layer(W.n_cols, W.n_rows, activation(c.at("activations").at(l)));
    layer.W = arma::conv_to<Mat>::from(W);
    layer.b = arma::conv_to<arma::Col<eT>>::from(column(c.at("b").at(l)));
    model.add(std::move(layer));
  }
  dl::FastSgd<eT> fast;  // the path training runs: fused steps, the first layer in blocks
  fast.split(0, firstLayerBlocks);
  const Mat X = arma::conv_to<Mat>::from(matrix(c.at("X")));
  const arma::urowvec labels(c.at("labels").get<std::vector<arma::uword>>());
  const eT learningRate = eT(c.at("learning_rate").get<double>());

  dl::Sequential<eT> fused = model;  // the path training runs, from the same start
  typename dl::Sequential<eT>::Workspace ws;
  typename dl::FastSgd<eT>::Workspace fusedWs;
  model.forward(X, ws);
  Result r{model.loss(labels, ws), {}, {}, {}, {}, {}, {}};
  model.backward(X, labels, ws);
  model.sgdStep(learningRate);
  fast.forward(fused, X, fusedWs);
  fast.step(fused, X, labels, fusedWs, learningRate);
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    r.dW.push_back(toDouble(model.layers[l].dW));
    r.db.push_back(toDouble(model.layers[l].db));
    r.W.push_back(toDouble(model.layers[l].W));
    r.b.push_back(toDouble(model.layers[l].b));
    r.Wfused.push_back(toDouble(fused.layers[l].W));
    r.bfused.push_back(toDouble(fused.layers[l].b));
  }
  return r;
}
// ------------------------------------------------------------------------------------------------

/// Every comparison of one run with PyTorch, each below `tolerance`. In double precision the SGD
/// step is compared as the change it made, \f$W - W'\f$: the parameters themselves would agree
/// to about \f$10^{-18}\f$ however wrong the step, since it is small beside them. In single
/// precision the parameters are compared, since the float rounding of \f$W\f$ alone swamps the step.
void expectAgreement(const Result& r, const json& c, double tolerance, const std::string& how,
                     bool compareSteps) {
  EXPECT_LT(relativeError(r.loss, c.at("loss").get<double>(), "L, " + how), tolerance);
  for (std::size_t l = 0; l < r.dW.size(); ++l) {
    const std::string k = std::to_string(l + 1), n = k + ", " + how;
    EXPECT_LT(relativeError(r.dW[l], matrix(c.at("dW").at(l)), "dW" + n), tolerance);
    EXPECT_LT(relativeError(r.db[l], column(c.at("db").at(l)), "db" + n), tolerance);
    const arma::mat W0 = matrix(c.at("W").at(l)), W = matrix(c.at("W_after_step").at(l));
    const arma::vec b0 = column(c.at("b").at(l)), b = column(c.at("b_after_step").at(l));
    for (const auto& [what, cppW, cppB] : {std::tuple{"sgdStep", r.W[l], r.b[l]},
                                          std::tuple{"FastSgd::step", r.Wfused[l], r.bfused[l]}}) {
      const std::string after = "', " + how + ", " + what;
      if (compareSteps) {
        EXPECT_LT(relativeError(W0 - cppW, W0 - W, "W" + k + " - W" + k + after), tolerance);
        EXPECT_LT(relativeError(b0 - cppB, b0 - b, "b" + k + " - b" + k + after), tolerance);
      } else {
        EXPECT_LT(relativeError(cppW, W, "W" + k + after), tolerance);
        EXPECT_LT(relativeError(cppB, b, "b" + k + after), tolerance);
      }
    }
  }
}

TEST(PyTorchChapter4, LossEveryGradientAndOneSgdStepAgreeInDouble) {
  for (const json& c : cases(4)) {
    SCOPED_TRACE(c.at("name").get<std::string>());
    expectAgreement(chapterFour<double>(c), c, kAgree, "double", true);
    // The first layer's products cut into two blocks on two threads, as chapter 4 runs.
    expectAgreement(chapterFour<double>(c, 2), c, kAgree, "double, 2 blocks", true);
  }
}

// Chapter 4 trains in single precision. Every number then carries a rounding of up to
// 2^-24 = 6e-8 of its size, the inputs and parameters included, and each product adds a few
// such roundings. Compared element by element, an entry that is a sum of terms which nearly cancel
// keeps the terms' rounding, not its own: measured, the worst entry (of dW2) differs from
// PyTorch's double result by 2.2e-5 of its size, most entries by 1e-8 to 1e-6. 2e-4 leaves a
// margin of ten and is still fifty times below any slip (1e-2 or more).
TEST(PyTorchChapter4, TheSameInSinglePrecisionAgreesToFloatRounding) {
  for (const json& c : cases(4)) {
    SCOPED_TRACE(c.at("name").get<std::string>());
    expectAgreement(chapterFour<float>(c), c, 2e-4, "float", false);
  }
}

}  // namespace
