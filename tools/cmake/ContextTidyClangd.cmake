# context-clangd: clangd with the context-* checks built in; included by the
# top-level CMakeLists.txt after ContextTidyStandalone.cmake.
#
# clangd cannot load clang-tidy plugins: it runs the checks whose modules
# are linked into it, found through the same ClangTidyModuleRegistry the
# plugin registers in.  So this is clangd's own main (clangdMain() from
# libclangdMain.a, in libclang-N-dev) linked with the check objects of
# contexttidy_checks, the OBJECT library the plugin and context-tidy are
# made of: a check the plugin lists is in context-clangd too.  Object files
# given to the linker are always kept, so the module's registration (a
# static object in ContextTidyModule.cpp) is never dropped.
#
# Also linked, as clangd's own build does:
#   - clangDaemonTweaks as a whole archive: the code actions ("tweaks")
#     register themselves from static objects nothing refers to;
#   - -Wl,--wrap of clang::clangd::isFastTidyCheck: clangd's table of
#     measured check latencies, which its FastCheckFilter (default Strict)
#     consults, learns the context-* checks (checks/ContextClangdMain.cpp,
#     docs/performance.md).
#
# clangdMain, clangDaemon and the clang-tidy modules are static libraries
# (LLVM and clang-cpp shared), so linking takes a while; the sanitizer
# build does not build it (tools/setup.sh: -DCONTEXT_TIDY_BUILD_CLANGD=OFF).

if(NOT CONTEXT_TIDY_BUILD_CLANGD)
  return()
endif()
if(CONTEXT_TIDY_SANITIZE)
  # The sanitizer build instruments what the tests load into clang-tidy;
  # a sanitized clangd would be a second, slow link for nothing tested.
  message(STATUS "context-clangd: not built with CONTEXT_TIDY_SANITIZE")
  return()
endif()
foreach(_ct_lib clangdMain clangDaemonTweaks)
  if(NOT TARGET ${_ct_lib})
    message(FATAL_ERROR "libclang-${LLVM_VERSION_MAJOR}-dev has no ${_ct_lib} "
      "(lib${_ct_lib}.a); install it or configure with "
      "-DCONTEXT_TIDY_BUILD_CLANGD=OFF")
  endif()
endforeach()
# Debian's clangd has the remote index (Features: linux+grpc): clangdMain
# links gRPC, protobuf and abseil (shared libraries), named in the link
# interface of clangdRemoteIndexProto as plain library names (LLVM 19) or as
# the imported targets of their CMake packages (LLVM 22).  Both need
# libgrpc++-dev and libprotobuf-dev.
get_target_property(_ct_rpc_libs clangdRemoteIndexProto INTERFACE_LINK_LIBRARIES)
if(NOT _ct_rpc_libs)
  set(_ct_rpc_libs "")
endif()
set(_ct_rpc_hint "install libgrpc++-dev and libprotobuf-dev, or configure "
  "with -DCONTEXT_TIDY_BUILD_CLANGD=OFF")
if(_ct_rpc_libs MATCHES "gRPC::")
  find_package(gRPC CONFIG QUIET)
  if(NOT TARGET gRPC::grpc++)
    message(FATAL_ERROR "context-clangd links clangd's gRPC remote index: "
      "no gRPC CMake package found; " ${_ct_rpc_hint})
  endif()
endif()
if(_ct_rpc_libs MATCHES "protobuf::")
  find_package(Protobuf QUIET)
  if(NOT TARGET protobuf::libprotobuf)
    message(FATAL_ERROR "context-clangd links clangd's gRPC remote index: "
      "no protobuf found; " ${_ct_rpc_hint})
  endif()
endif()
foreach(_ct_lib IN LISTS _ct_rpc_libs)
  if(_ct_lib MATCHES "^[A-Za-z0-9_+]+$" AND NOT TARGET ${_ct_lib})
    find_library(_ct_found_${_ct_lib} ${_ct_lib})
    if(NOT _ct_found_${_ct_lib})
      message(FATAL_ERROR "context-clangd links clangd's gRPC remote index: "
        "no lib${_ct_lib}.so; " ${_ct_rpc_hint})
    endif()
  endif()
endforeach()
if(NOT TARGET contexttidy_checks)
  message(FATAL_ERROR "internal: contexttidy_checks (ContextTidyStandalone.cmake) "
    "must be defined before ContextTidyClangd.cmake is included")
endif()

add_executable(context-clangd checks/ContextClangdMain.cpp
  $<TARGET_OBJECTS:contexttidy_checks>)
target_compile_definitions(context-clangd PRIVATE
  CONTEXT_TIDY_VERSION="${PROJECT_VERSION}")
# The tweaks archive by its file, without its link interface (which names
# clang's component libraries, clangAST and so on, as static archives:
# clangd here takes clang from the shared libclang-cpp like the rest).
# Everything it needs comes from clangdMain's interface, linked after it.
get_target_property(_ct_tweaks clangDaemonTweaks LOCATION)
target_link_libraries(context-clangd PRIVATE
  contexttidy_core
  "-Wl,--whole-archive" "${_ct_tweaks}" "-Wl,--no-whole-archive"
  clangdMain
  "-Wl,--wrap=_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE")
# The file is context-clangd-N, as installed; bin/context-clangd links to it.
set_target_properties(context-clangd PROPERTIES
  OUTPUT_NAME "context-clangd-${LLVM_VERSION_MAJOR}"
  RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")
add_custom_command(TARGET context-clangd POST_BUILD
  COMMAND "${CMAKE_COMMAND}" -E create_symlink
          "context-clangd-${LLVM_VERSION_MAJOR}" "${CMAKE_BINARY_DIR}/bin/context-clangd"
  VERBATIM)
