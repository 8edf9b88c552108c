# dl_add_chapter(<slug> SOURCES <files>... [VARIANTS <name>=<options>...]
#                [FAILING_VARIANTS <name>=<options>...])
#
# One chapter = one executable named after its slug, linked to the shared helpers, plus
#  - run_<slug>: runs it with its defaults into <output>/<slug>, every time it is asked;
#  - the same run as a build step that writes <output>/<slug>/console.txt and run.json (the
#    command and its time, RunChapter.cmake), redone only when the program changed. The docs
#    depend on it, so the site shows the output of the current code.
#  - for each VARIANT, one more such run with <options> into <output>/<slug>/<name>: the article's
#    own formula, or a "Things to try" whose output or numbers the page quotes. Options are
#    separated by spaces; <name> is what the pages write in @run{<slug>/<name>:KEY}.
#  - each FAILING_VARIANT is a run that must stop with an error (a learning rate that diverges):
#    its console.txt ends with the error line, and the build fails if the run succeeds.
# output_<slug> makes all of those runs. The slug goes into the global property DL_CHAPTERS, each
# console.txt into DL_CHAPTER_OUTPUTS.
#
# The runs for the docs go two at a time (Ninja's pool dl_runs), beside the compiling: each prints
# its output when it ends, not line by line, and at most two hold their data in memory at once.
# run_<slug> keeps the terminal, so its output shows as the program prints it.
set_property(GLOBAL APPEND PROPERTY JOB_POOLS dl_runs=2)
function(dl_add_chapter slug)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;VARIANTS;FAILING_VARIANTS")
  add_executable(${slug} ${arg_SOURCES})
  target_link_libraries(${slug} PRIVATE dl_common dl_warnings)
  target_compile_definitions(${slug} PRIVATE DL_DATA_DIR="${DL_DATA_DIR}")

  set(script ${PROJECT_SOURCE_DIR}/common/cmake/RunChapter.cmake)
  # Relative to the build folder, so that the output shown on the site names no machine's path.
  set(out "${DL_OUTPUT_DIR}/${slug}")
  file(RELATIVE_PATH relative_out ${CMAKE_BINARY_DIR} ${out})
  set(run ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${slug}> -DSOURCE_DIR=${PROJECT_SOURCE_DIR})
  add_custom_target(run_${slug}
    COMMAND ${run} -DOUT=${relative_out} -P ${script}
    DEPENDS ${slug} USES_TERMINAL WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
    COMMENT "Running ${slug} into ${out}")

  set(outputs ${out}/console.txt)
  add_custom_command(OUTPUT ${out}/console.txt
    COMMAND ${run} -DOUT=${relative_out} -P ${script}
    BYPRODUCTS ${out}/run.json
    DEPENDS ${slug} ${script} JOB_POOL dl_runs WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
    COMMENT "Running ${slug} for the docs")
  foreach(variant IN LISTS arg_VARIANTS arg_FAILING_VARIANTS)
    string(REPLACE "=" ";" parts "${variant}")
    list(POP_FRONT parts name)
    string(REPLACE " " ";" options "${parts}")
    set(expect_error OFF)
    if(variant IN_LIST arg_FAILING_VARIANTS)
      set(expect_error ON)
    endif()
    add_custom_command(OUTPUT ${out}/${name}/console.txt
      COMMAND ${run} -DOUT=${relative_out}/${name} "-DOPTIONS=${options}"
              -DEXPECT_ERROR=${expect_error} -P ${script}
      BYPRODUCTS ${out}/${name}/run.json
      DEPENDS ${slug} ${script} JOB_POOL dl_runs WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
      COMMENT "Running ${slug} ${parts} for the docs")
    list(APPEND outputs ${out}/${name}/console.txt)
  endforeach()

  add_custom_target(output_${slug} DEPENDS ${outputs})

  set_property(GLOBAL APPEND PROPERTY DL_CHAPTERS ${slug})
  set_property(GLOBAL APPEND PROPERTY DL_CHAPTER_OUTPUTS ${outputs})
endfunction()

# dl_add_companion(<chapter slug> <name> SOURCES <files>...)
#
# A chapter's second, small program that its page shows (a worked example, say): built as
# <slug>_<name> and, like a variant, run for the docs into <output>/<slug>/<name>, its console in
# console.txt there, redone only when the program changed. Call it after dl_add_chapter(<slug>).
function(dl_add_companion slug name)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "SOURCES")
  set(target ${slug}_${name})
  add_executable(${target} ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE dl_common)
  target_compile_definitions(${target} PRIVATE DL_DATA_DIR="${DL_DATA_DIR}")

  set(script ${PROJECT_SOURCE_DIR}/common/cmake/RunChapter.cmake)
  set(out "${DL_OUTPUT_DIR}/${slug}/${name}")
  file(RELATIVE_PATH relative_out ${CMAKE_BINARY_DIR} ${out})
  add_custom_command(OUTPUT ${out}/console.txt
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${target}> -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
            -DOUT=${relative_out} -P ${script}
    BYPRODUCTS ${out}/run.json
    DEPENDS ${target} ${script} JOB_POOL dl_runs WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
    COMMENT "Running ${target} for the docs")
  add_custom_target(output_${target} DEPENDS ${out}/console.txt)
  add_dependencies(output_${slug} output_${target})
  set_property(GLOBAL APPEND PROPERTY DL_CHAPTER_OUTPUTS ${out}/console.txt)
endfunction()
