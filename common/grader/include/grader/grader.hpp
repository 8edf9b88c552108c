#pragma once
// The exercises' grader: runs each of the reader's functions on random cases in a child process
// (so that a crash, an exception or an endless loop becomes a diagnosis, not the grader's end),
// compares every output with the chapter's own solution and with finite differences, and names the
// mistake when the error has a shape it recognises. docs/testing.md ("The exercises' grader")
// describes it; each chapter's checks are in grade_<chapter>.cpp.

#include <armadillo>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "grader/answer.hpp"

namespace grader {

/// One test case: its sizes, named, so that a shape can be said in the chapter's symbols.
struct Case {
  std::string description;                                ///< "m = 7 samples, n0 = 4 inputs, ..."
  std::vector<std::pair<arma::uword, std::string>> dims;  ///< 7 -> "m", 4 -> "n0", ...
  double m = 1;                                           ///< samples (the batch), for 1/m
  std::size_t depth = 0;                                  ///< layers, where that matters
  std::string batch = "m";                                ///< the symbol of the batch size

  std::string shape(const arma::mat& M) const;
};

/// A wrong answer the grader can compute, by name: when the reader's output equals it, the
/// name is the diagnosis.
struct Mistake {
  std::string name;
  arma::mat value;
};

/// Whole wrong answers, by name (`known`), cut down to one of their outputs (`member`, such as
/// `&Gradients::dW1`): the mistakes to compare that output with.
template <typename Answer, typename Member>
std::vector<Mistake> mistakesIn(const std::vector<std::pair<std::string, Answer>>& known,
                                Member member) {
  std::vector<Mistake> list;
  for (const auto& [name, answer] : known) list.push_back({name, arma::mat(answer.*member)});
  return list;
}

/// What one case found, output by output.
class Verdict {
 public:
  /// Compares the output `name` with the chapter's solution `exact` and, for a gradient, with
  /// the central differences `numerical` (empty otherwise). Returns whether it was right.
  bool compare(const std::string& name, const arma::mat& got, const arma::mat& exact,
               const arma::mat& numerical, const Case& c,
               const std::vector<Mistake>& mistakes = {});
  bool compare(const std::string& name, double got, double exact, double numerical, const Case& c,
               const std::vector<Mistake>& mistakes = {});
  /// A failure found by the chapter's own check (a wrong count of layers, say).
  void fail(const std::string& line);
  bool ok() const { return wrong_.empty(); }
  /// Whether a wrong output was one of the named mistakes.
  bool named() const { return named_; }
  std::string text() const;

 private:
  std::vector<std::string> wrong_, right_;
  bool named_ = false;
};

/// Runs `check(c)` on every case in turn and stops at the first that fails. Returns "" when all
/// passed, or the diagnosis: which case, what was wrong, and whether smaller cases had passed
/// (right for one sample but not a batch; right for fewer layers).
std::string runCases(const std::vector<Case>& cases,
                     const std::function<Verdict(const Case&)>& check);

/// Whether every entry of the pre-activations `Z` (the ReLU layers' \f$Z_l\f$) is at least 1e-3
/// from 0, the ReLU's kink. The grader checks the chapter's own gradients against central
/// differences. Their nudge of 1e-5 must not carry an entry across the kink: there the difference
/// measures neither side's slope, and the chapter would seem wrong (about one random case in a
/// hundred did so). Cases with ReLU layers are drawn again until this holds.
bool clearOfKink(const std::vector<arma::mat>& Z);

/// One function of an exercise file.
struct Exercise {
  std::string name;                    ///< the function, as the reader's file names it
  std::string title;                   ///< what it computes
  std::function<std::string()> check;  ///< "" when right, else the diagnosis (runCases())
  std::vector<std::string> uses;       ///< the reader's other functions this one may call
};

/// "1 sample", "7 samples".
std::string samples(arma::uword n);

/// The cases' random generator: seeded from --seed, or from the clock (and said in the report).
std::mt19937_64& rng();
/// An integer in [lo, hi] from rng().
arma::uword randomInt(arma::uword lo, arma::uword hi);

/// The grader's main(): options, a child process per exercise, the report. Exit status 0 when
/// every exercise passes, 1 otherwise.
int grade(int argc, char** argv, const std::string& chapter,
          const std::vector<Exercise>& exercises);

}  // namespace grader
