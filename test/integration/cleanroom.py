#!/usr/bin/env python3
"""A clean Debian bookworm root for the tests that must not see what the
host has installed: the .deb's clean install (deb/clean_install.py) and the
build from tools/setup.sh's package lists alone (setup/clean_build.py).

The root is made by mmdebstrap --variant=apt from the same Debian archive as
the host's /etc/apt/sources.list.d/debian.sources: the Essential packages
and apt, nothing of LLVM, Python or a compiler.  Its tarball and the .debs
downloaded into it are kept in a cache directory, so a rerun downloads only
what changed.  Everything here runs as root (chroot) and mounts nothing.  Tests that
share a cache may run at once (lit -j): a lock on CACHE/lock orders the
making of the tarball and the copies into the cache.
"""
import fcntl
import glob
import os
import shutil
import subprocess
import sys
import time

SOURCES = "/etc/apt/sources.list.d/debian.sources"


def step(title):
    print("== " + title, flush=True)


def run(cmd, **kw):
    """Runs CMD, stdout and stderr together; returns (result, seconds)."""
    t = time.time()
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, **kw)
    return r, time.time() - t


def must(cmd, what, show=False, **kw):
    """Runs CMD; prints its output when SHOW or when it fails, and exits
    with "FAILED ... WHAT" on a non-zero status."""
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


class CleanRoot:
    """A clean bookworm unpacked into WORK/root from the tarball in CACHE
    (made there first when missing).  Use as a context manager: the root is
    removed on exit."""

    def __init__(self, cache, work):
        self.cache = cache
        self.work = work
        self.root = os.path.join(work, "root")
        self.archives = os.path.join(cache, "archives")

    def __enter__(self):
        if os.geteuid() != 0:
            print("FAILED: needs root (chroot)")
            sys.exit(1)
        os.makedirs(self.archives, exist_ok=True)
        base = os.path.join(self.cache, "bookworm-apt.tar")
        sources = SOURCES if os.path.exists(SOURCES) else "http://deb.debian.org/debian"
        if os.path.exists(self.work):
            shutil.rmtree(self.work)
        os.makedirs(self.root)
        with self._locked():
            if not os.path.exists(base):
                step("making a clean bookworm (mmdebstrap --variant=apt) from %s"
                     % sources)
                _, s = must(["mmdebstrap", "--variant=apt", "--mode=root", "--quiet",
                             "--format=tar", "bookworm", base + ".part", sources],
                            "mmdebstrap (needs the Debian archive)")
                os.rename(base + ".part", base)
                print("mmdebstrap: %.0f s" % s)
            else:
                step("clean bookworm from the cache %s" % base)
            must(["tar", "-xf", base, "-C", self.root], "unpacking the clean system")
            for f in glob.glob(os.path.join(self.archives, "*.deb")):
                shutil.copy(f, os.path.join(self.root, "var/cache/apt/archives"))
        shutil.copy("/etc/resolv.conf", os.path.join(self.root, "etc/resolv.conf"))
        # dpkg without fsync, and without documentation (what a throw-away
        # root does not read): unpacking a compiler and LLVM takes half as
        # long.
        with open(os.path.join(self.root, "etc/dpkg/dpkg.cfg.d/cleanroom"), "w") as f:
            f.write("force-unsafe-io\npath-exclude=/usr/share/doc/*\n"
                    "path-exclude=/usr/share/man/*\npath-exclude=/usr/share/locale/*\n")
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.work, ignore_errors=True)
        return False

    def installed(self):
        out, _ = must(chroot(self.root, "dpkg-query", "-W", "-f", "${Package}\n"),
                      "dpkg-query")
        return set(out.split())

    def apt_install(self, args, what):
        """apt-get update, then apt-get install -y --no-install-recommends
        ARGS (package names, or ./file.deb run from /tmp); keeps the
        downloaded .debs in the cache.  Returns apt-get install's output."""
        step("apt-get update")
        _, s1 = must(chroot(self.root, "apt-get", "update", "-qq"),
                     "apt-get update (needs the Debian archive)")
        step("apt-get install %s" % " ".join(args))
        out, s2 = must(chroot(self.root, "sh", "-c",
                              "cd /tmp && apt-get install -y --no-install-recommends "
                              "-o APT::Keep-Downloaded-Packages=true " + " ".join(args)),
                       what)
        for line in out.splitlines():
            if "newly installed" in line or line.startswith("Need to get"):
                print(line)
        print("apt-get update + install: %.0f s" % (s1 + s2))
        with self._locked():
            for f in glob.glob(os.path.join(self.root, "var/cache/apt/archives/*.deb")):
                if not os.path.exists(os.path.join(self.archives, os.path.basename(f))):
                    shutil.copy(f, self.archives)
        return out

    def _locked(self):
        return _Lock(os.path.join(self.cache, "lock"))


class _Lock:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.f = open(self.path, "w")
        fcntl.flock(self.f, fcntl.LOCK_EX)

    def __exit__(self, *exc):
        fcntl.flock(self.f, fcntl.LOCK_UN)
        self.f.close()
        return False
