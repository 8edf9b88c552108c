#pragma once
// Chapter 2's program for its tests: 02_tumour_net/main.cpp compiled without its main()
// (DL_CHAPTER_TEST). The chapter's test files are compiled as one (tests/CMakeLists.txt), and each
// includes this header: the chapter's code is compiled once for all of them.
#include "02_tumour_net/main.cpp"
