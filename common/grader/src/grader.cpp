// The grader's machinery: comparing outputs and naming mistakes, running each exercise in a child
// process, and the report.

#include "grader/grader.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "grader/not_written_yet.hpp"  // NotWrittenYet, solutionAnswered()

namespace grader {

namespace {

// Two answers computed in different orders agree to about 1e-15; any real mistake is far above.
constexpr double kSame = 1e-8;

std::string number(double x) {
  std::ostringstream s;
  s.precision(4);
  s << x + 0.0;  // no "-0"
  return s.str();
}

// |a - b| / max(|a|, |b|): like dl::relativeError(), but it cannot be fooled by a = -b, whose
// |a + b| is 0 (a gradient with its sign flipped would "agree" exactly).
double relativeError(const arma::mat& a, const arma::mat& b) {
  const double scale = std::max(arma::norm(a, "fro"), arma::norm(b, "fro"));
  return scale == 0 ? 0.0 : arma::norm(a - b, "fro") / scale;
}

bool same(const arma::mat& a, const arma::mat& b) {
  return arma::size(a) == arma::size(b) && relativeError(a, b) < kSame;
}

// A factor k between the answer and the right one that has a usual cause, said in words.
std::string factorName(double k, double m, const std::string& symbol) {
  const auto near = [k](double c) { return std::abs(k - c) <= 1e-6 * std::abs(c); };
  const std::string ms = number(m);
  if (near(2)) return "twice the right value: a factor 2 too many";
  if (near(0.5))
    return "half the right value: a factor 2 is missing (differentiating a square brings one down)";
  if (near(-1))
    return "the right value with its sign flipped (Yhat - Y, not Y - Yhat): gradient descent "
           "would climb the loss";
  if (m > 2 && near(m))
    return symbol + " = " + ms +
           " times the right value: a sum over the samples where the mean "
           "belongs (the 1/" +
           symbol + " is missing)";
  if (m > 2 && near(1 / m))
    return "1/" + symbol + " = 1/" + ms + " of the right value: one 1/" + symbol +
           " too many (the mean taken twice, or a mean where a sum belongs)";
  return "";
}

}  // namespace

std::string Case::shape(const arma::mat& M) const {
  const auto name = [this](arma::uword n) {
    for (const auto& [value, symbol] : dims)
      if (value == n) return symbol;
    return std::to_string(n);
  };
  std::string s = std::to_string(M.n_rows) + "x" + std::to_string(M.n_cols);
  const std::string symbols = name(M.n_rows) + " x " + name(M.n_cols);
  if (symbols != std::to_string(M.n_rows) + " x " + std::to_string(M.n_cols))
    s += " (" + symbols + ")";
  return s;
}

bool Verdict::compare(const std::string& name, const arma::mat& got, const arma::mat& exact,
                      const arma::mat& numerical, const Case& c,
                      const std::vector<Mistake>& mistakes) {
  if (!numerical.is_empty() && relativeError(exact, numerical) > 1e-6)
    throw std::logic_error("the grader's own check failed: the chapter's " + name +
                           " disagrees with finite differences (a bug in the chapter, not in "
                           "your answer)");
  const auto wrong = [&](const std::string& what) {
    wrong_.push_back(name + " " + what);
    return false;
  };
  if (arma::size(got) != arma::size(exact)) {
    std::string s = "is " + c.shape(got) + " but should be " + c.shape(exact) + ".";
    if (got.is_empty())
      s += " It is empty: was it ever assigned?";
    else if (got.n_rows == exact.n_cols && got.n_cols == exact.n_rows)
      s += " That is the shape of its transpose: a factor of a product is transposed that "
           "should not be, or the other way round (dZ * X.t() is n_out x n_in, X * dZ.t() is "
           "its transpose).";
    else if (exact.n_cols == 1 && exact.n_rows > 1 && got.n_elem == 1)
      s += " One number where each unit has its own: the sum ran over the units (arma::sum(dZ, "
           "0), or accu). A bias gradient sums over the samples only, along each row: "
           "arma::sum(dZ, 1).";
    else if (exact.n_cols == 1 && got.n_rows == 1 && double(got.n_cols) == c.m)
      s += " One entry per sample: the sum ran over the wrong axis. A bias gradient sums over "
           "the samples, along each row: arma::sum(dZ, 1).";
    return wrong(s);
  }
  if (!got.is_finite()) {
    const arma::uvec bad = arma::find_nonfinite(got);
    const arma::uword k = bad(0);
    return wrong("contains " + std::string(std::isnan(got(k)) ? "NaN" : "infinity") + " at (" +
                 std::to_string(k % got.n_rows) + ", " + std::to_string(k / got.n_rows) + ") (" +
                 std::to_string(bad.n_elem) + " of its " + std::to_string(got.n_elem) +
                 " entries are not finite): a division by zero, the exp or log of something out "
                 "of range, or an entry never assigned (arma::mat(n, m) is not zeroed).");
  }
  const double error = relativeError(got, exact);
  if (error < kSame) {
    right_.push_back(name);
    return true;
  }
  // The numbers, for every diagnosis: how far off, and where the largest difference is.
  const arma::uword worst = arma::abs(got - exact).index_max();
  std::string numbers = "relative error " + number(error) + " against the chapter's solution";
  if (!numerical.is_empty())
    numbers =
        "relative error " + number(relativeError(got, numerical)) + " against finite differences";
  numbers += got.n_elem == 1 ? "; got " + number(got(0)) + ", expected " + number(exact(0))
                             : "; largest difference at (" + std::to_string(worst % got.n_rows) +
                                   ", " + std::to_string(worst / got.n_rows) + "): got " +
                                   number(got(worst)) + ", expected " + number(exact(worst));
  numbers = "\n  (" + numbers + ")";
  for (const Mistake& mistake : mistakes)
    if (same(got, mistake.value)) {
      named_ = true;
      return wrong("is wrong: " + mistake.name + "." + numbers);
    }
  if (got.n_rows == got.n_cols && got.n_rows > 1 && same(got, exact.t()))
    return wrong("is the transpose of the right answer: swap the factors' transposes." + numbers);
  if (arma::accu(arma::abs(got)) == 0) return wrong("is all zeros." + numbers);
  const double k = arma::dot(got, exact) / arma::dot(exact, exact);
  if (same(got, k * exact)) {
    const std::string factor = factorName(k, c.m, c.batch);
    if (!factor.empty()) return wrong("is " + factor + "." + numbers);
    if (got.n_elem > 1)
      return wrong("is the right answer times " + number(k) +
                   ", in every entry: a constant factor is wrong." + numbers);
  }
  const arma::uword right = arma::accu(arma::abs(got - exact) <= kSame * arma::abs(exact).max());
  if (right > 0)
    return wrong("is right in " + std::to_string(right) + " of its " + std::to_string(got.n_elem) +
                 " entries only." + numbers);
  return wrong("is wrong." + numbers);
}

bool Verdict::compare(const std::string& name, double got, double exact, double numerical,
                      const Case& c, const std::vector<Mistake>& mistakes) {
  return compare(name, arma::mat{got}, arma::mat{exact},
                 std::isnan(numerical) ? arma::mat() : arma::mat{numerical}, c, mistakes);
}

void Verdict::fail(const std::string& line) {
  wrong_.push_back(line);
}

std::string Verdict::text() const {
  std::string s;
  for (const auto& line : wrong_) s += line + "\n";
  if (!right_.empty() && !wrong_.empty()) {
    s += "Right: ";
    for (std::size_t k = 0; k < right_.size(); ++k) s += (k ? ", " : "") + right_[k];
    s += ".\n";
  }
  return s;
}

bool clearOfKink(const std::vector<arma::mat>& Z) {
  for (const arma::mat& z : Z)
    if (!z.is_empty() && arma::abs(z).min() < 1e-3) return false;
  return true;
}

std::string runCases(const std::vector<Case>& cases,
                     const std::function<Verdict(const Case&)>& check) {
  bool passedOneSample = false;
  std::size_t passedDepth = 0;
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    const Verdict v = check(c);
    if (v.ok()) {
      passedOneSample = passedOneSample || c.m == 1;
      passedDepth = std::max(passedDepth, c.depth);
      continue;
    }
    std::string s = "Wrong on test " + std::to_string(k + 1) + " of " +
                    std::to_string(cases.size()) + " (" + c.description + "):\n" + v.text();
    if (passedOneSample && c.m > 1)
      s += "It was right for a single sample (" + c.batch +
           " = 1) but not for this batch: look at how the "
           "samples are combined (a sum or a mean over them, a product that must run over every "
           "column).\n";
    if (c.depth > passedDepth && passedDepth > 0 && !v.named())
      s += "It was right for networks of up to " + std::to_string(passedDepth) +
           (passedDepth == 1 ? " layer" : " layers") + " but not for " + std::to_string(c.depth) +
           ": does the loop visit every layer, and does each dZ come from the layer above?\n";
    return s;
  }
  return "";
}

namespace {

std::uint64_t gSeed = 0;
std::vector<std::string> gSolutionAnswered;  // in the child: the functions the solution answered
double gTimeLimit = 10;

std::mt19937_64& engine() {
  static std::mt19937_64 e;
  return e;
}

// What became of one exercise run in a child process.
struct Outcome {
  enum Kind { passed, wrong, notWritten, threw, crashed, timedOut, exited } kind;
  std::string text;     // the diagnosis, the exception's message, or the signal
  std::string printed;  // what the answer printed itself (standard output and error)
};

std::string readAll(int fd, std::string& into) {
  char buffer[4096];
  const ssize_t n = read(fd, buffer, sizeof buffer);
  if (n > 0) into.append(buffer, std::size_t(n));
  return n > 0 ? "more" : "";
}

Outcome isolate(const Exercise& exercise, std::uint64_t seed) {
  int result[2], output[2];
  if (pipe(result) != 0 || pipe(output) != 0) throw std::runtime_error("grader: pipe() failed");
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("grader: fork() failed");
  if (pid == 0) {  // the child: runs the checks, writes one status letter and the diagnosis
    // The limit is processor time, which a busy machine does not eat into: an endless loop uses
    // it up, a correct answer on a loaded machine (or under a sanitizer) merely waits longer.
    const auto seconds = rlim_t(std::ceil(gTimeLimit));
    const rlimit cpu{seconds, seconds + 1};
    setrlimit(RLIMIT_CPU, &cpu);
    close(result[0]);
    close(output[0]);
    dup2(output[1], STDOUT_FILENO);
    dup2(output[1], STDERR_FILENO);
    engine().seed(seed);
    arma::arma_rng::set_seed(seed);
    std::string message;
    char status;
    try {
      message = exercise.check();
      status = message.empty() ? 'P' : 'W';
    } catch (const NotWrittenYet& e) {
      status = 'N';
      message = e.what();
    } catch (const std::exception& e) {
      status = 'E';
      message = e.what();
    } catch (...) {
      status = 'E';
      message = "an exception that is not a std::exception";
    }
    if (!gSolutionAnswered.empty() && !answer.solutionsMayAnswer) {
      status = 'M';
      message = gSolutionAnswered.front();
    }
    message.insert(message.begin(), status);
    for (std::size_t done = 0; done < message.size();) {
      const ssize_t n = write(result[1], message.data() + done, message.size() - done);
      if (n <= 0) break;
      done += std::size_t(n);
    }
    std::fflush(nullptr);
    _exit(0);
  }
  close(result[1]);
  close(output[1]);
  std::string message, printed;
  bool resultOpen = true, outputOpen = true, timedOut = false;
  // A backstop in wall-clock time, for an answer that waits instead of computing (say, sleeps).
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(10 * gTimeLimit);
  while (resultOpen || outputOpen) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timedOut = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd fds[2] = {{resultOpen ? result[0] : -1, POLLIN, 0},
                     {outputOpen ? output[0] : -1, POLLIN, 0}};
    if (poll(fds, 2, int(left.count())) < 0) continue;
    if (fds[0].revents && readAll(result[0], message).empty()) resultOpen = false;
    // Keep what it printed, but not without end: an answer may print in a loop.
    if (fds[1].revents) {
      if (readAll(output[0], printed).empty()) outputOpen = false;
      if (printed.size() > 100000) printed.erase(0, printed.size() - 4000);
    }
  }
  close(result[0]);
  close(output[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (printed.size() > 2000) printed = "..." + printed.substr(printed.size() - 2000);
  if (timedOut || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU))
    return {Outcome::timedOut,
            "did not finish within " + number(gTimeLimit) +
                " s of processor time, so the grader stopped it: an endless loop? (A loop whose condition never "
                "becomes false, such as `for (std::size_t l = L; l >= 0; --l)`: an unsigned l is "
                "always >= 0.)",
            printed};
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    std::string why = "crashed with signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    if (sig == SIGSEGV || sig == SIGBUS)
      why +=
          ": it read or wrote memory outside an array, such as a std::vector index past its "
          "end or a raw pointer gone wrong.";
    else if (sig == SIGABRT)
      why +=
          ": a check stopped the program. The message just before it (below) says which; a "
          "std::vector index out of range is the usual cause (layers are numbered 1 to L).";
    else if (sig == SIGFPE)
      why += ": an integer division by zero.";
    return {Outcome::crashed, why, printed};
  }
  if (message.empty())
    return {Outcome::exited,
            "ended the program (exit status " + std::to_string(WEXITSTATUS(status)) +
                ") instead of returning an answer.",
            printed};
  const char kind = message[0];
  message.erase(0, 1);
  switch (kind) {
    case 'P':
      return {Outcome::passed, "", printed};
    case 'W':
      return {Outcome::wrong, message, printed};
    case 'N':
      return {Outcome::notWritten, message + ": replace the throw with your code.", printed};
    case 'M':
      return {Outcome::wrong,
              message + "() is not in " + answer.file +
                  ", so the chapter's solution answered for it: put it back (git checkout restores "
                  "the skeleton).",
              printed};
    default:
      break;
  }
  std::string why = "threw an exception: " + message;
  if (message.find("incompatible") != std::string::npos ||
      message.find("not compatible") != std::string::npos ||
      message.find("size mismatch") != std::string::npos)
    why +=
        "\nArmadillo found two shapes that do not fit together: check each product and sum "
        "against the shapes in the exercise file, and which factor needs a transpose.";
  if (message.find("column vector") != std::string::npos)
    why +=
        "\nA row was stored into a column vector (arma::vec). A bias gradient has one entry "
        "per unit, summed over the samples along each row: arma::sum(dZ, 1).";
  if (message.find("out of bounds") != std::string::npos)
    why += "\nAn index past the end of a matrix: rows and columns count from 0 to n - 1.";
  return {Outcome::threw, why, printed};
}

// Each line of `text` after `pad`, wrapped at 100 columns (continuations indented two more).
std::string indent(const std::string& text, const std::string& pad) {
  constexpr std::size_t kWidth = 100;
  std::string s;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::string prefix = pad;
    while (prefix.size() + line.size() > kWidth) {
      const std::size_t cut = line.rfind(' ', kWidth - prefix.size());
      if (cut == std::string::npos || cut == 0) break;
      s += prefix + line.substr(0, cut) + "\n";
      line.erase(0, cut + 1);
      prefix = pad + "  ";
    }
    s += prefix + line + "\n";
  }
  return s;
}

}  // namespace

std::string samples(arma::uword n) {
  return std::to_string(n) + (n == 1 ? " sample" : " samples");
}

std::mt19937_64& rng() {
  return engine();
}

arma::uword randomInt(arma::uword lo, arma::uword hi) {
  return std::uniform_int_distribution<arma::uword>(lo, hi)(engine());
}

void solutionAnswered(const char* function) {
  gSolutionAnswered.push_back(function);
}

int grade(int argc, char** argv, const std::string& chapter,
          const std::vector<Exercise>& exercises) {
  CLI::App app{"Grades the exercises of " + chapter, argv[0]};
  gSeed = std::uint64_t(std::chrono::system_clock::now().time_since_epoch().count()) % 100000;
  app.add_option("--seed", gSeed, "the random cases' seed (default: from the clock)");
  app.add_option("--time-limit", gTimeLimit, "seconds of processor time each function may take")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  std::cout << "Grading " << chapter << ": " << answer.file << "\n(random cases from seed " << gSeed
            << "; --seed " << gSeed << " repeats them)\n\n";
  std::vector<std::string> failed;
  for (const Exercise& exercise : exercises) {
    const Outcome o = isolate(exercise, gSeed);
    static const char* labels[] = {"pass", "FAIL", "TODO", "FAIL", "FAIL", "FAIL", "FAIL"};
    std::cout << "[" << labels[o.kind] << "] " << exercise.name << ": " << exercise.title << '\n';
    if (o.kind != Outcome::passed) {
      failed.push_back(exercise.name);
      std::cout << indent(o.text, "       ");
      if (!o.printed.empty())
        std::cout << "       It printed:\n" << indent(o.printed, "         | ");
      for (const auto& used : exercise.uses)
        if (std::find(failed.begin(), failed.end(), used) != failed.end() &&
            o.kind != Outcome::notWritten)
          std::cout << "       If it calls your " << used
                    << "(), fix that first: it is wrong above.\n";
    }
  }
  std::cout << '\n'
            << exercises.size() - failed.size() << " of " << exercises.size()
            << " functions right.";
  if (failed.empty())
    std::cout << " Well done.\n";
  else
    std::cout << " The chapter's exercises page has a hint for each, one at a time.\n";
  return failed.empty() ? 0 : 1;
}

}  // namespace grader
