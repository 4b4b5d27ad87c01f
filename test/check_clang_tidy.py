#!/usr/bin/env python3
"""Runs clang-tidy with the context-tidy plugin on one test file and checks
its diagnostics and fixes with FileCheck.

Usage (from a lit RUN line, through the %check_clang_tidy substitution):

  %check_clang_tidy [-check-suffix=S[,T]] <file> <checks> <temp>
                    [-- <clang-tidy args> [-- <compiler args>]]

The test file states what it expects with FileCheck directives:

  CHECK-MESSAGES[-S]: every diagnostic (warning, error and note) that must
      appear, in order, with line and column: `:[[@LINE-1]]:3: warning: ...`.
      No other diagnostic may appear: a warning, error or note that no
      directive matches fails the test.  A file with no CHECK-MESSAGES
      directive for a suffix must produce no diagnostic at all.  With
      several suffixes (-check-suffixes=,S) the directives of all of them
      check the one run together.
  CHECK-FIXES[-S]: the file after `clang-tidy -fix`.  Without such
      directives the file must come out of -fix unchanged.

Compiler arguments default to -std=c++20.  The repository's own .clang-tidy
is never picked up: -config={} is passed unless the test gives -config.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

DIAG = re.compile(r"^.+:\d+:\d+: (warning|error|note|remark|fatal error): ")
APPLIED = re.compile(r"note: FIX-IT applied suggested code changes$")


def fail(message, output=None):
    sys.stderr.write("check_clang_tidy.py: " + message + "\n")
    if output is not None:
        sys.stderr.write("------ clang-tidy output ------\n" + output +
                         "\n-------------------------------\n")
    sys.exit(1)


def split_args(extra):
    tidy, compiler = [], None
    for arg in extra:
        if arg == "--" and compiler is None:
            compiler = []
        elif compiler is None:
            tidy.append(arg)
        else:
            compiler.append(arg)
    return tidy, compiler


def run_filecheck(filecheck, prefix, input_file, check_file, implicit):
    cmd = [filecheck, "-input-file=" + input_file, check_file,
           "-check-prefixes=" + prefix, "-dump-input=fail"]
    if implicit:
        cmd += ["-implicit-check-not={{warning|error|note|remark}}:"]
    else:
        cmd += ["-strict-whitespace"]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    if result.returncode != 0:
        fail("FileCheck failed for %s:\n%s" % (prefix, result.stdout))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("-check-suffix", "-check-suffixes", default="")
    parser.add_argument("input")
    parser.add_argument("checks")
    parser.add_argument("temp")
    args, extra = parser.parse_known_args()
    # Whether argparse swallows the first "--" depends on the Python
    # version: take what follows the first "--" of the command line itself.
    argv = sys.argv[1:]
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
    tidy_args, compiler_args = split_args(extra)
    if compiler_args is None:
        compiler_args = []
    if not any(a.startswith("-std=") for a in compiler_args):
        compiler_args = ["-std=c++20"] + compiler_args
    if not any(a.startswith("-config") or a.startswith("--config") for a in tidy_args):
        tidy_args = ["-config={}"] + tidy_args

    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    suffixes = [s.strip() for s in args.check_suffix.split(",")] if args.check_suffix else [""]
    for s in suffixes:
        if s and not re.match(r"^[A-Z0-9\-]+$", s):
            fail("invalid check suffix '%s'" % s)

    extension = os.path.splitext(args.input)[1] or ".cpp"
    temp_dir = os.path.dirname(os.path.abspath(args.temp))
    os.makedirs(temp_dir, exist_ok=True)
    temp_file = args.temp + extension
    shutil.copyfile(args.input, temp_file)

    cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*," + args.checks,
           "-fix", "--header-filter=.*" if "--header-filter" not in " ".join(tidy_args) else None,
           temp_file] + tidy_args + ["--"] + compiler_args
    cmd = [c for c in cmd if c is not None]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            universal_newlines=True)
    if "error: " in result.stderr and "was built for clang-tidy" in result.stderr:
        fail("plugin did not load", result.stderr)
    if result.returncode < 0:
        fail("clang-tidy crashed (signal %d)" % -result.returncode,
             result.stdout + result.stderr)
    lines = [l for l in result.stdout.splitlines()
             if DIAG.match(l) and not APPLIED.search(l)]
    if result.returncode != 0 and not lines:
        fail("clang-tidy failed (exit status %d) without a diagnostic" %
             result.returncode, result.stdout + result.stderr)
    diagnostics = "\n".join(lines) + "\n"
    messages_file = args.temp + ".msg"
    with open(messages_file, "w", encoding="utf-8") as f:
        f.write(diagnostics)

    # Several suffixes check one run together (FileCheck with all their
    # prefixes), as upstream's check_clang_tidy.py does.
    tails = ["-" + s if s else "" for s in suffixes]
    messages = [p for p in ("CHECK-MESSAGES" + t for t in tails)
                if re.search(r"\b" + re.escape(p) + r":", text)]
    if messages:
        run_filecheck(args.filecheck, ",".join(messages), messages_file,
                      args.input, True)
    elif lines:
        fail("no %s directives, but clang-tidy reported:\n%s" %
             (" or ".join("CHECK-MESSAGES" + t for t in tails), diagnostics))

    fixes = [p for p in ("CHECK-FIXES" + t for t in tails)
             if re.search(r"\b" + re.escape(p) + r":", text)]
    if fixes:
        run_filecheck(args.filecheck, ",".join(fixes), temp_file, args.input,
                      False)
    else:
        with open(temp_file, encoding="utf-8") as f:
            if f.read() != text:
                fail("no %s directives, but -fix changed the file" %
                     " or ".join("CHECK-FIXES" + t for t in tails))

if __name__ == "__main__":
    main()
