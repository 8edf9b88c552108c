#pragma once
// Chapter 1's program for its tests: 01_quadratic_neuron/main.cpp compiled without its main()
// (DL_CHAPTER_TEST). The chapter's test files are compiled as one (tests/CMakeLists.txt), and each
// includes this header: the chapter's code is compiled once for all of them.
#include "01_quadratic_neuron/main.cpp"
