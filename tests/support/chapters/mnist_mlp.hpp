#pragma once
// Chapter 4's program for its tests: 04_mnist_mlp/main.cpp compiled without its main()
// (DL_CHAPTER_TEST). The chapter's test files are compiled as one (tests/CMakeLists.txt), and each
// includes this header: the chapter's code is compiled once for all of them.
#include "04_mnist_mlp/main.cpp"
