#!/usr/bin/env python3
"""Helpers of the integration tests: a project with `// finding: <check>`
markers, copied and configured in a scratch directory, and the comparison
of what a tool reported with those markers.

  ctlib.py setup SRC DEST            copy project SRC to DEST (fresh) and
                                     configure it into DEST/build
  ctlib.py compare-log LOG DIR       warnings in a log == markers under DIR
  ctlib.py compare-sarif SARIF DIR   SARIF results == markers under DIR
  ctlib.py expect-exit N CMD...      run CMD (stdout+stderr to stdout),
                                     fail unless its exit status is N

A marker on a line means exactly one finding of that check on that line
(file base name, line, check).  compare-* print "N findings, all expected"
and fail on any difference, and on zero findings unless --allow-none: a
test that sees nothing proves nothing.
"""
import json
import os
import re
import shutil
import subprocess
import sys

MARK = re.compile(r"//.*?\bfinding: ([a-z][a-z0-9.-]*[a-z0-9])")
WARN = re.compile(r"^(.+?):(\d+):(\d+): (warning|error): .* "
                  r"\[([a-z][A-Za-z0-9.-]*)(?:,-warnings-as-errors)?\]$")
SOURCE = re.compile(r"\.(c|cc|cpp|cxx|h|hh|hpp|hxx)$")


def sources(root):
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x != "build" and not x.startswith(".")]
        for f in sorted(files):
            if SOURCE.search(f):
                yield os.path.join(d, f)


def markers(root):
    expected = set()
    for path in sources(root):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for check in MARK.findall(line):
                    expected.add((os.path.basename(path), n, check))
    return expected


def compare(found, expected, allow_none):
    errors = ["missing finding: %s:%d %s" % e for e in sorted(expected - found)]
    errors += ["unexpected finding: %s:%d %s" % e
               for e in sorted(found - expected)]
    if not found and not allow_none:
        errors.append("no finding at all: this test would prove nothing")
    if errors:
        print("\n".join(errors))
        return 1
    print("%d findings, all expected" % len(found))
    return 0


def log_findings(text):
    found = set()
    for line in text.splitlines():
        m = WARN.match(line.strip())
        if m:
            found.add((os.path.basename(m.group(1)), int(m.group(2)), m.group(5)))
    return found


def sarif_findings(doc):
    found = set()
    for run in doc["runs"]:
        for r in run["results"]:
            region = r["locations"][0]["physicalLocation"]["region"]
            uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            found.add((uri.rsplit("/", 1)[-1], region["startLine"], r["ruleId"]))
    return found


def setup(src, dest, extra_cmake_args=()):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("build", ".git"))
    # A project checked by these tests has its own .clang-tidy, so that the
    # configuration of a directory above the scratch directory cannot apply.
    if not os.path.exists(os.path.join(dest, ".clang-tidy")):
        with open(os.path.join(dest, ".clang-tidy"), "w") as f:
            f.write("Checks: '-*,context-*'\n")
    r = subprocess.run(["cmake", "-S", dest, "-B", os.path.join(dest, "build"),
                        "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"] + list(extra_cmake_args),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        raise SystemExit("cmake failed for %s" % dest)


def expect_exit(code, cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    sys.stdout.write(r.stdout)
    print("[exit status %d]" % r.returncode)
    if r.returncode != code:
        print("expected exit status %d, got %d: %s" % (code, r.returncode,
                                                      " ".join(cmd)))
        return 1
    return 0


def main(argv):
    allow_none = "--allow-none" in argv
    argv = [a for a in argv if a != "--allow-none"]
    cmd = argv[0]
    if cmd == "setup":
        setup(argv[1], argv[2], argv[3:])
        return 0
    if cmd == "compare-log":
        with open(argv[1], encoding="utf-8", errors="replace") as f:
            return compare(log_findings(f.read()), markers(argv[2]), allow_none)
    if cmd == "compare-sarif":
        with open(argv[1], encoding="utf-8") as f:
            return compare(sarif_findings(json.load(f)), markers(argv[2]),
                           allow_none)
    if cmd == "expect-exit":
        return expect_exit(int(argv[1]), argv[2:])
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
