# The standalone context-tidy executable; included by the top-level
# CMakeLists.txt right after the ContextTidy plugin target.
#
# The check sources are the plugin's sources, whatever checks it lists: they
# are compiled once, into the OBJECT library contexttidy_checks, which the
# plugin, this executable and context-clangd (ContextTidyClangd.cmake) are
# made of.  The plugin still links nothing
# from clang or clangTidy; the executable links clang-tidy's own driver
# (the imported target clangTidyMain from libclang-N-dev, which brings every
# upstream module as a static library, and LLVM and clang-cpp as shared ones).

if(NOT CONTEXT_TIDY_BUILD_STANDALONE AND NOT CONTEXT_TIDY_BUILD_CLANGD)
  return()
endif()

get_target_property(_ct_check_sources ContextTidy SOURCES)
add_library(contexttidy_checks OBJECT ${_ct_check_sources})
target_link_libraries(contexttidy_checks PUBLIC contexttidy_core)
set_target_properties(contexttidy_checks PROPERTIES UNITY_BUILD_BATCH_SIZE 4)
# The definitions, options and include directories given to the plugin
# (and what it inherits from contexttidy_core) apply to its sources.
target_compile_definitions(contexttidy_checks PRIVATE
  $<TARGET_PROPERTY:ContextTidy,COMPILE_DEFINITIONS>)
target_compile_options(contexttidy_checks PRIVATE
  $<TARGET_PROPERTY:ContextTidy,COMPILE_OPTIONS>)
target_include_directories(contexttidy_checks PRIVATE
  $<TARGET_PROPERTY:ContextTidy,INCLUDE_DIRECTORIES>)
set_property(TARGET ContextTidy PROPERTY SOURCES
  $<TARGET_OBJECTS:contexttidy_checks>)

if(NOT CONTEXT_TIDY_BUILD_STANDALONE)
  return()
endif()
if(NOT TARGET clangTidyMain)
  message(FATAL_ERROR "libclang-${LLVM_VERSION_MAJOR}-dev has no clangTidyMain "
    "(libclangTidyMain.a); install it or configure with "
    "-DCONTEXT_TIDY_BUILD_STANDALONE=OFF")
endif()

add_executable(context-tidy checks/ContextTidyMain.cpp
  $<TARGET_OBJECTS:contexttidy_checks>)
target_link_libraries(context-tidy PRIVATE contexttidy_core clangTidyMain)
target_compile_definitions(context-tidy PRIVATE
  CONTEXT_TIDY_VERSION="${PROJECT_VERSION}")
# The file is context-tidy-N, as installed; bin/context-tidy links to it.
# Its symbols are exported (-rdynamic), as Debian's clang-tidy exports its
# own: other clang-tidy plugins given with --load resolve clang-tidy's
# symbols against it (without that they fail to load with an undefined
# typeinfo for clang::tidy::ClangTidyModule).
set_target_properties(context-tidy PROPERTIES
  ENABLE_EXPORTS ON
  OUTPUT_NAME "context-tidy-${LLVM_VERSION_MAJOR}"
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
add_custom_command(TARGET context-tidy POST_BUILD
  COMMAND "${CMAKE_COMMAND}" -E create_symlink
          "context-tidy-${LLVM_VERSION_MAJOR}" "${CMAKE_BINARY_DIR}/bin/context-tidy"
  VERBATIM)
