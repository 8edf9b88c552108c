// Chapter 4's checks: denseBackward(), softmaxCrossEntropyGradient() and sgdStep() on one sample
// and on batches, against central differences and the chapter's own dl::Dense and dl::Sequential.
// The usual mistakes are worked out (the variants below), so that each is named.

#include "04_mnist_mlp/exercises/exercise.hpp"
#include "dl/gradcheck.hpp"
#include "grader/grader.hpp"

namespace ex4::solution {
DenseGradients denseBackward(const arma::mat& W, const arma::mat& X, const DenseCache& c,
                             const arma::mat& dA, bool relu);
arma::mat softmaxCrossEntropyGradient(const arma::mat& P, const arma::urowvec& labels);
double sgdStep(std::vector<Layer>& layers, const arma::mat& X, const arma::urowvec& labels,
               double learningRate);
}  // namespace ex4::solution

namespace {

using grader::Case;
using grader::Mistake;
using grader::Verdict;

arma::mat reluPrime(const arma::mat& Z) {
  return arma::conv_to<arma::mat>::from(Z > 0);
}

arma::mat oneHot(const arma::urowvec& labels, arma::uword classes) {
  arma::mat Y(classes, labels.n_elem, arma::fill::zeros);
  for (arma::uword i = 0; i < labels.n_elem; ++i) Y(labels(i), i) = 1;
  return Y;
}

arma::urowvec randomLabels(arma::uword classes, arma::uword B) {
  return arma::randi<arma::urowvec>(B, arma::distr_param(0, int(classes) - 1));
}

// A case's sizes: n_in, n_out (or K classes) and B, all different and none 1, so shapes have names.
Case sized(const std::string& what, arma::uword a, const std::string& aName, arma::uword b,
           const std::string& bName, arma::uword B) {
  Case c{what + aName + " = " + std::to_string(a) + ", " + bName + " = " + std::to_string(b) +
             ", B = " + grader::samples(B),
         {{a, aName}, {b, bName}},
         double(B)};
  if (B > 1) c.dims.push_back({B, "B"});
  c.batch = "B";
  return c;
}

// --- denseBackward -------------------------------------------------------------------------

Verdict checkDense(const Case& c, bool relu) {
  const arma::uword nIn = c.dims[0].first, nOut = c.dims[1].first, B = arma::uword(c.m);
  arma::mat W, X;
  arma::vec b;
  ex4::DenseCache cache;
  do {
    W = arma::randn(nOut, nIn);
    X = arma::randn(nIn, B);
    b = arma::randn(nOut) * 0.3;
    cache = ex4::denseForward(W, b, X, relu);
  } while (relu && !grader::clearOfKink({cache.Z}));
  const arma::mat dA = arma::randn(nOut, B) / double(B);
  // J = sum(dA % A) has dJ/dA = dA: its gradients are the layer's.
  const auto J = [&] { return arma::accu(dA % ex4::denseForward(W, b, X, relu).A); };
  const arma::mat nW = dl::numericalGradient(J, W), nX = dl::numericalGradient(J, X);
  const arma::vec nb = dl::numericalGradient(J, b);
  const ex4::DenseGradients exact = ex4::solution::denseBackward(W, X, cache, dA, relu);
  const ex4::DenseGradients got = ex4::denseBackward(W, X, cache, dA, relu);

  const auto variant = [&](const arma::mat& dZ, bool dXFromDA) {
    return ex4::DenseGradients{dZ * X.t(), arma::sum(dZ, 1), W.t() * (dXFromDA ? dA : dZ)};
  };
  const arma::mat dZ = relu ? arma::mat(dA % reluPrime(cache.Z)) : dA;
  const arma::mat s = 1 / (1 + arma::exp(-cache.Z));
  std::vector<std::pair<std::string, ex4::DenseGradients>> known{
      {"divided by B once more: the batch's 1/B is already in dA", variant(dZ / double(B), false)}};
  if (relu) {
    known.push_back(
        {"the activation's derivative is left out (dZ = dA), or is 1 everywhere (as [A >= 0] "
         "is): for a ReLU layer, dZ = dA % ReLU'(Z), 1 where Z > 0 and 0 elsewhere",
         variant(dA, false)});
    known.push_back(
        {"it uses the derivative of the wrong activation, sigma'(Z): this layer is a "
         "ReLU, whose derivative is 1 where Z > 0 and 0 elsewhere",
         variant(dA % s % (1 - s), false)});
    known.push_back(
        {"dX is computed from dA, skipping the activation: dX = W^T dZ", variant(dZ, true)});
  }
  Verdict v;
  v.compare("dW", got.dW, exact.dW, nW, c, grader::mistakesIn(known, &ex4::DenseGradients::dW));
  v.compare("db", got.db, exact.db, nb, c, grader::mistakesIn(known, &ex4::DenseGradients::db));
  v.compare("dX", got.dX, exact.dX, nX, c, grader::mistakesIn(known, &ex4::DenseGradients::dX));
  return v;
}

std::string gradeDense() {
  std::vector<Case> cases;
  for (bool relu : {true, false}) {
    const std::string what = relu ? "a ReLU layer, " : "a linear layer, ";
    cases.push_back(sized(what, 3, "n_in", 4, "n_out", 1));
    cases.push_back(sized(what, grader::randomInt(5, 8), "n_in", grader::randomInt(2, 4), "n_out",
                          grader::randomInt(10, 20)));
  }
  std::vector<bool> relu{true, true, false, false};
  std::size_t k = 0;
  return grader::runCases(cases, [&](const Case& c) { return checkDense(c, relu[k++]); });
}

// --- softmaxCrossEntropyGradient -------------------------------------------------------------

Verdict checkOutput(const Case& c) {
  const arma::uword K = c.dims[0].first, B = arma::uword(c.m);
  arma::mat Z = arma::randn(K, B) * 2;
  const arma::urowvec labels = randomLabels(K, B);
  const arma::mat P = ex4::softmax(Z);
  const arma::mat numerical =
      dl::numericalGradient([&] { return ex4::crossEntropy(Z, labels); }, Z);
  const arma::mat exact = ex4::solution::softmaxCrossEntropyGradient(P, labels);
  const arma::mat got = ex4::softmaxCrossEntropyGradient(P, labels);
  const arma::mat Y = oneHot(labels, K);
  Verdict v;
  v.compare("dZ", got, exact, numerical, c,
            {{"P / B: the one-hot labels were not subtracted (dZ = (P - Y) / B, Y one-hot)",
              P / double(B)},
             {"it is multiplied by the softmax's derivative p(1 - p): with the cross-entropy, the "
              "softmax's Jacobian cancels and dZ is just (P - Y) / B",
              (P - Y) % P % (1 - P) / double(B)}});
  return v;
}

std::string gradeOutput() {
  std::vector<Case> cases;
  for (const auto& [K, B] : {std::pair<arma::uword, arma::uword>{10, 1},
                             {grader::randomInt(3, 8), grader::randomInt(11, 20)}}) {
    cases.push_back({"K = " + std::to_string(K) + " classes, B = " + grader::samples(B),
                     {{K, "K"}},
                     double(B)});
    if (B > 1) cases.back().dims.push_back({B, "B"});
    cases.back().batch = "B";
  }
  return grader::runCases(cases, checkOutput);
}

// --- sgdStep -------------------------------------------------------------------------------

constexpr double kLearningRate = 0.05;

// The loss of the network `layers` on the batch (the given functions only).
double networkLoss(const std::vector<ex4::Layer>& layers, const arma::mat& X,
                   const arma::urowvec& labels) {
  arma::mat A = X;
  for (std::size_t l = 0; l + 1 < layers.size(); ++l)
    A = ex4::denseForward(layers[l].W, layers[l].b, A, true).A;
  return ex4::crossEntropy(ex4::denseForward(layers.back().W, layers.back().b, A, false).Z, labels);
}

// One step with each layer updated before it passes dX down: the gradients below it then see
// the new weights.
std::vector<ex4::Layer> updatedTooEarly(std::vector<ex4::Layer> layers, const arma::mat& X,
                                        const arma::urowvec& labels) {
  std::vector<arma::mat> Z, A{X};
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto c = ex4::denseForward(layers[l].W, layers[l].b, A.back(), l + 1 < layers.size());
    Z.push_back(c.Z);
    A.push_back(l + 1 < layers.size() ? c.A : ex4::softmax(c.Z));
  }
  arma::mat dZ = (A.back() - oneHot(labels, A.back().n_rows)) / double(X.n_cols);
  for (std::size_t l = layers.size(); l-- > 0;) {
    layers[l].W -= kLearningRate * dZ * A[l].t();
    layers[l].b -= kLearningRate * arma::sum(dZ, 1);
    if (l > 0) dZ = (layers[l].W.t() * dZ) % reluPrime(Z[l - 1]);
  }
  return layers;
}

Verdict checkStep(const Case& c) {
  std::vector<arma::uword> sizes;
  for (const auto& [n, name] : c.dims)
    if (name != "B") sizes.push_back(n);
  const arma::uword B = arma::uword(c.m);
  std::vector<ex4::Layer> before;
  arma::mat X;
  const auto hiddenZ = [&] {  // the ReLU layers' Z: every layer's but the last (the softmax's)
    std::vector<arma::mat> Z;
    arma::mat A = X;
    for (std::size_t l = 0; l + 1 < before.size(); ++l) {
      const auto c = ex4::denseForward(before[l].W, before[l].b, A, true);
      Z.push_back(c.Z);
      A = c.A;
    }
    return Z;
  };
  do {
    before.clear();
    for (std::size_t l = 1; l < sizes.size(); ++l)
      before.push_back({arma::randn(sizes[l], sizes[l - 1]) * 0.7, arma::randn(sizes[l]) * 0.3});
    X = arma::randn(sizes[0], B);
  } while (!grader::clearOfKink(hiddenZ()));
  const arma::urowvec labels = randomLabels(sizes.back(), B);

  std::vector<ex4::Layer> exact = before, got = before, probe = before;
  const double exactLoss = ex4::solution::sgdStep(exact, X, labels, kLearningRate);
  const double gotLoss = ex4::sgdStep(got, X, labels, kLearningRate);
  Verdict v;
  if (got.size() != before.size()) {
    v.fail("the network has " + std::to_string(got.size()) + " layers after the step; it had " +
           std::to_string(before.size()) + ".");
    return v;
  }
  const double lossAfter = networkLoss(exact, X, labels);
  v.compare("the returned loss", gotLoss, exactLoss, std::nan(""), c,
            {{"it is the loss after the step; the step returns the loss of the batch before it",
              arma::mat{lossAfter}}});
  const auto early = updatedTooEarly(before, X, labels);
  const auto J = [&] { return networkLoss(probe, X, labels); };
  for (std::size_t l = 0; l < before.size(); ++l) {
    const std::string at = "[" + std::to_string(l + 1) + "]";
    const arma::mat nW = -kLearningRate * dl::numericalGradient(J, probe[l].W);
    const arma::mat nb = -kLearningRate * dl::numericalGradient(J, probe[l].b);
    const arma::mat stepW = exact[l].W - before[l].W;
    const arma::mat stepb = exact[l].b - before[l].b;
    const auto known = [&](const arma::mat& step, const arma::mat& earlyStep) {
      return std::vector<Mistake>{
          {"it moves up the gradient (W + alpha dW): a descent step subtracts", -step},
          {"it is -dW, not -alpha dW: the learning rate is missing", step / kLearningRate},
          {"the layer above was updated before it passed its gradient down: dX = W^T dZ must use "
           "the weights of the forward pass, so update after the whole backward pass (or after "
           "the layer's dX)",
           earlyStep}};
    };
    v.compare("the step of W" + at, got[l].W - before[l].W, stepW, nW, c,
              known(stepW, early[l].W - before[l].W));
    v.compare("the step of b" + at, arma::mat(got[l].b - before[l].b), stepb, nb, c,
              known(stepb, early[l].b - before[l].b));
  }
  return v;
}

std::string gradeStep() {
  std::vector<Case> cases;
  for (arma::uword B : {arma::uword(1), grader::randomInt(11, 19)}) {
    Case c{"", {}, double(B), 0, "B"};
    const std::vector<arma::uword> sizes{grader::randomInt(8, 9), grader::randomInt(6, 7),
                                         grader::randomInt(4, 5), grader::randomInt(2, 3)};
    c.description = "layers " + std::to_string(sizes[0]) + "-" + std::to_string(sizes[1]) + "-" +
                    std::to_string(sizes[2]) + "-" + std::to_string(sizes[3]) +
                    " (ReLU, ReLU, softmax), B = " + std::to_string(B) + " samples, alpha = 0.05";
    for (std::size_t l = 0; l < sizes.size(); ++l)
      c.dims.push_back({sizes[l], "n" + std::to_string(l)});
    if (B > 1) c.dims.push_back({B, "B"});
    cases.push_back(c);
  }
  return grader::runCases(cases, checkStep);
}

}  // namespace

int main(int argc, char** argv) {
  return grader::grade(
      argc, argv, "chapter 4, the MNIST network",
      {{"denseBackward", "a dense layer's backward pass: dW, db, dX", gradeDense, {}},
       {"softmaxCrossEntropyGradient",
        "dL/dZ of the softmax with the cross-entropy",
        gradeOutput,
        {}},
       {"sgdStep",
        "one step of mini-batch SGD",
        gradeStep,
        {"denseBackward", "softmaxCrossEntropyGradient"}}});
}
