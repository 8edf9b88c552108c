#pragma once
// The marker an exercise's skeleton throws until the reader writes the function. The grader
// recognises it and says "not written yet" instead of diagnosing a wrong answer.

#include <stdexcept>
#include <string>

namespace grader {

struct NotWrittenYet : std::logic_error {
  explicit NotWrittenYet(const std::string& function)
      : std::logic_error(function + " is not written yet") {}
};

}  // namespace grader

// The chapter's adapter (exercises/solution.cpp) answers every exercise with the chapter's own
// code, as a weak symbol: the reader's file, which defines the same functions, replaces it. Each
// such answer calls solutionAnswered(), so that a function missing from the reader's file is
// reported, not silently answered by the solution.
#define DL_SOLUTION_ANSWER [[gnu::weak]]

namespace grader {
void solutionAnswered(const char* function);
}  // namespace grader
