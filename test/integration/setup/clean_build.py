#!/usr/bin/env python3
"""Configures and builds context-tidy in a clean Debian bookworm root that
has only the packages tools/setup.sh lists for a build.

  clean_build.py SRCROOT LLVM_MAJOR CACHE WORK

In a chroot made as cleanroom.py says (the Essential packages and apt, no
compiler, no CMake, no LLVM), as root:

  apt-get install -y --no-install-recommends $(ct_build_packages MAJOR)
      (the list printed by SRCROOT/tools/setup.sh, nothing else)
  cmake -S /src -B /build -G Ninja -DCONTEXT_TIDY_LLVM_VERSION=MAJOR
      (every part on, as tools/setup.sh's ct_build configures it: the
      plugin, the standalone executable, context-clangd, the tests)
  cmake --build /build --target <the object of checks/ContextTidyModule.cpp>
      (one translation unit that includes every check's header, the
      clang-tidy headers and lib/'s)

So a package that the configure or the compiler needs and the list misses
fails here, whatever the host has installed: Debian's gRPCTargets.cmake,
which the LLVM 22 configure reads, needs /usr/bin/grpc_cpp_plugin from
protobuf-compiler-grpc.  It proves neither the link nor the tests (the
host's full build does), and needs the Debian archive (network) and root;
without them it fails, it does not skip.
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from cleanroom import CleanRoot, chroot, must, step  # noqa: E402

OBJECT_OF = "checks/ContextTidyModule.cpp"


def build_packages(srcroot, major):
    out = subprocess.run(
        ["bash", "-c", 'source "$1/tools/setup.sh" && ct_build_packages "$2"',
         "setup", srcroot, major],
        stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    return out.split()


def source_files(srcroot):
    """The files of the source tree: git's tracked and untracked-but-not-
    ignored files in a work tree (so neither build trees nor what the tests
    write into the tree, nor files that vanish while we copy); every file
    outside build*/ and .git/ elsewhere."""
    r = subprocess.run(["git", "-C", srcroot, "ls-files", "-z", "--cached", "--others",
                        "--exclude-standard"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL)
    if r.returncode == 0 and r.stdout:
        return [f for f in r.stdout.decode().split("\0") if f]
    files = []
    for top, dirs, names in os.walk(srcroot):
        dirs[:] = [d for d in dirs if not (d.startswith("build") or d == ".git")]
        files += [os.path.relpath(os.path.join(top, n), srcroot) for n in names]
    return files


def copy_source(srcroot, dest):
    """Copies the source files into DEST, contents and mode only (no
    ownership or extended attributes, which the file system of a CI
    checkout may not let a chroot's file system take); returns the count."""
    count = 0
    for rel in source_files(srcroot):
        src = os.path.join(srcroot, rel)
        if not os.path.isfile(src):  # a deleted tracked file, a dangling link
            continue
        out = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(src, out)
        shutil.copymode(src, out)
        count += 1
    return count


def main():
    srcroot, major, cache, work = sys.argv[1:5]
    packages = build_packages(srcroot, major)
    print("ct_build_packages %s: %s" % (major, " ".join(packages)))
    with CleanRoot(cache, work) as clean:
        present = clean.installed()
        print("clean system: %d packages; cmake %s, clang-%s %s" % (
            len(present), "present" if "cmake" in present else "absent", major,
            "present" if "clang-" + major in present else "absent"))
        clean.apt_install(packages, "apt-get install of ct_build_packages")

        step("source tree")
        print("copied: %d files" % copy_source(srcroot, os.path.join(clean.root, "src")))
        step("configure")
        must(chroot(clean.root, "cmake", "-S", "/src", "-B", "/build", "-G", "Ninja",
                    "-DCONTEXT_TIDY_LLVM_VERSION=" + major),
             "configure with only ct_build_packages %s installed" % major)
        print("configure: OK")
        out, _ = must(chroot(clean.root, "ninja", "-C", "/build", "-t", "targets", "all"),
                      "ninja -t targets")
        objects = sorted(line.split(":")[0] for line in out.splitlines()
                         if line.split(":")[0].endswith(OBJECT_OF + ".o"))
        if not objects:
            print("FAILED: no object of %s among the build's targets" % OBJECT_OF)
            return 1
        step("build")
        _, seconds = must(chroot(clean.root, "cmake", "--build", "/build",
                                 "--target", objects[0]),
                          "build of %s" % objects[0])
        print("built: %s (%.0f s)" % (objects[0], seconds))
        print("clean build: OK")
        return 0


if __name__ == "__main__":
    sys.exit(main())
