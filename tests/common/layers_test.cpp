// The reusable layers: each Dense layer alone and a whole stack against central differences, the
// softmax's stability, and the parameter count of the article's model.
#include "dl/layers.hpp"

#include <gtest/gtest.h>

#include "dl/fast_sgd.hpp"
#include "dl/gradcheck.hpp"
#include "program.hpp"

namespace {
using Dense = dl::Dense<double>;
using Model = dl::Sequential<double>;
using Fast = dl::FastSgd<double>;

// One layer alone under the loss L = sum(A % G): then dL/dA = G, any upstream gradient.
TEST(DenseLayer, ReluAndLinearBackwardMatchCentralDifferences) {
  for (auto activation : {dl::Activation::relu, dl::Activation::linear}) {
    arma::arma_rng::set_seed(2);
    Dense layer(6, 4, activation);
    layer.glorotUniform();
    layer.b = 0.1 * arma::randn(4);
    arma::mat X = arma::randn(6, 5);
    const arma::mat G = arma::randn(4, 5);
    Dense::Cache c;
    const auto loss = [&] {
      Dense::Cache fresh;
      layer.forward(X, fresh);
      return arma::accu(fresh.A % G);
    };
    layer.forward(X, c);
    layer.backward(X, G, c, true);
    EXPECT_LT(dl::relativeError(layer.dW, dl::numericalGradient(loss, layer.W)), 1e-6);
    EXPECT_LT(dl::relativeError(layer.db, dl::numericalGradient(loss, layer.b)), 1e-6);
    EXPECT_LT(dl::relativeError(c.dX, dl::numericalGradient(loss, X)), 1e-6);
  }
}

TEST(DenseLayer, SoftmaxWithCrossEntropyHasDzEqualToPMinusY) {
  arma::arma_rng::set_seed(3);
  Model model;
  model.add(Dense(5, 4, dl::Activation::softmax));
  model.layers[0].glorotUniform();
  arma::mat X = arma::randn(5, 6);
  const arma::urowvec labels = {0, 3, 1, 1, 2, 3};
  Model::Workspace ws;
  const auto loss = [&] {
    Model::Workspace fresh;
    model.forward(X, fresh);
    return model.loss(labels, fresh);
  };
  model.forward(X, ws);
  model.backward(X, labels, ws);
  EXPECT_LT(dl::relativeError(model.layers[0].dW, dl::numericalGradient(loss, model.layers[0].W)),
            1e-6);
  EXPECT_LT(dl::relativeError(model.layers[0].db, dl::numericalGradient(loss, model.layers[0].b)),
            1e-6);
}

// A 7-6-5-3 Dense-ReLU-Dense-ReLU-Dense-softmax stack with random weights and non-zero biases,
// drawn from Armadillo's generator (seed it first).
Model smallStack() {
  Model model;
  model.add(Dense(7, 6, dl::Activation::relu));
  model.add(Dense(6, 5, dl::Activation::relu));
  model.add(Dense(5, 3, dl::Activation::softmax));
  for (auto& layer : model.layers) {
    layer.glorotUniform();
    layer.b = 0.1 * arma::randn(layer.b.n_elem);
  }
  return model;
}

// [gradient_check]
TEST(Sequential, ADenseReluDenseSoftmaxStackMatchesCentralDifferences) {
  arma::arma_rng::set_seed(4);
  Model model = smallStack();
  const arma::mat X = arma::randn(7, 8);
  const arma::urowvec labels = {0, 2, 1, 1, 0, 2, 2, 1};
  Model::Workspace ws;
  model.forward(X, ws);
  model.backward(X, labels, ws);
  const auto loss = [&] {
    Model::Workspace fresh;
    model.forward(X, fresh);
    return model.loss(labels, fresh);
  };
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    auto& layer = model.layers[l];
    EXPECT_LT(dl::relativeError(layer.dW, dl::numericalGradient(loss, layer.W)), 1e-6) << l;
    EXPECT_LT(dl::relativeError(layer.db, dl::numericalGradient(loss, layer.b)), 1e-6) << l;
  }
}
// [gradient_check]

// The fast path's fused step must move every parameter exactly where the reference's backward()
// then sgdStep() would; a step that updated a layer before taking its dX, or skipped a bias,
// differs by ~1e-2. Unsplit, its forward pass is the reference's, to the last bit.
TEST(FastSgd, StepEqualsBackwardThenSgdStep) {
  arma::arma_rng::set_seed(6);
  Model model = smallStack();
  const arma::mat X = arma::randn(7, 8);
  const arma::urowvec labels = {0, 2, 1, 1, 0, 2, 2, 1};
  Model reference = model;
  const Fast fast;
  Fast::Workspace ws;
  Model::Workspace wsReference;
  for (int step = 0; step < 3; ++step) {
    const arma::mat P = fast.forward(model, X, ws);
    const arma::mat& Preference = reference.forward(X, wsReference);
    if (step == 0) {  // the same weights: the same numbers, to the last bit
      EXPECT_TRUE(arma::approx_equal(P, Preference, "absdiff", 0.0));
    }
    fast.step(model, X, labels, ws, 0.5);
    reference.backward(X, labels, wsReference);
    reference.sgdStep(0.5);
  }
  for (std::size_t l = 0; l < model.layers.size(); ++l) {
    EXPECT_LT(arma::abs(model.layers[l].W - reference.layers[l].W).max(), 1e-14) << l;
    EXPECT_LT(arma::abs(model.layers[l].b - reference.layers[l].b).max(), 1e-14) << l;
  }
}

// A layer split into column blocks must compute what one product does: the same Z going forward,
// the same weights after fused steps, and the same dX passed down. Block counts from 2 to more
// blocks than inputs (the split then stops at one column each); a block that skipped or repeated a
// column, or a step that updated the wrong block, would differ by ~1e-1.
TEST(FastSgd, LayersSplitIntoBlocksComputeWhatOneProductDoes) {
  for (arma::uword blocks : {2u, 3u, 5u, 50u}) {
    arma::arma_rng::set_seed(7);
    Model whole = smallStack();
    Model split = whole;
    const Fast unsplit;
    Fast inBlocks;
    for (std::size_t l = 0; l < split.layers.size(); ++l) inBlocks.split(l, blocks);
    const arma::mat X = arma::randn(7, 8);
    const arma::urowvec labels = {0, 2, 1, 1, 0, 2, 2, 1};
    Fast::Workspace ws, wsSplit;
    for (int step = 0; step < 3; ++step) {
      unsplit.forward(whole, X, ws);
      inBlocks.forward(split, X, wsSplit);
      for (std::size_t l = 0; l < whole.layers.size(); ++l)
        EXPECT_LT(arma::abs(ws.caches[l].Z - wsSplit.caches[l].Z).max(), 1e-13) << blocks << l;
      unsplit.step(whole, X, labels, ws, 0.5);
      inBlocks.step(split, X, labels, wsSplit, 0.5);
      for (std::size_t l = 1; l < whole.layers.size(); ++l)
        EXPECT_LT(arma::abs(ws.caches[l].dX - wsSplit.caches[l].dX).max(), 1e-13) << blocks << l;
    }
    for (std::size_t l = 0; l < whole.layers.size(); ++l) {
      EXPECT_LT(arma::abs(whole.layers[l].W - split.layers[l].W).max(), 1e-13) << blocks << l;
      EXPECT_LT(arma::abs(whole.layers[l].b - split.layers[l].b).max(), 1e-13) << blocks << l;
    }
  }
}

// A stack Sequential cannot differentiate is refused when it is built, with a message that
// says what is wrong.
TEST(Sequential, RefusesAStackItCannotDifferentiate) {
  using dl::Activation;
  using dl::test::errorOf;
  EXPECT_EQ(errorOf([] { Model(std::vector<Dense>{}); }), "Sequential: the model has no layers");
  EXPECT_EQ(errorOf([] {
              Model({Dense(4, 3, Activation::relu), Dense(5, 2, Activation::softmax)});
            }),
            "Sequential: layer 2 takes 5 inputs, but layer 1 gives 3 outputs");
  EXPECT_EQ(errorOf([] {
              Model({Dense(4, 3, Activation::softmax), Dense(3, 2, Activation::softmax)});
            }),
            "Sequential: layer 2 would go on top of a softmax: the softmax must be the last "
            "layer, where it is differentiated together with the cross-entropy");
  EXPECT_EQ(errorOf([] {
              Model({Dense(4, 3, Activation::relu), Dense(3, 2, Activation::linear)});
            }),
            "Sequential: the top layer must be a softmax, since the loss is the cross-entropy "
            "of the class probabilities it gives");
  // Built layer by layer, the same checks: as each layer is added, and before any use.
  Model model;
  model.add(Dense(4, 3, Activation::relu));
  EXPECT_EQ(errorOf([&] { model.add(Dense(4, 2, Activation::softmax)); }),
            "Sequential: layer 2 takes 4 inputs, but layer 1 gives 3 outputs");
  Model::Workspace ws;
  const arma::mat X(4, 2, arma::fill::randu);
  model.forward(X, ws);
  EXPECT_EQ(errorOf([&] {
              model.backward(X, {0, 1}, ws);
            }),
            "Sequential: the top layer must be a softmax, since the loss is the cross-entropy "
            "of the class probabilities it gives");
  EXPECT_EQ(errorOf([&] {
              model.loss({0, 1}, ws);
            }),
            "Sequential: the top layer must be a softmax, since the loss is the cross-entropy "
            "of the class probabilities it gives");
  EXPECT_EQ(errorOf([] {
              Dense::Cache c;
              Dense(2, 2, Activation::softmax).activationBackward(arma::mat(2, 1), c);
            }),
            "Dense: a softmax is differentiated only with the cross-entropy on top of it");
}

TEST(Sequential, SoftmaxAndLossStayFiniteForHugeLogits) {
  Model model;
  model.add(Dense(1, 3, dl::Activation::softmax));
  model.layers[0].W = arma::mat(arma::vec{1000.0, -1000.0, 0.0});
  const arma::mat X = arma::rowvec{1.0, -1.0};
  Model::Workspace ws;
  const arma::mat& P = model.forward(X, ws);
  EXPECT_TRUE(P.is_finite());
  EXPECT_NEAR(P(0, 0), 1, 1e-15);
  EXPECT_NEAR(P(1, 1), 1, 1e-15);
  // Labels 1 then 1: the first sample is wrong by a logit gap of 2000, the second right.
  EXPECT_NEAR(model.loss(arma::urowvec{1, 1}, ws), 2000.0 / 2, 1e-9);
  EXPECT_NEAR(model.loss(arma::urowvec{0, 1}, ws), 0, 1e-12);
}

TEST(Sequential, TheArticlesModelHas266610Parameters) {
  Model model;
  model.add(Dense(784, 300, dl::Activation::relu));
  model.add(Dense(300, 100, dl::Activation::relu));
  model.add(Dense(100, 10, dl::Activation::softmax));
  EXPECT_EQ(model.layers[0].parameters(), 235500u);
  EXPECT_EQ(model.layers[1].parameters(), 30100u);
  EXPECT_EQ(model.layers[2].parameters(), 1010u);
  EXPECT_EQ(model.parameters(), 266610u);
}

TEST(Dense, GlorotUniformStaysWithinItsLimit) {
  arma::arma_rng::set_seed(5);
  Dense layer(784, 300, dl::Activation::relu);
  layer.glorotUniform();
  const double r = std::sqrt(6.0 / (784 + 300));
  EXPECT_LE(arma::abs(layer.W).max(), r);
  EXPECT_GT(arma::abs(layer.W).max(), 0.99 * r);
  EXPECT_NEAR(arma::mean(arma::vectorise(layer.W)), 0, 0.002);
  EXPECT_EQ(arma::accu(arma::abs(layer.b)), 0);
}

}  // namespace
