#!/usr/bin/env python3
"""The CI examples of docs/examples/ are valid YAML of the right shape, run
the README's tools/context-tidy on the configured build directory with
--sarif, and hand that same SARIF file on (GitHub: upload-sarif; GitLab:
the job's artifact).  Prints the command each runs.

  check_ci_examples.py SRCROOT
"""
import os
import re
import sys

import yaml

root = sys.argv[1]
errors = []
SARIF = re.compile(r"tools/context-tidy (\S+) .*--sarif (\S+)")


def check_command(where, commands):
    for c in commands:
        m = SARIF.search(c)
        if m:
            print("%s: %s" % (where, m.group(0)))
            return m.group(1), m.group(2)
    errors.append("%s: no `tools/context-tidy <build> ... --sarif FILE` step" % where)
    return None, None


with open(os.path.join(root, "docs/examples/github-workflow.yml")) as f:
    gh = yaml.safe_load(f)
steps = gh["jobs"]["context-tidy"]["steps"]
if gh["permissions"].get("security-events") != "write":
    errors.append("github: upload-sarif needs security-events: write")
build, sarif = check_command("github", [s.get("run", "") for s in steps])
configure = " ".join(s.get("run", "") for s in steps)
if build and "-B %s " % build not in configure:
    errors.append("github: the project is not configured into %s" % build)
uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
if not uploads or uploads[0]["with"]["sarif_file"] != sarif:
    errors.append("github: upload-sarif does not upload %s" % sarif)
elif "always()" not in uploads[0].get("if", ""):
    errors.append("github: the upload must run when the checks fail (if: always())")

with open(os.path.join(root, "docs/examples/gitlab-ci.yml")) as f:
    gl = yaml.safe_load(f)
job = gl["context-tidy"]
build, sarif = check_command("gitlab", job["script"])
if build and not any("-B %s " % build in c for c in job["script"]):
    errors.append("gitlab: the project is not configured into %s" % build)
if sarif not in job["artifacts"]["paths"] or job["artifacts"].get("when") != "always":
    errors.append("gitlab: %s is not kept as an artifact when the job fails" % sarif)

print("\n".join(errors) if errors else "CI examples OK")
sys.exit(1 if errors else 0)
