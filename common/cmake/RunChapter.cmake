# cmake -DPROGRAM=<exe> -DOUT=<dir> [-DOPTIONS=<options>] [-DSOURCE_DIR=<clone>] [-DEXPECT_ERROR=ON]
#       -P RunChapter.cmake
# Runs a chapter program into OUT (relative to the build folder, the working directory), showing
# its output live and keeping a copy in OUT/console.txt for the docs, and writes OUT/run.json:
#   {"command": the command as a reader types it from the clone's folder, "seconds": wall time,
#    "exit_status": ...}
# which the pages quote through @run{<run>/run.json:KEY} (docs/run_values.cpp). A failed run
# leaves no console.txt behind and fails the build; with EXPECT_ERROR, the run must fail instead
# (a diverging learning rate, say), and console.txt ends with the error line it printed.
file(MAKE_DIRECTORY "${OUT}")
file(REMOVE "${OUT}/console.txt" "${OUT}/run.json")
if(NOT SOURCE_DIR)
  set(SOURCE_DIR "${CMAKE_BINARY_DIR}")
endif()
file(RELATIVE_PATH shown_program "${SOURCE_DIR}" "${PROGRAM}")
file(RELATIVE_PATH shown_out "${SOURCE_DIR}" "${CMAKE_BINARY_DIR}/${OUT}")
list(JOIN OPTIONS " " shown_options)
string(STRIP "${shown_program} ${shown_options} --out ${shown_out}" command)
string(REGEX REPLACE "  +" " " command "${command}")

string(TIMESTAMP start "%s%f")  # microseconds since the epoch
execute_process(
  COMMAND "${PROGRAM}" --out "${OUT}" ${OPTIONS}
  COMMAND tee "${OUT}/console.txt.tmp"
  RESULTS_VARIABLE results
  ERROR_VARIABLE errors)
string(TIMESTAMP end "%s%f")
math(EXPR milliseconds "(${end} - ${start}) / 1000")
math(EXPR whole "${milliseconds} / 1000")
math(EXPR fraction "${milliseconds} % 1000 + 1000")
string(SUBSTRING "${fraction}" 1 3 fraction)
list(GET results 0 result)
if(errors)
  message("${errors}")
endif()

if(EXPECT_ERROR)
  if(result EQUAL 0)
    file(REMOVE "${OUT}/console.txt.tmp")
    message(FATAL_ERROR "${command} was expected to stop with an error, and it did not")
  endif()
  file(APPEND "${OUT}/console.txt.tmp" "${errors}")
elseif(NOT result EQUAL 0)
  file(REMOVE "${OUT}/console.txt.tmp")
  message(FATAL_ERROR "${PROGRAM} failed (exit status ${result})")
endif()

set(json "{}")
string(JSON json SET "${json}" command "\"${command}\"")
string(JSON json SET "${json}" seconds "${whole}.${fraction}")
if(result MATCHES "^[0-9]+$")
  string(JSON json SET "${json}" exit_status "${result}")
else()  # a crash: CMake says how, in words
  string(JSON json SET "${json}" exit_status "\"${result}\"")
endif()
file(WRITE "${OUT}/run.json" "${json}\n")
file(RENAME "${OUT}/console.txt.tmp" "${OUT}/console.txt")
