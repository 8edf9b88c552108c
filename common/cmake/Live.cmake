# The chapters in the browser: each chapter's own program, compiled to WebAssembly with Debian's
# emscripten, for the "Run it here" panel of its page (common/live/README.md).
#
# dl_add_live(<slug> SOURCES <the chapter's .cpp files> PANEL <its live.js>
#             [FILES <path the program opens>=<file> ...] [DEPENDS <what makes those files>...])
#
# compiles the chapter's sources and the shared helpers (common/src) with em++ and bundles the
# program, its data files and its panel into ${DL_LIVE_DIR}/live_<slug>.js (common/live/bundle.py),
# which the docs build copies into the site. The native programs are untouched: only this build
# has no OpenBLAS (Armadillo multiplies by itself), no zlib (the page decompresses the data) and
# LAPACK's few routines from Eigen (common/live/lapack.cpp).
include_guard(GLOBAL)

find_program(DL_EMXX em++)
find_program(DL_LIVE_PYTHON python3 REQUIRED)  # writes the bundles (common/live/bundle.py)
find_file(DL_EIGEN_DENSE Eigen/Dense PATHS /usr/include/eigen3 NO_DEFAULT_PATH)
find_file(DL_CHART_JS NAMES chart.umd.js chart.min.js PATHS /usr/share/javascript/chart.js NO_DEFAULT_PATH)
foreach(required DL_EMXX DL_EIGEN_DENSE DL_CHART_JS)
  if(NOT ${required})
    message(FATAL_ERROR "${required}: the browser build's packages are missing "
                        "(emscripten, libeigen3-dev, libjs-chart.js): run ./setup.sh")
  endif()
endforeach()
cmake_path(GET DL_EIGEN_DENSE PARENT_PATH eigen)
cmake_path(GET eigen PARENT_PATH eigen)

set(DL_LIVE_DIR ${CMAKE_BINARY_DIR}/live)
set(live_objects ${DL_LIVE_DIR}/objects)
# The headers the programs need besides the C++ library, and only those: the rest of /usr/include
# is the native C library's, which must not be mixed with emscripten's.
set(live_include ${DL_LIVE_DIR}/include)
file(MAKE_DIRECTORY ${live_include} ${live_objects})
foreach(header armadillo armadillo_bits CLI nlohmann)
  if(NOT EXISTS ${live_include}/${header})
    file(CREATE_LINK ${ARMADILLO_INCLUDE_DIRS}/${header} ${live_include}/${header} SYMBOLIC)
  endif()
endforeach()
# Where the native build uses what is not there: dl_common's own definitions, then the browser's.
set(DL_LIVE_FLAGS -std=c++20 -O2 -fexceptions -msimd128
  -DARMA_DONT_USE_WRAPPER -DARMA_DONT_USE_BLAS -DARMA_DONT_USE_ARPACK -DARMA_DONT_USE_SUPERLU
  -DARMA_DONT_USE_HDF5 -DARMA_DONT_USE_FORTRAN_HIDDEN_ARGS
  -DARMA_DONT_USE_OPENMP -DARMA_NO_DEBUG -DARMA_RNG_ALT=dl/arma_rng.hpp
  -DDL_NO_ZLIB -DDL_DATA_DIR="/data"
  -isystem ${live_include} -isystem ${eigen} -I${PROJECT_SOURCE_DIR}/common/include)
# Emscripten's tools run on Node.js; Debian keeps its JavaScript modules (acorn) in
# /usr/share/nodejs, which Debian's node searches by itself and other builds of node do not.
set(DL_EMXX_COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs ${DL_EMXX})
# emscripten runs its clang through ccache when told so (its COMPILER_WRAPPER setting).
if(DL_CCACHE AND DL_CCACHE_PROGRAM)
  set(DL_EMXX_COMMAND ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs
      EM_COMPILER_WRAPPER=${DL_CCACHE_PROGRAM} ${DL_EMXX})
endif()

# One object file from one source, redone when the source or a header it includes changes.
function(dl_live_object source object)
  add_custom_command(OUTPUT ${object}
    COMMAND ${DL_EMXX_COMMAND} ${DL_LIVE_FLAGS} -MD -MF ${object}.d -c ${source} -o ${object}
    DEPENDS ${source} DEPFILE ${object}.d
    COMMENT "Compiling ${source} for the browser" VERBATIM)
endfunction()

# The shared helpers in two files, each including six of them, as the native build compiles them
# (common/CMakeLists.txt): the headers they share are read twice instead of twelve times.
set(DL_LIVE_COMMON_OBJECTS "")
foreach(half "cli;csv;diagram;wisconsin;boston;idx" "output;plot;training;report;threads;numpy_random")
  list(GET half 0 first)
  list(JOIN half ", " names)
  set(unity "// The shared helpers ${names}, compiled as one file for the browser (Live.cmake).\n")
  foreach(source IN LISTS half)
    string(APPEND unity "#include \"${PROJECT_SOURCE_DIR}/common/src/${source}.cpp\"\n")
  endforeach()
  file(CONFIGURE OUTPUT ${live_objects}/common_from_${first}.cpp CONTENT "${unity}")
  dl_live_object(${live_objects}/common_from_${first}.cpp ${live_objects}/common_from_${first}.o)
  list(APPEND DL_LIVE_COMMON_OBJECTS ${live_objects}/common_from_${first}.o)
endforeach()
dl_live_object(${PROJECT_SOURCE_DIR}/common/live/lapack.cpp ${live_objects}/lapack.o)
list(APPEND DL_LIVE_COMMON_OBJECTS ${live_objects}/lapack.o)
# The shared objects belong to a target of this directory, which each chapter's waits for: a
# custom command's output can be used from another directory only through a target.
add_custom_target(live_common DEPENDS ${DL_LIVE_COMMON_OBJECTS})

set(DL_LIVE_LINK_FLAGS -O2 -fexceptions -sMODULARIZE=1 -sEXPORT_NAME=dlProgram
  -sENVIRONMENT=worker -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 -sINVOKE_RUN=0
  -sEXPORTED_RUNTIME_METHODS=callMain,FS -sERROR_ON_UNDEFINED_SYMBOLS=1
  --pre-js ${PROJECT_SOURCE_DIR}/common/live/stdout.js)

function(dl_add_live slug)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PANEL" "SOURCES;FILES;DEPENDS")
  set(objects "")
  foreach(source IN LISTS arg_SOURCES)
    cmake_path(GET source STEM stem)
    set(object ${live_objects}/${slug}_${stem}.o)
    dl_live_object(${CMAKE_CURRENT_SOURCE_DIR}/${source} ${object})
    list(APPEND objects ${object})
  endforeach()
  set(program ${live_objects}/${slug}.js)
  add_custom_command(OUTPUT ${program}
    COMMAND ${DL_EMXX_COMMAND} ${DL_LIVE_LINK_FLAGS} ${objects} ${DL_LIVE_COMMON_OBJECTS} -o ${program}
    DEPENDS ${objects} ${DL_LIVE_COMMON_OBJECTS} ${PROJECT_SOURCE_DIR}/common/live/stdout.js
    COMMENT "Linking ${slug} for the browser" VERBATIM)
  set(file_arguments "")
  set(file_sources "")
  foreach(file IN LISTS arg_FILES)
    string(REPLACE "=" ";" parts "${file}")
    list(GET parts 1 source)
    list(APPEND file_arguments --file ${file})
    string(FIND "${source}" "${DL_OUTPUT_DIR}/" in_output)
    if(NOT in_output EQUAL 0)  # a run's output comes with the run named in DEPENDS
      list(APPEND file_sources ${source})
    endif()
  endforeach()
  set(bundle ${DL_LIVE_DIR}/site/live_${slug}.js)
  add_custom_command(OUTPUT ${bundle}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${DL_LIVE_DIR}/site
    COMMAND ${DL_LIVE_PYTHON} ${PROJECT_SOURCE_DIR}/common/live/bundle.py --slug ${slug}
            --program ${program} --worker ${PROJECT_SOURCE_DIR}/common/live/worker.js
            --panel ${CMAKE_CURRENT_SOURCE_DIR}/${arg_PANEL} ${file_arguments} --out ${bundle}
    DEPENDS ${program} ${PROJECT_SOURCE_DIR}/common/live/worker.js
            ${PROJECT_SOURCE_DIR}/common/live/bundle.py ${CMAKE_CURRENT_SOURCE_DIR}/${arg_PANEL}
            ${file_sources} ${arg_DEPENDS}
    COMMENT "Bundling ${slug} for the page" VERBATIM)
  add_custom_target(live_${slug} DEPENDS ${bundle})
  add_dependencies(live_${slug} live_common)
  set_property(GLOBAL APPEND PROPERTY DL_LIVE_BUNDLES ${bundle})
  set_property(GLOBAL APPEND PROPERTY DL_LIVE_TARGETS live_${slug})
endfunction()
