# cmake -DRUN_VALUES=<exe> -DWORK=<dir> -P RunValuesTest.cmake
# The test of docs/run_values.cpp: a page with every kind of placeholder comes out with the run's
# values, and each kind of mistake stops it with one line that names the page, the line and what
# is wrong.
file(REMOVE_RECURSE "${WORK}")
file(WRITE "${WORK}/output/demo/summary.json" [[
{"final_loss": 4.116797004442617e-05, "c": 11.992114347006659, "epochs": 50, "dc": "exact",
 "history": [{"val_accuracy": 0.919}, {"val_accuracy": 0.9352}],
 "models": {"as in the article": {"test_rmse": 8.335027897163103}}}
]])
file(WRITE "${WORK}/output/demo/run.json" [[{"command": "demo --out output/demo", "seconds": 1.25}]])
file(WRITE "${WORK}/output/demo/console.txt"
  "The loss is a bowl with curvatures 1.15, 2.16 and 7.56:\n"
  "gradient descent is stable for learning rates below 2/7.56 = 0.264.\n")

function(page name text)
  file(WRITE "${WORK}/source/docs/${name}.md" "${text}")
  execute_process(COMMAND "${RUN_VALUES}" --runs "${WORK}/output" --root "${WORK}/source"
                          --into "${WORK}/pages" docs/${name}.md
                  RESULT_VARIABLE status ERROR_VARIABLE errors OUTPUT_QUIET)
  set(status "${status}" PARENT_SCOPE)
  set(errors "${errors}" PARENT_SCOPE)
endfunction()

page(good [[
# A page {#demo}
loss @run{demo:final_loss|%.1e}, c = @run{demo:c|%.3f}, @run{demo:epochs} epochs (@run{demo:epochs|%d}),
dL/dc @run{demo:dc}, last val @run{demo:history.-1.val_accuracy|%.4f}, first @run{demo:history.0.val_accuracy},
article @run{demo:models.as in the article.test_rmse|%.3f}; `@run{demo/run.json:command}` in @run{demo/run.json:seconds|%.1f s};
limit @console{demo|below 2/[0-9.]+ = ([0-9.]*[0-9])}, 100%% kept: @run{demo:c|%.0f%%}; literal @@run{x:y} and @@console{x|y}.
]])
set(expected [[
# A page {#demo}
loss 4.1e-05, c = 11.992, 50 epochs (50),
dL/dc exact, last val 0.9352, first 0.919,
article 8.335; `demo --out output/demo` in 1.2 s;
limit 0.264, 100%% kept: 12%; literal @run{x:y} and @console{x|y}.
]])
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the good page failed: ${errors}")
endif()
file(READ "${WORK}/pages/docs/good.md" filled)
if(NOT filled STREQUAL expected)
  message(FATAL_ERROR "the good page came out as\n${filled}\ninstead of\n${expected}")
endif()

# Each mistake, and the words its one-line message must hold.
set(cases
  "@run{nowhere:c}|docs/bad.md:2: @run{nowhere:c}: unknown run 'nowhere'"
  "@run{demo:d}|docs/bad.md:2: @run{demo:d}: unknown key 'd'"
  "@run{demo:history.2.val_accuracy}|index 2 out of range"
  "@run{demo:c|%.3q}|bad format '%.3q'"
  "@run{demo:c|%f and %f}|bad format '%f and %f'"
  "@run{demo:c|%d}|is not a whole number"
  "@run{demo:dc|%.3f}|'dc' is not a number"
  "@run{demo:history}|is not a single value"
  "@run{demo}|write @run{RUN:KEY}"
  "@run{demo:c|%.3f|@run{ without its closing }"
  "@console{demo|no such line}|no line of"
  "@console{demo|(}|bad regular expression")
foreach(case IN LISTS cases)
  string(FIND "${case}" "|" bar REVERSE)
  string(SUBSTRING "${case}" 0 ${bar} placeholder)
  math(EXPR bar "${bar} + 1")
  string(SUBSTRING "${case}" ${bar} -1 words)
  page(bad "first line\n${placeholder}\n")
  string(REGEX MATCHALL "\n" newlines "${errors}")
  list(LENGTH newlines lines)
  string(FIND "${errors}" "${words}" found)
  if(status EQUAL 0 OR NOT lines EQUAL 1 OR found EQUAL -1 OR NOT errors MATCHES "^run_values: error: docs/bad.md:2: ")
    message(FATAL_ERROR "${placeholder}: exit status ${status}, message '${errors}'; expected one line with '${words}'")
  endif()
  if(EXISTS "${WORK}/pages/docs/bad.md")
    message(FATAL_ERROR "${placeholder}: a page was written although it failed")
  endif()
endforeach()
