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
import glob
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import ctlib  # noqa: E402

SOURCES = "/etc/apt/sources.list.d/debian.sources"


def step(title):
    print("== " + title, flush=True)


def run(cmd, **kw):
    t = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, **kw)
    return r, time.time() - t


def must(cmd, what, show=False, **kw):
    r, seconds = run(cmd, **kw)
    if show or r.returncode != 0:
        sys.stdout.write(r.stdout)
    if r.returncode != 0:
        print("FAILED (exit status %d): %s" % (r.returncode, what))
        sys.exit(1)
    return r.stdout, seconds


def chroot(root, *cmd):
    return ["chroot", root, "env", "DEBIAN_FRONTEND=noninteractive",
            "LC_ALL=C.UTF-8", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"] + list(cmd)


def main():
    deb, major, project, checks, cache, work = sys.argv[1:7]
    if os.geteuid() != 0:
        print("FAILED: needs root (chroot)")
        return 1
    os.makedirs(cache, exist_ok=True)
    archives = os.path.join(cache, "archives")
    os.makedirs(archives, exist_ok=True)
    base = os.path.join(cache, "bookworm-apt.tar")
    sources = SOURCES if os.path.exists(SOURCES) else "http://deb.debian.org/debian"

    if not os.path.exists(base):
        step("making a clean bookworm (mmdebstrap --variant=apt) from %s" % sources)
        _, s = must(["mmdebstrap", "--variant=apt", "--mode=root", "--quiet",
                     "--format=tar", "bookworm", base + ".part", sources],
                    "mmdebstrap (needs the Debian archive)")
        os.rename(base + ".part", base)
        print("mmdebstrap: %.0f s" % s)
    else:
        step("clean bookworm from the cache %s" % base)

    root = os.path.join(work, "root")
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(root)
    must(["tar", "-xf", base, "-C", root], "unpacking the clean system")
    try:
        out, _ = must(chroot(root, "dpkg-query", "-W", "-f", "${Package}\n"),
                      "dpkg-query")
        present = set(out.split())
        print("clean system: %d packages; clang-tidy-%s %s, python3 %s" % (
            len(present), major,
            "present" if "clang-tidy-" + major in present else "absent",
            "present" if "python3" in present else "absent"))

        for f in glob.glob(os.path.join(archives, "*.deb")):
            shutil.copy(f, os.path.join(root, "var/cache/apt/archives"))
        shutil.copy("/etc/resolv.conf", os.path.join(root, "etc/resolv.conf"))
        target = os.path.join(root, "tmp", os.path.basename(deb))
        shutil.copy(deb, target)

        step("apt-get update")
        _, s1 = must(chroot(root, "apt-get", "update", "-qq"),
                     "apt-get update (needs the Debian archive)")
        step("apt-get install ./%s" % os.path.basename(deb))
        out, s2 = must(chroot(root, "sh", "-c",
                              "cd /tmp && apt-get install -y --no-install-recommends "
                              "-o APT::Keep-Downloaded-Packages=true ./%s"
                              % os.path.basename(deb)),
                       "apt-get install of the package")
        for line in out.splitlines():
            if "newly installed" in line or line.startswith("Need to get"):
                print(line)
        print("apt-get update + install: %.0f s" % (s1 + s2))
        for f in glob.glob(os.path.join(root, "var/cache/apt/archives/*.deb")):
            if not os.path.exists(os.path.join(archives, os.path.basename(f))):
                shutil.copy(f, archives)

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
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
