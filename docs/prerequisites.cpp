// The small examples of the page "What you need to bring" (docs/prerequisites.md): shapes, the
// matrix product, transpose, element-wise products, biases, sums, norms and eigenvalues, each in
// Armadillo. The page shows this code through \snippet and the output of the docs build's run of
// it, one text file per section, so nothing on the page is typed by hand. Every identity the page
// states is checked here: if one fails, the program stops with an error and the docs build fails.
//
//   prerequisites --out DIR
//
// writes DIR/<section>.txt, DIR/summary.json (the numbers the prose quotes), DIR/product.dot and
// DIR/bias.dot (the pictures of a product and of a bias added to every column).

// Armadillo's size checks are what the page shows when shapes disagree, so they stay on here even
// in a release build, where the chapters turn them off for speed. This program does not link the
// shared helpers, so no code compiled without the checks is mixed in.
#undef ARMA_NO_DEBUG
#include <CLI/CLI.hpp>
#include <armadillo>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Stops the run (and the docs build) when an identity the page states does not hold.
void require(bool holds, const std::string& what) {
  if (!holds) throw std::runtime_error("identity failed: " + what);
}

bool same(const arma::mat& A, const arma::mat& B) {
  return arma::size(A) == arma::size(B) && arma::approx_equal(A, B, "absdiff", 1e-12);
}

// A matrix as the page prints it: a name, its shape, then its rows.
void show(std::ostream& out, const std::string& name, const arma::mat& M) {
  out << name << " (" << M.n_rows << " x " << M.n_cols << "):\n";
  for (arma::uword r = 0; r < M.n_rows; ++r) {
    for (arma::uword c = 0; c < M.n_cols; ++c)
      out << std::setw(8) << std::setprecision(4) << (M(r, c) == 0 ? 0.0 : M(r, c));  // no -0
    out << "\n";
  }
}

// The examples share one small layer: 3 units reading 2 features, on a batch of 4 samples.
// [data]
const arma::mat X = {{1, 0, 2, -1},   // feature 1 of samples 1..4
                     {2, 1, 0, 3}};   // feature 2 of samples 1..4
const arma::mat W = {{1, 2},          // what unit 1 reads from each feature
                     {0, -1},         // unit 2
                     {3, 1}};         // unit 3
const arma::vec b = {1, 0, -2};       // one bias per unit
// [data]

void shapes(std::ostream& out, nlohmann::json& summary) {
  // [shapes]
  const arma::uword features = X.n_rows;  // 2: one row per feature
  const arma::uword samples = X.n_cols;   // 4: one column per sample
  const arma::vec sample3 = X.col(2);     // the third sample, a column (indices start at 0)
  // [shapes]
  show(out, "X", X);
  out << "features = X.n_rows = " << features << ", samples = X.n_cols = " << samples << "\n";
  show(out, "X.col(2), the third sample", sample3);
  summary["features"] = features;
  summary["samples"] = samples;
}

// A matrix as a graphviz table: its entries, the lit ones shaded, its name and shape below.
template <typename Lit>
std::string table(const std::string& name, const arma::mat& M, const Lit& lit) {
  std::ostringstream t;
  t << "<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"6\">";
  for (arma::uword r = 0; r < M.n_rows; ++r) {
    t << "<tr>";
    for (arma::uword c = 0; c < M.n_cols; ++c)
      t << "<td" << (lit(r, c) ? " bgcolor=\"#ffe08a\"" : "") << ">" << M(r, c) << "</td>";
    t << "</tr>";
  }
  t << "<tr><td border=\"0\" colspan=\"" << M.n_cols << "\">" << name << ": " << M.n_rows
    << " x " << M.n_cols << "</td></tr></table>>";
  return t.str();
}

// Writes a picture of an equation, left to right: each term is a graphviz label (a table, or an
// operator in quotes).
void equation(const fs::path& file, const std::vector<std::string>& terms) {
  std::ofstream dot(file);
  dot << "digraph equation {\n  rankdir=LR; nodesep=0.1; ranksep=0.15;\n"
      << "  node [shape=plaintext, fontname=\"Helvetica\", fontsize=16];\n";
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const bool op = terms[k].front() == '"';
    dot << "  t" << k << " [label=" << terms[k] << (op ? ", fontsize=24" : "") << "];\n";
  }
  for (std::size_t k = 0; k + 1 < terms.size(); ++k)
    dot << "  t" << k << " -> t" << k + 1 << " [style=invis];\n";
  dot << "}\n";
  if (!dot) throw std::runtime_error(file.string() + ": cannot write it");
}

// The picture of the product: the row of W and the column of X behind entry (i, j) of Z lit.
void productPicture(const fs::path& file, const arma::mat& Z, arma::uword i, arma::uword j) {
  equation(file, {table("W", W, [&](arma::uword r, arma::uword) { return r == i; }), "\"×\"",
                  table("X", X, [&](arma::uword, arma::uword c) { return c == j; }), "\"=\"",
                  table("Z", Z, [&](arma::uword r, arma::uword c) { return r == i && c == j; })});
}

void product(std::ostream& out, nlohmann::json& summary, const fs::path& dir) {
  // [product]
  const arma::mat Z = W * X;  // (3 x 2) times (2 x 4): the inner sizes agree, Z is 3 x 4
  const double z = arma::dot(W.row(2), X.col(2));  // Z(2, 2): row 2 of W with column 2 of X
  // [product]
  show(out, "Z = W * X", Z);
  out << "Z(2, 2) = row 2 of W times column 2 of X = " << W(2, 0) << " * " << X(0, 2) << " + "
      << W(2, 1) << " * " << X(1, 2) << " = " << z << "\n";
  require(Z(2, 2) == z, "an entry of W X is a row of W times a column of X");
  productPicture(dir / "product.dot", Z, 2, 2);
  summary["z22"] = z;

  // [mismatch]
  try {
    const arma::mat wrong = X * W;  // (2 x 4) times (3 x 2): 4 is not 3
  } catch (const std::logic_error& e) {
    out << "X * W stops with: " << e.what() << "\n";  // Armadillo's own message
  }
  // [mismatch]
}

void transpose(std::ostream& out) {
  const arma::mat Z = W * X;
  // [transpose]
  const arma::mat dZ = Z / 10;       // stands in for dZ: any matrix of Z's shape, 3 x 4
  const arma::mat Xt = X.t();        // 4 x 2: rows become columns
  const arma::mat dW = dZ * X.t();   // (3 x 4) times (4 x 2) = 3 x 2, the shape of W
  // [transpose]
  show(out, "X.t()", Xt);
  out << "dZ * X.t() is " << dW.n_rows << " x " << dW.n_cols << ", like W ("
      << W.n_rows << " x " << W.n_cols << ")\n";
  require(same((W * X).t(), X.t() * W.t()), "(W X)^T = X^T W^T");
  require(arma::size(dW) == arma::size(W), "dZ X^T has W's shape");
}

void elementwise(std::ostream& out) {
  // [elementwise]
  const arma::mat A = {{1, 2}, {3, 4}};
  const arma::mat B = {{10, 0}, {-1, 2}};
  const arma::mat AB = A % B;  // entry by entry: 1*10, 2*0, 3*(-1), 4*2
  // [elementwise]
  show(out, "A % B", AB);
  show(out, "A * B, the matrix product, for comparison", A * B);
  require(AB(1, 0) == -3 && AB(1, 1) == 8, "% multiplies entry by entry");
}

void bias(std::ostream& out, const fs::path& dir) {
  // [bias]
  arma::mat Z = W * X;     // 3 x 4: one column per sample
  Z.each_col() += b;       // b is 3 x 1: added to every column, so to every sample
  // [bias]
  show(out, "W * X, then b added to each column", Z);
  const arma::mat copies = b * arma::ones<arma::rowvec>(X.n_cols);  // b 1^T: b in every column
  require(same(Z, W * X + copies), "each_col() += b is W X + b 1^T");
  const auto none = [](arma::uword, arma::uword) { return false; };
  const auto all = [](arma::uword, arma::uword) { return true; };
  equation(dir / "bias.dot", {table("W X", W * X, none), "\"+\"",
                              table("b in every column", copies, all), "\"=\"",
                              table("Z", Z, none)});
}

void sums(std::ostream& out, nlohmann::json& summary) {
  // [sums]
  const arma::mat dZ = W * X;  // stands in for dZ: any 3 x 4 matrix will do
  const arma::vec ones = arma::ones<arma::vec>(dZ.n_cols);  // a column of 4 ones
  const arma::vec perUnit = dZ * ones;       // each row summed, over the samples: 3 x 1
  const arma::vec rowSums = arma::sum(dZ, 1);  // the same sums, by Armadillo (1: along rows)
  const double total = arma::accu(dZ);       // every entry added up
  // [sums]
  show(out, "dZ", dZ);
  show(out, "dZ * ones = sum(dZ, 1)", perUnit);
  out << "accu(dZ) = " << total << "\n";
  require(same(perUnit, rowSums), "dZ 1 = sum(dZ, 1)");
  require(std::abs(total - arma::accu(perUnit)) < 1e-12, "accu is the sum of the row sums");
  summary["total"] = total;
}

void norms(std::ostream& out, nlohmann::json& summary) {
  // [norms]
  const arma::vec v = {3, 4};
  const double length = arma::norm(v);                   // sqrt(3*3 + 4*4) = 5
  const double size = arma::norm(W, "fro");              // every entry of W as one long vector
  const arma::mat G = {{1.0, 2.0}}, N = {{1.001, 1.999}};  // a derivative and its estimate
  const double relative = arma::norm(G - N, "fro") / arma::norm(G + N, "fro");
  // [norms]
  out << "norm(v) = " << length << "\n"
      << "norm(W, \"fro\") = " << size << "\n"
      << "relative error of the estimate = " << relative << "\n";
  require(length == 5, "norm of (3, 4) is 5");
  require(std::abs(size * size - arma::accu(arma::square(W))) < 1e-12, "Frobenius norm");
  summary["norm_v"] = length;
  summary["norm_W"] = size;
  summary["relative_error"] = relative;
}

void eigen(std::ostream& out, nlohmann::json& summary) {
  // [eigen]
  const arma::mat H = {{3, 1},
                       {1, 3}};  // symmetric: H equals H.t()
  arma::vec h;                   // its eigenvalues, ascending
  arma::mat V;                   // its eigenvectors, one per column
  arma::eig_sym(h, V, H);
  const arma::vec stretched = H * V.col(1);  // equals h(1) * V.col(1): only stretched
  // [eigen]
  show(out, "H", H);
  show(out, "eigenvalues h", h);
  show(out, "eigenvectors V (columns)", V);
  show(out, "H * V.col(1)", stretched);
  show(out, "h(1) * V.col(1)", h(1) * V.col(1));
  for (arma::uword k = 0; k < h.n_elem; ++k)
    require(same(H * V.col(k), h(k) * V.col(k)), "H v = h v for every eigenvector");
  const double alpha = 0.4;
  out << "learning rate " << alpha << ": each step multiplies the distance along V.col(k)\n"
      << "by 1 - " << alpha << " * h(k) = " << 1 - alpha * h(0) << " and " << 1 - alpha * h(1)
      << "\nlargest stable learning rate = 2 / h(1) = " << 2 / h(1) << "\n";
  summary["eigenvalues"] = {h(0), h(1)};
  summary["alpha"] = alpha;
  summary["factors"] = {1 - alpha * h(0), 1 - alpha * h(1)};
  summary["largest_stable_rate"] = 2 / h(1);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The examples of the page 'What you need to bring', with their output"};
  fs::path dir = "output/prerequisites";
  app.add_option("--out", dir, "folder for the sections' output, summary.json and product.dot");
  CLI11_PARSE(app, argc, argv);
  try {
    fs::create_directories(dir);
    nlohmann::json summary;
    const auto section = [&](const std::string& name, const auto& body) {
      std::ostringstream text;
      body(text);
      std::ofstream(dir / (name + ".txt")) << text.str();
      std::cout << "== " << name << "\n" << text.str() << "\n";
    };
    section("shapes", [&](std::ostream& o) { shapes(o, summary); });
    section("product", [&](std::ostream& o) { product(o, summary, dir); });
    section("transpose", [&](std::ostream& o) { transpose(o); });
    section("elementwise", [&](std::ostream& o) { elementwise(o); });
    section("bias", [&](std::ostream& o) { bias(o, dir); });
    section("sums", [&](std::ostream& o) { sums(o, summary); });
    section("norms", [&](std::ostream& o) { norms(o, summary); });
    section("eigen", [&](std::ostream& o) { eigen(o, summary); });
    std::ofstream(dir / "summary.json") << summary.dump(2) << "\n";
  } catch (const std::exception& e) {
    std::cerr << "prerequisites: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
