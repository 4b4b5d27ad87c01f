#!/usr/bin/env python3
"""Runs clang-tidy with the plugin over the example project and compares its
findings with the `// finding: <check>` markers in the sources.

Usage: check_example_project.py <clang-tidy> <plugin> <examples dir> <build dir>

With <plugin> "-", <clang-tidy> is the standalone context-tidy (no --load).

A marker on a line means: exactly one warning of that check on that line.
Every warning must have a marker, every marker a warning.
"""
import glob
import json
import os
import re
import subprocess
import sys

clang_tidy, plugin, examples, build = sys.argv[1:5]
subprocess.run(["cmake", "-S", examples, "-B", build,
                "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"],
               check=True, stdout=subprocess.DEVNULL)
with open(os.path.join(build, "compile_commands.json")) as f:
    files = sorted(e["file"] for e in json.load(f))

MARK = re.compile(r"//.*\bfinding: (context-[a-z-]+)")
expected = set()
for path in files:
    with open(path) as f:
        for n, line in enumerate(f, 1):
            for check in MARK.findall(line):
                expected.add((os.path.basename(path), n, check))

WARN = re.compile(r"^(.+?):(\d+):\d+: warning: .* \[(context-[a-z-]+)\]$")
found = set()
errors = []
for path in files:
    load = [] if plugin == "-" else ["--load=" + plugin]
    r = subprocess.run([clang_tidy] + load + ["-checks=-*,context-*",
                        "-p", build, "-quiet", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    if r.returncode < 0:
        errors.append("clang-tidy crashed on " + path)
    for line in r.stdout.splitlines():
        m = WARN.match(line)
        if m:
            found.add((os.path.basename(m.group(1)), int(m.group(2)), m.group(3)))
        elif ": error: " in line:
            errors.append(line)

for e in sorted(expected - found):
    errors.append("missing finding: %s:%d %s" % e)
for e in sorted(found - expected):
    errors.append("unexpected finding: %s:%d %s" % e)
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("%d findings, all expected" % len(found))
