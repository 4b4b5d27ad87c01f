// Stands in for the header the project's CMake build generates.
#pragma once
#define THREADPOOL_VERSION "validation"
