# Install layout, the find_package(ContextTidy) config and the Debian
# package; included by the top-level CMakeLists.txt.
#
#   bin/context-tidy-N               the standalone executable (LLVM N)
#   bin/context-tidy                 -> context-tidy-N
#   bin/context-clangd-N             clangd with the checks built in (LLVM N)
#   bin/context-clangd               -> context-clangd-N
#   bin/run-context-tidy             the whole-project runner (tools/)
#   lib/context-tidy/llvm-N/libContextTidy.so    the plugin
#   lib/cmake/ContextTidy-N/         ContextTidyConfig.cmake (+ version)
#   share/doc/context-tidy-N/        README, docs/ and the check pages
#
# The directory and file names carry the LLVM major version so that the
# plugins of several versions can live side by side; the unversioned names
# (bin/context-tidy, bin/run-context-tidy) belong to one of them, and the
# Debian packages say so (Provides/Conflicts: context-tidy).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(_ct_v "${LLVM_VERSION_MAJOR}")
set(CONTEXT_TIDY_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/context-tidy/llvm-${_ct_v}")
set(CONTEXT_TIDY_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ContextTidy-${_ct_v}")
set(CONTEXT_TIDY_INSTALL_DOCDIR "${CMAKE_INSTALL_DATAROOTDIR}/doc/context-tidy-${_ct_v}")

install(TARGETS ContextTidy
  LIBRARY DESTINATION "${CONTEXT_TIDY_INSTALL_PLUGINDIR}")
if(TARGET context-tidy)
  install(TARGETS context-tidy RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(CODE "
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    file(CREATE_LINK \"context-tidy-${_ct_v}\" \"\${_dir}/context-tidy\" SYMBOLIC)
    message(STATUS \"Installing: \${_dir}/context-tidy -> context-tidy-${_ct_v}\")")
endif()
if(TARGET context-clangd)
  install(TARGETS context-clangd RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
  install(CODE "
    set(_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    file(CREATE_LINK \"context-clangd-${_ct_v}\" \"\${_dir}/context-clangd\" SYMBOLIC)
    message(STATUS \"Installing: \${_dir}/context-clangd -> context-clangd-${_ct_v}\")")
endif()
install(PROGRAMS tools/run-context-tidy DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(FILES README.md DESTINATION "${CONTEXT_TIDY_INSTALL_DOCDIR}")
install(DIRECTORY docs/ DESTINATION "${CONTEXT_TIDY_INSTALL_DOCDIR}"
  FILES_MATCHING PATTERN "*.md" PATTERN "*.yml" PATTERN "*.json" PATTERN "*.el"
  PATTERN "*.vim" PATTERN "*.lua")

# find_package(ContextTidy): paths relative to the config file, so the
# installed tree can move (cpack stages it elsewhere, DESTDIR, ...).
set(CONTEXT_TIDY_CONFIG_PLUGIN "${CONTEXT_TIDY_INSTALL_PLUGINDIR}/libContextTidy.so")
set(CONTEXT_TIDY_CONFIG_EXECUTABLE "${CMAKE_INSTALL_BINDIR}/context-tidy-${_ct_v}")
set(CONTEXT_TIDY_CONFIG_RUN "${CMAKE_INSTALL_BINDIR}/run-context-tidy")
set(CONTEXT_TIDY_CONFIG_DOCDIR "${CONTEXT_TIDY_INSTALL_DOCDIR}")
if(TARGET context-tidy)
  set(CONTEXT_TIDY_CONFIG_HAS_EXECUTABLE TRUE)
else()
  set(CONTEXT_TIDY_CONFIG_HAS_EXECUTABLE FALSE)
endif()
configure_package_config_file(tools/cmake/ContextTidyConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfig.cmake"
  INSTALL_DESTINATION "${CONTEXT_TIDY_INSTALL_CMAKEDIR}"
  PATH_VARS CONTEXT_TIDY_CONFIG_PLUGIN CONTEXT_TIDY_CONFIG_EXECUTABLE
            CONTEXT_TIDY_CONFIG_RUN CONTEXT_TIDY_CONFIG_DOCDIR)
# 0.x: only the same minor version is compatible.
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfigBasicVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
configure_file(tools/cmake/ContextTidyConfigVersion.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfigVersion.cmake" @ONLY)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfigVersion.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/ContextTidyConfigBasicVersion.cmake"
  DESTINATION "${CONTEXT_TIDY_INSTALL_CMAKEDIR}")

# cpack -G DEB: package context-tidy-N for LLVM N.  Its Depends are
# clang-tidy-N (the host of the plugin) and what dpkg-shlibdeps finds for
# the executables: libclang-cppN, libllvmN, libgrpc++ and libprotobuf (for
# context-clangd), libstdc++6, libc6, ...
set(CPACK_PACKAGE_NAME "context-tidy-${_ct_v}")
set(CPACK_PACKAGE_VENDOR "context-tidy developers")
set(CPACK_PACKAGE_CONTACT "context-tidy developers <dev@context-tidy.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "clang-tidy checks for Go-style context misuse in C++ (LLVM ${_ct_v})")
set(CPACK_PACKAGE_DESCRIPTION
  "Ports Go's context-misuse lint rules to C++ cancellation APIs (C++20 stop
tokens, Asio, gRPC, folly, Seastar, Go-style context ports).  Ships the
clang-tidy-${_ct_v} plugin, the standalone context-tidy executable (clang-tidy
with the checks built in), context-clangd (clangd with the checks built in,
for live diagnostics in editors), run-context-tidy for whole projects (parallel,
SARIF output), and a CMake package (find_package(ContextTidy)).")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "clang-tidy-${_ct_v}, python3, python3-yaml")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_PROVIDES "context-tidy")
set(CPACK_DEBIAN_PACKAGE_CONFLICTS "context-tidy")
set(CPACK_DEBIAN_PACKAGE_REPLACES "context-tidy")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/context-tidy/context-tidy")
include(CPack)
