#pragma once
// Which file a grader program grades: apart from grader.hpp, so that the one-line file the build
// writes for each grader program (common/grader/CMakeLists.txt) compiles without Armadillo.

namespace grader {

/// The file graded, and whether the chapter's solutions may answer what it leaves out (the
/// solutions build, and the test suite's wrong answers, which define only what they get wrong).
/// Each grader program gets its own, from a file the build writes (common/grader/CMakeLists.txt).
struct Answer {
  const char* file;
  bool solutionsMayAnswer;
};
extern const Answer answer;

}  // namespace grader
