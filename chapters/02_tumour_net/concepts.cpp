/// \file
/// \brief Chapter 2's concepts, shown with numbers: the activation functions and their slopes,
/// why a network without them is one linear map, and why deep sigmoid stacks learn slowly
/// (\ref chapter2_activations).

#include <armadillo>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <vector>

#include "dl/cli.hpp"
#include "dl/output.hpp"
#include "dl/plot.hpp"
#include "dl/wisconsin.hpp"

#define DL_CHAPTER_TEST  // the chapter's functions, without its main()
#include "main.cpp"

/// The demonstrations of \ref chapter2_activations.
namespace concepts {

/// The three activations of the articles and their derivatives, element by element.
enum class Kind { sigmoid, tanh, relu };

// [activations]
arma::mat activate(Kind g, const arma::mat& Z) {
  switch (g) {
    case Kind::sigmoid: return 1 / (1 + arma::exp(-Z));
    case Kind::tanh: return arma::tanh(Z);
    case Kind::relu: return arma::clamp(Z, 0, arma::datum::inf);
  }
  return Z;
}

arma::mat slope(Kind g, const arma::mat& Z) {
  switch (g) {
    case Kind::sigmoid: {
      const arma::mat s = activate(Kind::sigmoid, Z);
      return s % (1 - s);  // sigma' = sigma (1 - sigma), at most 1/4
    }
    case Kind::tanh: return 1 - arma::square(arma::tanh(Z));  // at most 1
    case Kind::relu: return arma::conv_to<arma::mat>::from(Z > 0);  // 0 or 1
  }
  return Z;
}
// [activations]

const char* name(Kind g) {
  return g == Kind::sigmoid ? "sigmoid" : g == Kind::tanh ? "tanh" : "ReLU";
}

/// Chapter 2's 9-15-1 network with the identity in place of ReLU: its output is
/// \f$W_2 (W_1 X + b_1) + b_2 = (W_2 W_1) X + (W_2 b_1 + b_2)\f$, one linear map of the inputs.
/// Returns the largest difference between the two ways of computing it.
// [linear]
double linearCollapse(const tumour_net::Net& net, const arma::mat& X) {
  arma::mat Z1 = net.W1 * X;
  Z1.each_col() += net.b1;
  const arma::rowvec twoLayers = net.W2 * Z1 + arma::as_scalar(net.b2);  // no ReLU in between
  const arma::rowvec w = net.W2 * net.W1;                                 // 1 x 9
  const double c = arma::as_scalar(net.W2 * net.b1 + net.b2);
  const arma::rowvec oneLayer = w * X + c;
  return arma::abs(twoLayers - oneLayer).max();
}
// [linear]

/// The size \f$\lVert dW_l \rVert\f$ of every layer's weight gradient in a deep stack of
/// `width`-unit layers with activation `g`, a sigmoid output and the cross-entropy, at the chapter's
/// initialisation (\f$\mathcal{N}(0, 1)/\sqrt{\text{fan-in}}\f$). Backward as in chapter 2, one
/// layer at a time: \f$dZ_{l-1} = (W_l^\top dZ_l) \circ g'(Z_{l-1})\f$; every layer multiplies
/// the gradient by the slopes \f$g'\f$ of its units.
// [vanishing]
arma::vec gradientNorms(Kind g, const arma::mat& X, const arma::rowvec& Y, arma::uword depth,
                        arma::uword width) {
  std::vector<arma::mat> W(depth + 1), Z(depth + 1), A(depth + 1);
  std::vector<arma::vec> b(depth + 1);
  A[0] = X;
  for (arma::uword l = 1; l <= depth; ++l) {
    const arma::uword out = l == depth ? 1 : width;
    W[l] = arma::randn(out, A[l - 1].n_rows) / std::sqrt(double(A[l - 1].n_rows));
    b[l] = arma::zeros(out);
    Z[l] = W[l] * A[l - 1];
    Z[l].each_col() += b[l];
    A[l] = l == depth ? activate(Kind::sigmoid, Z[l]) : activate(g, Z[l]);
  }
  arma::vec norms(depth);
  arma::mat dZ = (A[depth].each_row() - Y) / double(X.n_cols);  // sigmoid, mean cross-entropy
  for (arma::uword l = depth; l >= 1; --l) {
    norms(l - 1) = arma::norm(dZ * A[l - 1].t(), "fro");  // |dW_l|, dW_l = dZ_l A_{l-1}^T
    if (l > 1) dZ = (W[l].t() * dZ) % slope(g, Z[l - 1]);
  }
  return norms;
}
// [vanishing]

}  // namespace concepts

int main(int argc, char** argv) {
  using namespace concepts;
  CLI::App app{"Chapter 2's concepts: activations, linear collapse, vanishing gradients",
               "concepts"};
  std::filesystem::path out;
  std::uint64_t seed = 1;
  dl::cli::addSeedOption(app, seed);
  dl::cli::addOutOption(app, out, "tumour_net/concepts");
  return dl::cli::run(app, argc, argv, [&] {
    dl::cli::prepareOutputDir(out);
    const std::vector<Kind> kinds{Kind::sigmoid, Kind::tanh, Kind::relu};
    nlohmann::json summary;

    std::cout << "The activations and their slopes g'(z):\n   z  ";
    const arma::rowvec zs = {-5, -2, 0, 2, 5};
    for (Kind g : kinds) std::cout << std::setw(18) << name(g);
    std::cout << "\n";
    for (arma::uword i = 0; i < zs.n_elem; ++i) {
      std::cout << std::setw(4) << zs(i) << "  ";
      for (Kind g : kinds) {
        const arma::mat z{zs(i)};
        std::ostringstream cell;
        cell << std::setprecision(3) << activate(g, z)(0) << " / " << slope(g, z)(0);
        std::cout << std::setw(18) << cell.str();
      }
      std::cout << "\n";
    }
    for (Kind g : kinds) {
      const arma::rowvec z = arma::linspace<arma::rowvec>(-10, 10, 20001);
      summary[std::string(name(g)) + "_largest_slope"] = slope(g, z).max();
    }

    const dl::wisconsin::Data data = dl::wisconsin::load(DL_DATA_DIR "/wisconsin/breast-cancer-wisconsin.data");
    const auto split = dl::wisconsin::articleSplit(data, "breast-cancer-wisconsin.data");
    const double collapse = linearCollapse(tumour_net::initialise(9, 15, 1), split.X);
    std::cout << "\nChapter 2's 9-15-1 network without its ReLU, on the " << split.X.n_cols
              << " training samples.\nLargest difference between its output and that of the one"
                 " linear map\n(W2 W1) x + (W2 b1 + b2): "
              << collapse << "\n";
    summary["linear_collapse_difference"] = collapse;

    const arma::uword depth = 10, width = 15;
    std::cout << "\nSize of each layer's weight gradient |dW_l| in a " << depth << "-layer stack of "
              << width << " units,\nat the chapter's initialisation (seed " << seed << "):\n"
              << "  layer       sigmoid          ReLU\n";
    arma::mat norms(depth, kinds.size());
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      arma::arma_rng::set_seed(seed);  // the same weights for every activation
      norms.col(k) = gradientNorms(kinds[k], split.X, split.Y, depth, width);
    }
    for (arma::uword l = 0; l < depth; ++l)
      std::cout << std::setw(7) << l + 1 << std::setw(14) << std::setprecision(3) << norms(l, 0)
                << std::setw(14) << norms(l, 2) << "\n";
    summary["sigmoid_last_to_first"] = norms(depth - 1, 0) / norms(0, 0);
    summary["relu_last_to_first"] = norms(depth - 1, 2) / norms(0, 2);
    std::cout << "From the last layer to the first, the gradient shrinks " << std::setprecision(3)
              << norms(depth - 1, 0) / norms(0, 0) << "-fold with sigmoid and "
              << norms(depth - 1, 2) / norms(0, 2) << "-fold with ReLU.\n";

    if (dl::plot::gnuplotAvailable()) {
      const arma::vec z = arma::linspace(-6, 6, 241);
      dl::plot::Figure figure(out / "activations.png", 1100, 420);
      figure.grid(1, 2);
      // One panel at a time: panel() may move the panels before it.
      auto& functions = figure.panel().title("The activations g(z)").xlabel("z").ylabel("g(z)");
      functions.set("key left top").set("yrange [-1.2:2]");
      for (Kind g : kinds) functions.line(z, arma::vec(activate(g, z)), name(g));
      auto& slopes = figure.panel().title("Their slopes g'(z)").xlabel("z").ylabel("g'(z)");
      slopes.set("key left top").set("yrange [-0.05:1.1]");
      for (Kind g : kinds) slopes.line(z, arma::vec(slope(g, z)), name(g));
      figure.save();

      dl::plot::Figure vanishing(out / "gradient_norms.png", 800, 420);
      vanishing.panel()
          .title("Size of each layer's weight gradient")
          .xlabel("layer (1 = next to the inputs)")
          .ylabel("|dW|")
          .set("key right center")
          .set("logscale y")
          .set("format y '10^{%L}'")
          .line(arma::regspace(1, depth), arma::vec(norms.col(0)), "sigmoid", "linespoints pt 7 lw 2")
          .line(arma::regspace(1, depth), arma::vec(norms.col(2)), "ReLU", "linespoints pt 7 lw 2");
      vanishing.save();
    }
    dl::writeJson(out / "summary.json", summary);
    return 0;
  });
}
