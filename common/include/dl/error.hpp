#pragma once
/// \file
/// \brief The one error type the chapters throw for anything a reader can fix.

#include <stdexcept>
#include <string>

/// \brief The tutorial's shared library: what two or more chapters need, documented and tested
/// once. Its sub-namespaces hold the data loaders (boston, wisconsin, idx), the command line
/// (cli) and the plots (plot); the layers, gradient check, CSV reader and result files live
/// here directly.
namespace dl {

/// A problem with the reader's input, options or environment: a bad option value, a file that is
/// missing or malformed, an output folder that cannot be written, a run that diverged.
///
/// The message is one line that names what is wrong (the option, or the file and line) and, where
/// there is one, what to do about it. dl::cli::run() prints it as `program: error: message` and
/// exits with status 1.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace dl
