# lit configuration for context-tidy's check tests.
import os
import shutil

import lit.formats

config.name = "context-tidy-llvm" + config.llvm_version_major
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".mm", ".cu", ".test"]
config.excludes = ["Inputs", "unit", "lit.cfg.py", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.binary_root, "test")

# FileCheck, not and split-file come from the LLVM being tested.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
# Deterministic output: no colours, no locale surprises.
config.environment["LC_ALL"] = "C"

# A CONTEXT_TIDY_SANITIZE build (ASan + UBSan): the plugin needs the shared
# ASan runtime loaded first into the clang-tidy that loads it, so every
# command of the tests runs with it preloaded (harmless for the others);
# leaks are not reported (clang-tidy and LLVM free little at exit), any
# error aborts the process, so the test fails.
config.sanitizer_runtime = getattr(config, "sanitizer_runtime", "")
if config.sanitizer_runtime:
    config.available_features.add("sanitize")
    config.environment["LD_PRELOAD"] = config.sanitizer_runtime
    config.environment["ASAN_OPTIONS"] = os.environ.get(
        "ASAN_OPTIONS", "detect_leaks=0:abort_on_error=1:"
        "detect_odr_violation=0:allocator_may_return_null=1")
    config.environment["UBSAN_OPTIONS"] = os.environ.get(
        "UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    symbolizer = os.path.join(config.llvm_tools_dir, "llvm-symbolizer")
    if os.path.exists(symbolizer):
        config.environment["ASAN_SYMBOLIZER_PATH"] = symbolizer

inputs = os.path.join(config.test_source_root, "Inputs")
checker = os.path.join(config.test_source_root, "check_clang_tidy.py")
config.substitutions.append(
    ("%check_clang_tidy",
     '"%s" "%s" --clang-tidy "%s" --plugin "%s" --filecheck "%s"'
     % (config.python, checker, config.clang_tidy, config.plugin,
        os.path.join(config.llvm_tools_dir, "FileCheck"))))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%other_clang_tidy", config.other_clang_tidy))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(("%mocks", os.path.join(inputs, "mocks")))
config.substitutions.append(("%inputs", inputs))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%srcroot", config.source_root))

config.available_features.add("llvm-" + config.llvm_version_major)
if config.other_clang_tidy:
    config.available_features.add("other-clang-tidy")

# Real installed API headers: tests that need one say REQUIRES: <feature>.
real_headers = {
    "asio": "/usr/include/asio.hpp",
    "boost-fiber": "/usr/include/boost/fiber/all.hpp",
    "grpc": "/usr/include/grpcpp/grpcpp.h",
    "tbb": "/usr/include/oneapi/tbb/concurrent_queue.h",
}
for feature, header in real_headers.items():
    if os.path.exists(header):
        config.available_features.add(feature)

# Integration tests (test/standalone/, test/integration/): the standalone
# executable, the whole-project runner, pre-commit, CMake, the package.
config.substitutions.append(("%context_tidy", config.context_tidy or "false"))
config.substitutions.append(
    ("%run_context_tidy", '"%s" "%s"' % (
        config.python, os.path.join(config.source_root, "tools", "run-context-tidy"))))
config.substitutions.append(
    ("%ctlib", '"%s" "%s"' % (
        config.python, os.path.join(config.test_source_root, "integration", "ctlib.py"))))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%cpack", config.cpack))
config.substitutions.append(("%binroot", config.binary_root))
config.substitutions.append(("%llvm_major", config.llvm_version_major))
# Where tests keep what they download (the clean bookworm root and its .debs,
# npm packages), shared by the LLVM 19 and 22 builds: build/test-cache, or
# CONTEXT_TIDY_TEST_CACHE (.ci/run keeps it outside the clone, so that CI
# runs on one machine share it).
config.substitutions.append(
    ("%test_cache", os.environ.get("CONTEXT_TIDY_TEST_CACHE")
     or os.path.join(os.path.dirname(config.binary_root), "test-cache")))
# The project the integration tests take their findings from, and the checks
# that report them: upstream checks, so the pipelines are tested with real
# findings whatever context-* checks are registered.  Each such test has a
# twin over examples/ with context-* that runs once a context-* check is
# registered (REQUIRES: context-checks).
config.substitutions.append(
    ("%demo_project", os.path.join(inputs, "integration", "project")))
config.substitutions.append(
    ("%demo_checks", "-*,bugprone-use-after-move,modernize-use-nullptr"))
if config.context_tidy and os.path.exists(config.context_tidy):
    config.available_features.add("standalone")
# context-clangd (tools/cmake/ContextTidyClangd.cmake): the tests that drive
# it through the Language Server Protocol say REQUIRES: clangd.
config.context_clangd = getattr(config, "context_clangd", "")
config.substitutions.append(("%context_clangd", config.context_clangd or "false"))
if config.context_clangd and os.path.exists(config.context_clangd):
    config.available_features.add("clangd")
# pre-commit, vim-ale, node/npm, mmdebstrap: tools/setup.sh installs them
# (ct_test_packages); the tests that use them fail, not skip, without them.


def _registered_context_checks():
    import subprocess
    try:
        out = subprocess.run(
            [config.clang_tidy, "--load=" + config.plugin,
             "--checks=-*,context-*", "--list-checks"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            universal_newlines=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [l.strip() for l in out.splitlines() if l.startswith("    context-")]


if _registered_context_checks():
    config.available_features.add("context-checks")
# The PATH the tests run with, for `env PATH=<dir>:%envpath ...`.
config.substitutions.append(("%envpath", config.environment["PATH"]))
# The self-lint (test/selflint/self-lint.test) runs on one LLVM version of
# a run: tools/run-tests names the newest version it runs in
# CONTEXT_TIDY_SELFLINT_LLVM ("all": every version).  Without it (lit run by
# hand on one build), on that build.
_selflint = os.environ.get("CONTEXT_TIDY_SELFLINT_LLVM", config.llvm_version_major)
if _selflint in ("all", config.llvm_version_major):
    config.available_features.add("selflint")
# The primary LLVM version of a run: tools/run-tests names the first
# version it runs (19) in CONTEXT_TIDY_PRIMARY_LLVM; lit run by hand on one
# build is that build's.  Tests of what does not depend on the LLVM version
# (the runner's shards and cache, SARIF, the docs, the CI and editor
# configurations, the *-examples twins of pipelines the other version runs
# too) say REQUIRES: primary-llvm, so a run over two versions runs them
# once; CONTEXT_TIDY_PRIMARY_LLVM=all runs them on every version.
_primary = os.environ.get("CONTEXT_TIDY_PRIMARY_LLVM", config.llvm_version_major)
if _primary in ("all", config.llvm_version_major):
    config.available_features.add("primary-llvm")
# The clean-install test of the .deb (a chroot, ~3 minutes): for the primary
# LLVM version, or for every version with CONTEXT_TIDY_DEB_CLEAN_INSTALL=all.
if not config.sanitizer_runtime and ("primary-llvm" in config.available_features or
        os.environ.get("CONTEXT_TIDY_DEB_CLEAN_INSTALL") == "all"):
    config.available_features.add("deb-clean-install")
