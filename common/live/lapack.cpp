// The LAPACK routines Armadillo calls in the chapters, for the browser build, on Eigen.
//
// The native programs get LAPACK from OpenBLAS. The browser build (WebAssembly, common/live/) has
// no Fortran LAPACK to link, so this file gives Armadillo the few routines the chapters reach, in
// LAPACK's calling convention, computed with Eigen (Debian's libeigen3-dev, header-only):
//   eig_sym()            dsyev_, dsyevd_                       (chapter 1's curvatures)
//   solve(), square      dpotrf_, dpotrs_, dpocon_, dlansy_     (symmetric positive definite)
//                        dgetrf_, dgetrs_, dgecon_, dlange_     (any other square matrix)
//   solve(), triangular  dtrtrs_, dtrcon_
//   solve(), rectangular dgels_, dtrcon_, and dgelsd_ for a rank-deficient one (chapter 3)
// Armadillo also links the band solvers; it uses them only for matrices of 32 rows or more that
// look banded, which no chapter solves. Those report failure (info < 0), so Armadillo stops with
// its own error rather than return a number nobody computed. The reciprocal condition numbers
// (d*con_) are computed exactly from the inverse, where LAPACK estimates them: Armadillo only
// compares them with machine epsilon, to warn of a singular system.
//
// Every routine here is tested against the native LAPACK (tests/common/live_lapack_test.cpp).
// Matrices are column-major with a leading dimension, as in Fortran; sizes are `int`
// (Armadillo's blas_int without ARMA_BLAS_LONG), and there are no hidden string-length
// arguments (ARMA_DONT_USE_FORTRAN_HIDDEN_ARGS).
#include <Eigen/Dense>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace {

using Matrix = Eigen::MatrixXd;
using View = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;

View view(double* a, int rows, int cols, int ld) {
  return View(a, rows, cols, Eigen::OuterStride<>(std::max(ld, 1)));
}

bool is(const char* flag, char c) {
  return std::toupper(static_cast<unsigned char>(*flag)) == c;
}

// The full symmetric matrix from the triangle `uplo` of a.
Matrix symmetric(const char* uplo, double* a, int n, int lda) {
  const View A = view(a, n, n, lda);
  Matrix S(n, n);
  if (is(uplo, 'U'))
    S = A.selfadjointView<Eigen::Upper>();
  else
    S = A.selfadjointView<Eigen::Lower>();
  return S;
}

// LAPACK's matrix norms: 'M' the largest entry, '1'/'O' the largest column sum, 'I' the largest
// row sum, 'F'/'E' Frobenius; all of absolute values.
double norm(const char* which, const Matrix& A) {
  if (A.size() == 0) return 0;
  if (is(which, 'M')) return A.cwiseAbs().maxCoeff();
  if (is(which, '1') || is(which, 'O')) return A.cwiseAbs().colwise().sum().maxCoeff();
  if (is(which, 'I')) return A.cwiseAbs().rowwise().sum().maxCoeff();
  return A.norm();
}

// 1 / (‖A‖ ‖A⁻¹‖), in the 1-norm or the infinity norm, from ‖A‖ and A⁻¹.
double reciprocalCondition(const char* which, double anorm, const Matrix& inverse) {
  if (anorm == 0 || !inverse.allFinite()) return 0;
  const double inverseNorm = norm(is(which, 'I') ? "I" : "1", inverse);
  return inverseNorm == 0 ? 0 : 1 / (anorm * inverseNorm);
}

// Solves with the LU factors of dgetrf_ (unit lower L, upper U, row swaps ipiv), in place.
void luSolve(bool transposed, int n, const double* lu, int lda, const int* ipiv, Matrix& B) {
  const Eigen::Map<const Matrix, 0, Eigen::OuterStride<>> LU(lu, n, n,
                                                            Eigen::OuterStride<>(std::max(lda, 1)));
  if (!transposed) {
    for (int i = 0; i < n; ++i)
      if (ipiv[i] - 1 != i) B.row(i).swap(B.row(ipiv[i] - 1));
    LU.triangularView<Eigen::UnitLower>().solveInPlace(B);
    LU.triangularView<Eigen::Upper>().solveInPlace(B);
  } else {
    LU.triangularView<Eigen::Upper>().transpose().solveInPlace(B);
    LU.triangularView<Eigen::UnitLower>().transpose().solveInPlace(B);
    for (int i = n - 1; i >= 0; --i)
      if (ipiv[i] - 1 != i) B.row(i).swap(B.row(ipiv[i] - 1));
  }
}

}  // namespace

extern "C" {

// ---- symmetric eigenproblem -----------------------------------------------------------------

void dsyev_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w,
            double* work, const int* lwork, int* info) {
  *info = 0;
  if (*lwork == -1) {  // workspace query
    work[0] = std::max(1, 3 * *n - 1);
    return;
  }
  const bool vectors = is(jobz, 'V');
  Eigen::SelfAdjointEigenSolver<Matrix> solver(
      symmetric(uplo, a, *n, *lda), vectors ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  if (solver.info() != Eigen::Success) {
    *info = 1;
    return;
  }
  Eigen::Map<Eigen::VectorXd>(w, *n) = solver.eigenvalues();  // ascending, as LAPACK's
  if (vectors) view(a, *n, *n, *lda) = solver.eigenvectors();
}

void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda,
             double* w, double* work, const int* lwork, int* iwork, const int* liwork, int* info) {
  *info = 0;
  if (*lwork == -1 || *liwork == -1) {  // workspace query
    work[0] = 1 + 6 * *n + 2 * *n * *n;
    iwork[0] = 3 + 5 * *n;
    return;
  }
  const int unused = 1;
  dsyev_(jobz, uplo, n, a, lda, w, work, &unused, info);
}

// ---- symmetric positive definite: Cholesky --------------------------------------------------

void dpotrf_(const char* uplo, const int* n, double* a, const int* lda, int* info) {
  *info = 0;
  Eigen::LLT<Matrix> llt(symmetric(uplo, a, *n, *lda));
  if (llt.info() != Eigen::Success) {
    *info = 1;  // not positive definite (LAPACK names the first failing minor)
    return;
  }
  View A = view(a, *n, *n, *lda);
  if (is(uplo, 'U'))
    A.triangularView<Eigen::Upper>() = llt.matrixU();
  else
    A.triangularView<Eigen::Lower>() = llt.matrixL();
}

void dpotrs_(const char* uplo, const int* n, const int* nrhs, const double* a, const int* lda,
             double* b, const int* ldb, int* info) {
  *info = 0;
  Matrix B = view(b, *n, *nrhs, *ldb);
  const Matrix A = view(const_cast<double*>(a), *n, *n, *lda);
  if (is(uplo, 'U')) {  // A = UᵀU
    A.triangularView<Eigen::Upper>().transpose().solveInPlace(B);
    A.triangularView<Eigen::Upper>().solveInPlace(B);
  } else {  // A = LLᵀ
    A.triangularView<Eigen::Lower>().solveInPlace(B);
    A.triangularView<Eigen::Lower>().transpose().solveInPlace(B);
  }
  view(b, *n, *nrhs, *ldb) = B;
}

double dlansy_(const char* which, const char* uplo, const int* n, const double* a, const int* lda,
               double* /*work*/) {
  return norm(which, symmetric(uplo, const_cast<double*>(a), *n, *lda));
}

void dpocon_(const char* uplo, const int* n, const double* a, const int* lda, const double* anorm,
             double* rcond, double* /*work*/, int* /*iwork*/, int* info) {
  *info = 0;
  Matrix inverse = Matrix::Identity(*n, *n);
  int solved = 0;
  dpotrs_(uplo, n, n, a, lda, inverse.data(), n, &solved);
  *rcond = reciprocalCondition("1", *anorm, inverse);
}

// ---- any square matrix: LU with partial pivoting --------------------------------------------

void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info) {
  // Right-looking elimination with the largest pivot in each column, as LAPACK's dgetf2.
  *info = 0;
  View A = view(a, *m, *n, *lda);
  for (int k = 0; k < std::min(*m, *n); ++k) {
    Eigen::Index p = 0;
    A.col(k).tail(*m - k).cwiseAbs().maxCoeff(&p);
    p += k;
    ipiv[k] = static_cast<int>(p) + 1;
    if (A(p, k) == 0) {
      if (*info == 0) *info = k + 1;  // singular: U(k, k) = 0
      continue;
    }
    if (p != k) A.row(k).swap(A.row(p));
    A.col(k).tail(*m - k - 1) /= A(k, k);
    A.bottomRightCorner(*m - k - 1, *n - k - 1).noalias() -=
        A.col(k).tail(*m - k - 1) * A.row(k).tail(*n - k - 1);
  }
}

void dgetrs_(const char* trans, const int* n, const int* nrhs, const double* a, const int* lda,
             const int* ipiv, double* b, const int* ldb, int* info) {
  *info = 0;
  Matrix B = view(b, *n, *nrhs, *ldb);
  luSolve(!is(trans, 'N'), *n, a, *lda, ipiv, B);
  view(b, *n, *nrhs, *ldb) = B;
}

double dlange_(const char* which, const int* m, const int* n, const double* a, const int* lda,
               double* /*work*/) {
  return norm(which, view(const_cast<double*>(a), *m, *n, *lda));
}

void dgecon_(const char* which, const int* n, const double* a, const int* lda, const double* anorm,
             double* rcond, double* /*work*/, int* /*iwork*/, int* info) {
  // A⁻¹ = U⁻¹ L⁻¹ P: the pivots P only reorder its columns, which changes neither norm.
  *info = 0;
  const Matrix LU = view(const_cast<double*>(a), *n, *n, *lda);
  Matrix inverse = Matrix::Identity(*n, *n);
  LU.triangularView<Eigen::UnitLower>().solveInPlace(inverse);
  LU.triangularView<Eigen::Upper>().solveInPlace(inverse);
  *rcond = reciprocalCondition(which, *anorm, inverse);
}

// ---- triangular ----------------------------------------------------------------------------

void dtrtrs_(const char* uplo, const char* trans, const char* diag, const int* n, const int* nrhs,
             const double* a, const int* lda, double* b, const int* ldb, int* info) {
  *info = 0;
  const Matrix A = view(const_cast<double*>(a), *n, *n, *lda);
  if (!is(diag, 'U'))
    for (int i = 0; i < *n; ++i)
      if (A(i, i) == 0) {
        *info = i + 1;  // singular
        return;
      }
  Matrix T = is(uplo, 'U') ? Matrix(A.triangularView<Eigen::Upper>())
                           : Matrix(A.triangularView<Eigen::Lower>());
  if (is(diag, 'U')) T.diagonal().setOnes();
  if (!is(trans, 'N')) T.transposeInPlace();
  Matrix B = view(b, *n, *nrhs, *ldb);
  if (is(uplo, 'U') == is(trans, 'N'))
    T.triangularView<Eigen::Upper>().solveInPlace(B);
  else
    T.triangularView<Eigen::Lower>().solveInPlace(B);
  view(b, *n, *nrhs, *ldb) = B;
}

void dtrcon_(const char* which, const char* uplo, const char* diag, const int* n, const double* a,
             const int* lda, double* rcond, double* /*work*/, int* /*iwork*/, int* info) {
  *info = 0;
  const Matrix A = view(const_cast<double*>(a), *n, *n, *lda);
  Matrix T = is(uplo, 'U') ? Matrix(A.triangularView<Eigen::Upper>())
                           : Matrix(A.triangularView<Eigen::Lower>());
  if (is(diag, 'U')) T.diagonal().setOnes();
  Matrix inverse = Matrix::Identity(*n, *n);
  if (is(uplo, 'U'))
    T.triangularView<Eigen::Upper>().solveInPlace(inverse);
  else
    T.triangularView<Eigen::Lower>().solveInPlace(inverse);
  *rcond = reciprocalCondition(which, norm(is(which, 'I') ? "I" : "1", T), inverse);
}

// ---- least squares --------------------------------------------------------------------------

void dgels_(const char* trans, const int* m, const int* n, const int* nrhs, double* a,
            const int* lda, double* b, const int* ldb, double* work, const int* lwork, int* info) {
  *info = 0;
  if (*lwork == -1) {  // workspace query
    work[0] = std::max(1, std::min(*m, *n) + std::max({*m, *n, *nrhs}));
    return;
  }
  if (!is(trans, 'N') || *m < *n) {  // no chapter solves a transposed or wide system
    *info = -1;
    return;
  }
  // A = QR; the least-squares solution is R⁻¹ (Qᵀ B) in B's first n rows. A keeps R in its
  // upper triangle, as LAPACK leaves it (Armadillo then asks dtrcon_ about R).
  Eigen::HouseholderQR<Matrix> qr(view(a, *m, *n, *lda));
  View A = view(a, *m, *n, *lda);
  A = qr.matrixQR();
  const Matrix R = qr.matrixQR().topRows(*n).triangularView<Eigen::Upper>();
  for (int i = 0; i < *n; ++i)
    if (R(i, i) == 0) {
      *info = i + 1;  // rank-deficient
      return;
    }
  Matrix QtB = qr.householderQ().transpose() * view(b, *m, *nrhs, *ldb);
  Matrix X = QtB.topRows(*n);
  R.triangularView<Eigen::Upper>().solveInPlace(X);
  view(b, *n, *nrhs, *ldb) = X;
}

void dgelsd_(const int* m, const int* n, const int* nrhs, double* a, const int* lda, double* b,
             const int* ldb, double* s, const double* rcond, int* rank, double* work,
             const int* lwork, int* iwork, int* info) {
  *info = 0;
  if (*lwork == -1) {  // workspace query
    work[0] = std::max(1, 12 * std::max(*m, *n) + (*nrhs + 50) * std::max(*m, *n));
    iwork[0] = std::max(1, 11 * std::min(*m, *n) + 10);
    return;
  }
  // The minimum-norm least-squares solution through the SVD; singular values below
  // rcond · σ_max count as zero (rcond < 0: machine precision).
  Eigen::BDCSVD<Matrix> svd(view(a, *m, *n, *lda), Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::VectorXd sigma = svd.singularValues();
  const double threshold = (*rcond < 0 ? std::numeric_limits<double>::epsilon() : *rcond) *
                           (sigma.size() ? sigma(0) : 0);
  Eigen::Map<Eigen::VectorXd>(s, sigma.size()) = sigma;
  *rank = 0;
  Eigen::VectorXd inverse = Eigen::VectorXd::Zero(sigma.size());
  for (Eigen::Index i = 0; i < sigma.size(); ++i)
    if (sigma(i) > threshold) {
      inverse(i) = 1 / sigma(i);
      ++*rank;
    }
  const Matrix X = svd.matrixV() * inverse.asDiagonal() * svd.matrixU().transpose() *
                   view(b, *m, *nrhs, *ldb);
  view(b, std::max(*m, *n), *nrhs, *ldb).topRows(*n) = X;
}

// ---- band matrices: never reached (file comment) --------------------------------------------

void dgbtrf_(const int*, const int*, const int*, const int*, double*, const int*, int*, int* info) {
  *info = -1;
}
void dgbtrs_(const char*, const int*, const int*, const int*, const int*, const double*,
             const int*, const int*, double*, const int*, int* info) {
  *info = -1;
}
void dgbcon_(const char*, const int*, const int*, const int*, const double*, const int*,
             const int*, const double*, double* rcond, double*, int*, int* info) {
  *rcond = 0;
  *info = -1;
}
double dlangb_(const char*, const int*, const int*, const int*, const double*, const int*,
               double*) {
  return std::numeric_limits<double>::quiet_NaN();
}

}  // extern "C"
