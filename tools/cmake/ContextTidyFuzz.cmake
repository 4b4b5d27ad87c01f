# CONTEXT_TIDY_FUZZ=ON: the libFuzzer target context-tidy-fuzzer
# (tools/fuzzer/ContextTidyFuzzer.cpp), a separate executable that is not part
# of CI.  It compiles lib/ and the plugin's check sources once more, with
# -fsanitize=fuzzer-no-link,address, and links them with clang-tidy's
# libraries (the static libclangTidy*.a of libclang-N-dev) and libFuzzer.
# Needs clang and libclang-rt-N-dev:
#
#   cmake -S . -B build/llvm-19-fuzz -G Ninja -DCONTEXT_TIDY_LLVM_VERSION=19 \
#     -DCONTEXT_TIDY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_BUILD_TYPE=Release
#   ninja -C build/llvm-19-fuzz context-tidy-fuzzer
#
# tools/fuzz does that, then runs it for a bounded time.  Included by the
# top-level CMakeLists.txt right after the ContextTidy plugin target (whose
# source list it takes).
option(CONTEXT_TIDY_FUZZ "Build the libFuzzer target context-tidy-fuzzer (needs clang)" OFF)
if(NOT CONTEXT_TIDY_FUZZ)
  # The fuzzer is not built, but this object library (EXCLUDE_FROM_ALL: not
  # built either) puts its source, with its definitions, in
  # compile_commands.json, where tools/self-lint finds it.
  add_library(context-tidy-fuzzer-source OBJECT EXCLUDE_FROM_ALL
    tools/fuzzer/ContextTidyFuzzer.cpp)
  target_include_directories(context-tidy-fuzzer-source PRIVATE
    "${CMAKE_CURRENT_SOURCE_DIR}")
  target_link_libraries(context-tidy-fuzzer-source PRIVATE contexttidy_llvm_flags)
  target_compile_definitions(context-tidy-fuzzer-source PRIVATE
    CONTEXT_TIDY_MOCKS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/test/Inputs/mocks"
    CONTEXT_TIDY_RESOURCE_DIR="${LLVM_LIBRARY_DIR}/clang/${LLVM_VERSION_MAJOR}")
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "CONTEXT_TIDY_FUZZ needs clang (-DCMAKE_CXX_COMPILER=clang++-N)")
endif()
get_target_property(_ct_fuzz_check_sources ContextTidy SOURCES)
get_target_property(_ct_fuzz_core_sources contexttidy_core SOURCES)
execute_process(COMMAND "${CMAKE_CXX_COMPILER}" -print-resource-dir
  OUTPUT_VARIABLE _ct_resource_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
add_executable(context-tidy-fuzzer tools/fuzzer/ContextTidyFuzzer.cpp
  ${_ct_fuzz_check_sources} ${_ct_fuzz_core_sources})
target_include_directories(context-tidy-fuzzer PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}")
target_link_libraries(context-tidy-fuzzer PRIVATE contexttidy_llvm_flags clangTidy
  clangTidyUtils)
target_compile_definitions(context-tidy-fuzzer PRIVATE
  CONTEXT_TIDY_MOCKS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/test/Inputs/mocks"
  CONTEXT_TIDY_RESOURCE_DIR="${_ct_resource_dir}"
  $<TARGET_PROPERTY:ContextTidy,COMPILE_DEFINITIONS>)
target_compile_options(context-tidy-fuzzer PRIVATE
  -fsanitize=fuzzer-no-link,address -fno-omit-frame-pointer -gline-tables-only)
target_link_options(context-tidy-fuzzer PRIVATE -fsanitize=fuzzer,address)
set_target_properties(context-tidy-fuzzer PROPERTIES
  EXCLUDE_FROM_ALL ON RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
