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
