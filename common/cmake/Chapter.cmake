# dl_add_chapter(<slug> SOURCES <files>... [VARIANTS <name>=<options>...])
#
# One chapter = one executable named after its slug, linked to the shared helpers, plus
#  - run_<slug>: runs it with its defaults into <output>/<slug>, every time it is asked;
#  - the same run as a build step that writes <output>/<slug>/console.txt, redone only when the
#    program changed. The docs depend on it, so the site shows the output of the current code.
#  - for each VARIANT, one more such run with <options> into <output>/<slug>/<name>, for pages
#    that compare the chapter's default with another setting (say, the article's own formula).
# output_<slug> makes all of those runs. The slug goes into the global property DL_CHAPTERS, each
# console.txt into DL_CHAPTER_OUTPUTS.
function(dl_add_chapter slug)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;VARIANTS")
  add_executable(${slug} ${arg_SOURCES})
  target_link_libraries(${slug} PRIVATE dl_common dl_warnings)
  target_compile_definitions(${slug} PRIVATE DL_DATA_DIR="${DL_DATA_DIR}")

  set(script ${PROJECT_SOURCE_DIR}/common/cmake/RunChapter.cmake)
  # Relative to the build folder, so that the output shown on the site names no machine's path.
  set(out "${DL_OUTPUT_DIR}/${slug}")
  file(RELATIVE_PATH relative_out ${CMAKE_BINARY_DIR} ${out})
  add_custom_target(run_${slug}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${slug}> -DOUT=${relative_out} -P ${script}
    DEPENDS ${slug} USES_TERMINAL WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
    COMMENT "Running ${slug} into ${out}")

  set(outputs ${out}/console.txt)
  add_custom_command(OUTPUT ${out}/console.txt
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${slug}> -DOUT=${relative_out} -P ${script}
    DEPENDS ${slug} ${script} USES_TERMINAL WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
    COMMENT "Running ${slug} for the docs")
  foreach(variant IN LISTS arg_VARIANTS)
    string(REPLACE "=" ";" parts "${variant}")
    list(POP_FRONT parts name)
    string(REPLACE " " ";" options "${parts}")
    add_custom_command(OUTPUT ${out}/${name}/console.txt
      COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${slug}> -DOUT=${relative_out}/${name}
              "-DOPTIONS=${options}" -P ${script}
      DEPENDS ${slug} ${script} USES_TERMINAL WORKING_DIRECTORY ${CMAKE_BINARY_DIR} VERBATIM
      COMMENT "Running ${slug} ${parts} for the docs")
    list(APPEND outputs ${out}/${name}/console.txt)
  endforeach()

  add_custom_target(output_${slug} DEPENDS ${outputs})

  set_property(GLOBAL APPEND PROPERTY DL_CHAPTERS ${slug})
  set_property(GLOBAL APPEND PROPERTY DL_CHAPTER_OUTPUTS ${outputs})
endfunction()
