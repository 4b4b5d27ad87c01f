# CONTEXT_TIDY_SANITIZE=ON: the plugin, lib/ and the unit tests (and the
# standalone executable) are built with AddressSanitizer and
# UndefinedBehaviorSanitizer, every UB report fatal.  Included by the
# top-level CMakeLists.txt before any target.
#
# The plugin is a MODULE that the (not instrumented) clang-tidy loads, so
# the ASan runtime cannot be linked in statically: the objects are built
# with clang's -shared-libsan, which makes them use the shared runtime
# libclang_rt.asan-<arch>.so (UBSan's checks included), and whoever runs
# the plugin must preload that runtime (it has to come first among the
# process's libraries):
#
#   LD_PRELOAD=$(clang++-19 -print-file-name=libclang_rt.asan-x86_64.so) \
#   ASAN_OPTIONS=detect_leaks=0 clang-tidy-19 --load=.../libContextTidy.so ...
#
# lit does that itself (test/lit.cfg.py reads CONTEXT_TIDY_SANITIZER_RUNTIME
# from lit.site.cfg.py).  Needs clang (the runtime of the same major
# version as the compiler: Debian's libclang-rt-N-dev):
#
#   cmake -S . -B build/llvm-19-sanitize -G Ninja -DCONTEXT_TIDY_LLVM_VERSION=19 \
#     -DCONTEXT_TIDY_SANITIZE=ON -DCMAKE_CXX_COMPILER=clang++-19
#
# tools/run-tests --sanitize does exactly that, and runs the whole suite.
option(CONTEXT_TIDY_SANITIZE
  "Build the plugin and unit tests with -fsanitize=address,undefined (needs clang)" OFF)
set(CONTEXT_TIDY_SANITIZER_RUNTIME "")
if(NOT CONTEXT_TIDY_SANITIZE)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CONTEXT_TIDY_SANITIZE needs clang as the compiler "
    "(-DCMAKE_CXX_COMPILER=clang++-${CONTEXT_TIDY_LLVM_VERSION}): the plugin "
    "uses clang's shared sanitizer runtime (-shared-libsan)")
endif()
execute_process(
  COMMAND "${CMAKE_CXX_COMPILER}" -print-file-name=libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so
  OUTPUT_VARIABLE CONTEXT_TIDY_SANITIZER_RUNTIME OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT IS_ABSOLUTE "${CONTEXT_TIDY_SANITIZER_RUNTIME}"
   OR NOT EXISTS "${CONTEXT_TIDY_SANITIZER_RUNTIME}")
  message(FATAL_ERROR "CONTEXT_TIDY_SANITIZE: ${CMAKE_CXX_COMPILER} has no "
    "shared ASan runtime (got '${CONTEXT_TIDY_SANITIZER_RUNTIME}'); install "
    "libclang-rt-${CMAKE_CXX_COMPILER_VERSION_MAJOR}-dev")
endif()
message(STATUS "context-tidy: sanitizers on, runtime ${CONTEXT_TIDY_SANITIZER_RUNTIME}")
# vptr is left out by clang itself: LLVM is built without RTTI.
set(CONTEXT_TIDY_SANITIZE_FLAGS
  -fsanitize=address,undefined -fno-sanitize-recover=undefined
  -fno-omit-frame-pointer -shared-libsan -gline-tables-only)
add_compile_options(${CONTEXT_TIDY_SANITIZE_FLAGS})
# The unit tests are executables: they find the shared runtime through
# their run path (the plugin's runtime comes from the preload).
get_filename_component(CONTEXT_TIDY_SANITIZER_RUNTIME_DIR
  "${CONTEXT_TIDY_SANITIZER_RUNTIME}" DIRECTORY)
add_link_options(-fsanitize=address,undefined -shared-libsan
  "LINKER:-rpath,${CONTEXT_TIDY_SANITIZER_RUNTIME_DIR}")
