#!/usr/bin/env python3
"""The CI examples of docs/examples/ are valid YAML of the right shape, run
the README's tools/context-tidy on the configured build directory with
--sarif, and hand that same SARIF file on (GitHub: upload-sarif; GitLab:
the job's artifact; the sharded GitHub workflow: each shard's SARIF as an
artifact, merged with --merge-sarif by a job after them and uploaded).
Prints the command each runs.

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

# The sharded workflow: a matrix of N shard jobs, each running
# --shard ${{ matrix.shard }}/N with --sarif and keeping that file as an
# artifact; a merge job after them that merges the artifacts into one SARIF
# and uploads it.
with open(os.path.join(root, "docs/examples/github-workflow-shards.yml")) as f:
    sh = yaml.safe_load(f)
if sh["permissions"].get("security-events") != "write":
    errors.append("github-shards: upload-sarif needs security-events: write")
shard_job = sh["jobs"]["shard"]
values = shard_job["strategy"]["matrix"]["shard"]
runs = [s.get("run", "") for s in shard_job["steps"]]
SHARD = re.compile(r"tools/context-tidy (\S+) .*--shard \$\{\{ matrix\.shard \}\}/(\d+) .*"
                   r"--sarif (shard-\$\{\{ matrix\.shard \}\}\.sarif)")
m = next((SHARD.search(r) for r in runs if SHARD.search(r)), None)
if not m:
    errors.append("github-shards: no `tools/context-tidy <build> ... --shard "
                  "${{ matrix.shard }}/N ... --sarif shard-${{ matrix.shard }}.sarif` step")
else:
    n = int(m.group(2))
    print("github-shards: %s, matrix %s" % (m.group(0), values))
    if values != list(range(1, n + 1)):
        errors.append("github-shards: the matrix %s is not the shards 1..%d" % (values, n))
    if "-B %s " % m.group(1) not in " ".join(runs):
        errors.append("github-shards: the project is not configured into %s" % m.group(1))
    kept = [s for s in shard_job["steps"]
            if s.get("uses", "").startswith("actions/upload-artifact@")]
    if not kept or kept[0]["with"]["path"] != m.group(3) or "always()" not in kept[0].get("if", ""):
        errors.append("github-shards: the shard's SARIF is not kept as an artifact when the job fails")
merge_job = sh["jobs"]["merge"]
if merge_job.get("needs") != "shard" or "always()" not in merge_job.get("if", ""):
    errors.append("github-shards: the merge job must run after the shards, whatever they exit with")
MERGE = re.compile(r"run-context-tidy --merge-sarif --sarif (\S+) (\S+)/shard-\*\.sarif")
merge_runs = [s.get("run", "") for s in merge_job["steps"]]
m = next((MERGE.search(r) for r in merge_runs if MERGE.search(r)), None)
downloads = [s for s in merge_job["steps"]
             if s.get("uses", "").startswith("actions/download-artifact@")]
if not m:
    errors.append("github-shards: no `run-context-tidy --merge-sarif --sarif FILE DIR/shard-*.sarif` step")
else:
    print("github-shards: %s" % m.group(0))
    if not downloads or downloads[0]["with"].get("path") != m.group(2):
        errors.append("github-shards: the shards' artifacts are not downloaded to %s" % m.group(2))
    uploads = [s for s in merge_job["steps"]
               if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    if not uploads or uploads[0]["with"]["sarif_file"] != m.group(1) or \
            "always()" not in uploads[0].get("if", ""):
        errors.append("github-shards: upload-sarif does not upload %s when the merge fails" % m.group(1))

print("\n".join(errors) if errors else "CI examples OK")
sys.exit(1 if errors else 0)
