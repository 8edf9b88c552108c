# cmake -DPROGRAM=<exe> -DOUT=<dir> [-DOPTIONS=<options>] -P RunChapter.cmake
# Runs a chapter program into OUT, showing its output live and keeping a copy in OUT/console.txt
# for the docs. A failed run leaves no console.txt behind, and fails the build.
file(MAKE_DIRECTORY "${OUT}")
execute_process(
  COMMAND "${PROGRAM}" --out "${OUT}" ${OPTIONS}
  COMMAND tee "${OUT}/console.txt.tmp"
  RESULTS_VARIABLE results)
list(GET results 0 result)
if(NOT result EQUAL 0)
  file(REMOVE "${OUT}/console.txt.tmp" "${OUT}/console.txt")
  message(FATAL_ERROR "${PROGRAM} failed (exit status ${result})")
endif()
file(RENAME "${OUT}/console.txt.tmp" "${OUT}/console.txt")
