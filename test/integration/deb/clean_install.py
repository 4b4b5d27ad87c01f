#!/usr/bin/env python3
"""Installs a context-tidy .deb with `apt-get install ./<deb>` on a clean
Debian bookworm system and uses it there.

  clean_install.py DEB LLVM_MAJOR PROJECT CHECKS CACHE WORK

The clean system is a chroot made by mmdebstrap --variant=apt from the
same Debian archive as the host's /etc/apt/sources.list.d/debian.sources:
only the Essential packages and apt, nothing of LLVM, Python or a
compiler.  In it, as root:

  apt-get update
  apt-get install -y --no-install-recommends /tmp/<deb>   (resolves Depends
                                                          from the archive)
  context-tidy --version, context-clangd --version, clang-tidy-N --load=<installed plugin> --list-checks,
  run-context-tidy over PROJECT (a compile_commands.json written by hand:
  the chroot has no cmake) with CHECKS: its findings == PROJECT's markers.

What this proves: the package's Depends are complete and installable from
Debian's archive on a minimal bookworm, and the installed executable,
plugin and runner work with only what they pull in.  What it does not: the
chroot shares the host's kernel (it is not a VM); other releases and
distributions are not tried; the archive is the one reachable at test
time.  It NEEDS THE DEBIAN ARCHIVE (network) and root; without them it
fails, it does not skip.

The mmdebstrap tarball and the downloaded .debs are kept in CACHE (shared
by the LLVM 19 and 22 runs of one build tree), so a rerun downloads only
what changed.  Runs as root; mounts nothing.
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ctlib  # noqa: E402
from cleanroom import CleanRoot, chroot, must, run, step  # noqa: E402


def main():
    deb, major, project, checks, cache, work = sys.argv[1:7]
    with CleanRoot(cache, work) as clean:
        root = clean.root
        present = clean.installed()
        print("clean system: %d packages; clang-tidy-%s %s, python3 %s" % (
            len(present), major,
            "present" if "clang-tidy-" + major in present else "absent",
            "present" if "python3" in present else "absent"))
        shutil.copy(deb, os.path.join(root, "tmp", os.path.basename(deb)))
        clean.apt_install(["./" + os.path.basename(deb)],
                          "apt-get install of the package")

        out, _ = must(chroot(root, "dpkg-query", "-W", "-f",
                             "${Package} ${Version} ${Status}\n",
                             "context-tidy-" + major, "clang-tidy-" + major),
                      "dpkg-query")
        sys.stdout.write(out)

        step("installed executable")
        must(chroot(root, "context-tidy", "--version"), "context-tidy --version",
             show=True)
        step("installed context-clangd")
        must(chroot(root, "context-clangd", "--version"),
             "context-clangd --version", show=True)
        step("installed plugin in clang-tidy-%s" % major)
        must(chroot(root, "clang-tidy-" + major,
                    "--load=/usr/lib/context-tidy/llvm-%s/libContextTidy.so" % major,
                    "--checks=-*,context-*,misc-unused-using-decls", "--list-checks"),
             "clang-tidy --load", show=True)

        step("run-context-tidy over the project")
        inside = os.path.join(root, "work", "project")
        shutil.copytree(project, inside,
                        ignore=shutil.ignore_patterns("build", ".git"))
        entries = [{"directory": "/work/project",
                    "file": os.path.relpath(p, inside),
                    "arguments": ["c++", "-std=c++20", "-Iinclude", "-c",
                                  os.path.relpath(p, inside)]}
                   for p in ctlib.sources(inside) if p.endswith(".cpp")]
        os.makedirs(os.path.join(inside, "build"))
        with open(os.path.join(inside, "build", "compile_commands.json"), "w") as f:
            json.dump(entries, f)
        r, _ = run(chroot(root, "sh", "-c",
                          "cd /work/project && run-context-tidy -p build -j 2 "
                          "--checks='%s' --sarif /work/out.sarif" % checks))
        sys.stdout.write(r.stdout)
        print("run-context-tidy: exit status %d" % r.returncode)
        if r.returncode != 1:
            print("FAILED: expected exit status 1 (findings)")
            return 1
        with open(os.path.join(root, "work", "out.sarif")) as f:
            if ctlib.compare(ctlib.sarif_findings(json.load(f)),
                             ctlib.markers(inside), False):
                return 1
        print("clean install: OK")
        return 0


if __name__ == "__main__":
    sys.exit(main())
