// Chapter 1's mathematics: its derivatives against central differences and a hand computation,
// the article's dJ/dc failing that check, and the convergence the chapter promises.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "chapters/quadratic_neuron.hpp"  // 01_quadratic_neuron/main.cpp, without its main()
#include "dl/error.hpp"
#include "dl/gradcheck.hpp"
#include "program.hpp"

namespace {
using namespace quadratic_neuron;

// The loss as a function of theta = (a, b, c), and the chapter's gradient in the same layout.
struct Problem {
  Data data;
  arma::vec theta;
  double lossAtTheta() const { return loss(Neuron{theta(0), theta(1), theta(2)}(data.x), data.y); }
  arma::vec analytic(Derivative dcForm) const {
    const Neuron model{theta(0), theta(1), theta(2)};
    const auto [da, db, dc] = grads(data.x, data.y, model(data.x), dcForm);
    return {da, db, dc};
  }
};

Problem randomProblem(std::uint64_t seed) {
  arma::arma_rng::set_seed(seed);
  Problem p{makeData(200, Neuron{10, 5, 12}), 10 * arma::randn(3)};
  return p;
}

// [gradient_check]
TEST(QuadraticNeuronGradients, MatchCentralDifferencesAtRandomPoints) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Problem p = randomProblem(seed);  // random data, random (a, b, c)
    const arma::vec numeric = dl::numericalGradient([&] { return p.lossAtTheta(); }, p.theta);
    EXPECT_LT(dl::relativeError(p.analytic(Derivative::exact), numeric), 1e-6) << "seed " << seed;
  }
}
// [gradient_check]

TEST(QuadraticNeuronGradients, TheArticlesDcFailsTheCheck) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Problem p = randomProblem(seed);
    const arma::vec numeric = dl::numericalGradient([&] { return p.lossAtTheta(); }, p.theta);
    const arma::vec article = p.analytic(Derivative::article);
    // da and db are still right; dc is exactly half the truth, a relative error of
    // |1/2 - 1| / max(1/2, 1) = 1/2.
    EXPECT_LT(dl::relativeError(article.head(2), numeric.head(2)), 1e-6);
    EXPECT_NEAR(dl::relativeError(article.tail(1), numeric.tail(1)), 1.0 / 2, 1e-6);
  }
}

TEST(QuadraticNeuronGradients, MatchAHandComputation) {
  // Neuron (1, 1, 1) on x = (0, 1) with targets (0, 0): predictions (1, 3), residuals (1, 3).
  // J = (1 + 9) / 2 = 5; dJ/da = 2 (1*0 + 3*1) / 2 = 3; dJ/db = 2 (1*0 + 3*1) / 2 = 3;
  // dJ/dc = 2 (1 + 3) / 2 = 4, or 2 with the article's formula.
  const arma::rowvec x = {0, 1}, y = {0, 0};
  const Neuron model{1, 1, 1};
  EXPECT_DOUBLE_EQ(loss(model(x), y), 5);
  const auto exact = grads(x, y, model(x));
  EXPECT_DOUBLE_EQ(exact.da, 3);
  EXPECT_DOUBLE_EQ(exact.db, 3);
  EXPECT_DOUBLE_EQ(exact.dc, 4);
  EXPECT_DOUBLE_EQ(grads(x, y, model(x), Derivative::article).dc, 2);
}

TEST(QuadraticNeuronFit, StepsAgainstTheGradientAndReturnsTheLossBeforeTheStep) {
  Data data{{0, 1}, {0, 0}};
  Neuron model{1, 1, 1};
  EXPECT_DOUBLE_EQ(fit(model, data, 0.1), 5);
  EXPECT_DOUBLE_EQ(model.a, 1 - 0.1 * 3);
  EXPECT_DOUBLE_EQ(model.b, 1 - 0.1 * 3);
  EXPECT_DOUBLE_EQ(model.c, 1 - 0.1 * 4);
}

History trainWith(Settings settings, Neuron& model, std::string* log = nullptr) {
  arma::arma_rng::set_seed(settings.seed);
  const Data data = makeData(settings.samples, Neuron{10, 5, 12});
  std::ostringstream out;
  History history = train(model, data, settings, out);
  if (log) *log = out.str();
  return history;
}

TEST(QuadraticNeuronTraining, DefaultsConvergeToTheTrueParameters) {
  Neuron model;
  std::string log;
  const History history = trainWith(Settings{}, model, &log);
  EXPECT_NEAR(model.a, 10, 0.02);
  EXPECT_NEAR(model.b, 5, 0.02);
  EXPECT_NEAR(model.c, 12, 0.02);
  ASSERT_EQ(history.loss.n_elem, 51u);
  for (arma::uword e = 1; e < history.loss.n_elem; ++e)
    EXPECT_LT(history.loss(e), history.loss(e - 1)) << "epoch " << e;
  // The history starts at the article's initial guess and ends at the trained model.
  EXPECT_EQ(history.a(0), 15);
  EXPECT_EQ(history.c(50), model.c);
  // One line every 5 epochs, as the article prints.
  EXPECT_EQ(dl::test::countLines(log), 10u);
  EXPECT_EQ(log.rfind("epoch  0 --------> mean squared error ", 0), 0u) << log;
}

TEST(QuadraticNeuronTraining, TheArticlesDcEndsNearItsPrinted11Point9) {
  Settings settings;
  settings.dcForm = Derivative::article;
  Neuron model;
  trainWith(settings, model);
  EXPECT_NEAR(model.c, 11.9, 0.2);
  EXPECT_GT(std::abs(model.c - 12), 0.05);  // and visibly short of 12
}

TEST(QuadraticNeuronTraining, ALargeLearningRateStopsWithADivergenceError) {
  Settings settings;
  settings.learningRate = 5;
  Neuron model;
  try {
    trainWith(settings, model);
    FAIL() << "no error";
  } catch (const dl::Error& e) {
    EXPECT_NE(std::string(e.what()).find("training diverged"), std::string::npos) << e.what();
  }
}

TEST(QuadraticNeuronCurvature, TheHessianIsTheDerivativeOfTheGradient) {
  // Column k of H is the derivative of the gradient with respect to theta_k: check each column
  // against central differences of grads(), the gradient check one level up.
  Problem p = randomProblem(4);
  const arma::mat H = hessian(p.data.x);
  for (arma::uword k = 0; k < 3; ++k) {
    arma::vec column(3);
    for (arma::uword r = 0; r < 3; ++r)
      column(r) =
          dl::numericalGradient([&] { return p.analytic(Derivative::exact)(r); }, p.theta)(k);
    EXPECT_LT(dl::relativeError(H.col(k), column), 1e-6) << "column " << k;
  }
}

TEST(QuadraticNeuronCurvature, TheLossIsHalfTheDistanceFromTheTruthWeightedByTheHessian) {
  // Noise-free targets: J = (1/2) dtheta' H dtheta exactly, which lets the results page split the
  // starting loss over the directions of the bowl.
  Problem p = randomProblem(2);
  const arma::vec distance = p.theta - arma::vec{10, 5, 12};
  EXPECT_NEAR(p.lossAtTheta(), 0.5 * arma::as_scalar(distance.t() * hessian(p.data.x) * distance),
              1e-9 * p.lossAtTheta());
}

TEST(QuadraticNeuronCurvature, TheStepsFeelTheEigenvaluesOfDH) {
  // With the exact derivative they are the curvatures h_1 <= h_2 <= h_3; with the article's dc,
  // the eigenvalues of D H, D = diag(1, 1, 1/2), computed here the long way (a general eigensolver).
  Problem p = randomProblem(3);
  const arma::mat H = hessian(p.data.x);
  EXPECT_TRUE(arma::approx_equal(stepCurvatures(H, Derivative::exact), arma::eig_sym(H), "reldiff",
                                 1e-12));
  const arma::mat DH = arma::diagmat(arma::vec{1, 1, 0.5}) * H;
  const arma::cx_vec general = arma::eig_gen(DH);
  EXPECT_LT(arma::abs(arma::imag(general)).max(), 1e-9);
  EXPECT_TRUE(arma::approx_equal(stepCurvatures(H, Derivative::article),
                                 arma::sort(arma::vec(arma::real(general))), "reldiff", 1e-9));
}

TEST(QuadraticNeuronCurvature, TwoOverTheLargestCurvatureSeparatesConvergenceFromDivergence) {
  // For each derivative its own limit, 2 over the largest curvature its steps feel: the article's
  // dc has a higher one, which is why --article-dc converges at learning rates the exact one cannot.
  arma::arma_rng::set_seed(1);
  const Data data = makeData(1000, Neuron{10, 5, 12});
  for (const Derivative dcForm : {Derivative::exact, Derivative::article}) {
    const double limit = 2 / stepCurvatures(hessian(data.x), dcForm).max();
    for (const auto& [factor, diverges] : {std::pair{0.95, false}, std::pair{1.05, true}}) {
      Settings settings;
      settings.dcForm = dcForm;
      settings.learningRate = factor * limit;
      settings.epochs = 400;
      Neuron model;
      std::ostringstream log;
      if (diverges) {
        EXPECT_THROW(train(model, data, settings, log), dl::Error) << factor;
      } else {
        train(model, data, settings, log);
        EXPECT_NEAR(model.c, 12, 1e-3);
      }
    }
  }
  const arma::mat H = hessian(data.x);
  EXPECT_GT(2 / stepCurvatures(H, Derivative::article).max(), 2 / arma::eig_sym(H).max());
}

TEST(QuadraticNeuronCurvature, TheLossShrinksByTheSlowestFactorSquaredPerEpoch) {
  // The aside's prediction, (max_k |1 - alpha h_k|)^2 per epoch once the faster directions have
  // settled, against the last 20 epochs of real runs: below the limit's overshoot and above it.
  arma::arma_rng::set_seed(1);
  const Data data = makeData(1000, Neuron{10, 5, 12});
  for (const Derivative dcForm : {Derivative::exact, Derivative::article})
    for (const double alpha : {0.1, 0.25}) {
      Settings settings;
      settings.dcForm = dcForm;
      settings.learningRate = alpha;
      Neuron model;
      std::ostringstream log;
      const History history = train(model, data, settings, log);
      const double slowest = arma::abs(1 - alpha * stepCurvatures(hessian(data.x), dcForm)).max();
      const double observed = std::pow(history.loss(50) / history.loss(30), 1.0 / 20);
      EXPECT_NEAR(observed, slowest * slowest, 5e-3) << "alpha " << alpha;
    }
}

TEST(QuadraticNeuronSurface, IsZeroAtTheTrueParametersAndPositiveElsewhere) {
  arma::arma_rng::set_seed(1);
  const Data data = makeData(100, Neuron{10, 5, 12});
  const arma::vec bs = {4, 5, 6}, cs = {11, 12, 13};
  const arma::mat surface = lossSurface(data, 10, bs, cs);
  EXPECT_NEAR(surface(1, 1), 0, 1e-20);
  EXPECT_EQ(surface.index_min(), 4u);
  EXPECT_DOUBLE_EQ(surface(0, 2), loss(Neuron{10, 4, 13}(data.x), data.y));
}

}  // namespace
