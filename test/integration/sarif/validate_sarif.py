#!/usr/bin/env python3
"""Validates run-context-tidy's SARIF: against the published SARIF 2.1.0
schema (node + ajv, see validate.js), and for what the schema cannot say:
rule ids are the check names, help URIs are the checks' documentation
pages, every result has a location, and every fix applies to the file.

  validate_sarif.py CACHE_DIR FILE.sarif

NEEDS THE NETWORK the first time in a build directory: the validator's npm
packages (package.json, pinned in package-lock.json) are installed with
`npm ci` from the npm registry into CACHE_DIR and reused from there.
Without the registry this test FAILS (it does not skip): a SARIF test that
validated nothing would prove nothing.
"""
import filecmp
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join("node_modules", "@microsoft", "jest-sarif", "lib",
                      "schemas", "sarif-2.1.0-rtm.5.json")
DOCS_URL = "https://github.com/context-tidy/context-tidy/blob/main/docs/checks/"
UPSTREAM = "https://clang.llvm.org/extra/clang-tidy/checks/"


def fail(message):
    print("validate_sarif.py: FAILED: " + message)
    sys.exit(1)


def ensure_validator(cache):
    os.makedirs(cache, exist_ok=True)
    fresh = all(os.path.exists(os.path.join(cache, f)) and
                filecmp.cmp(os.path.join(HERE, f), os.path.join(cache, f), False)
                for f in ("package.json", "package-lock.json"))
    if fresh and os.path.exists(os.path.join(cache, SCHEMA)):
        return
    for f in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(HERE, f), cache)
    print("installing the SARIF validator from the npm registry into %s" % cache)
    r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=cache, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    if r.returncode != 0 or not os.path.exists(os.path.join(cache, SCHEMA)):
        sys.stdout.write(r.stdout)
        fail("`npm ci` could not install the SARIF validator: this test needs the "
             "npm registry the first time in a build directory (CI has it)")


def schema_validate(cache, path):
    validator = os.path.join(cache, "validate.js")
    shutil.copy(os.path.join(HERE, "validate.js"), validator)
    r = subprocess.run(["node", validator, path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    sys.stdout.write(r.stdout)
    return r.returncode == 0


def main():
    cache, path = sys.argv[1:3]
    ensure_validator(cache)
    if not schema_validate(cache, path):
        fail("%s does not validate against the SARIF 2.1.0 schema" % path)

    # The validator must be able to say no: a copy with a wrong field fails.
    with open(path) as f:
        doc = json.load(f)
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"].append({"message": {"text": 1}, "level": "severe"})
    bad = path + ".broken"
    with open(bad, "w") as f:
        json.dump(broken, f)
    if schema_validate(cache, bad):
        fail("the schema validator accepted an invalid document")

    if doc.get("version") != "2.1.0" or len(doc.get("runs", [])) != 1:
        fail("not one SARIF 2.1.0 run")
    run = doc["runs"][0]
    root = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    if not root.startswith("file:///") or not root.endswith("/"):
        fail("SRCROOT is not an absolute directory URI: " + root)
    root = root[len("file://"):]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for rule in rules:
        uri = rule.get("helpUri", "")
        if rule["id"].startswith("context-"):
            if uri != DOCS_URL + rule["id"] + ".md":
                fail("rule %s: help URI %r is not its docs page" % (rule["id"], uri))
        elif not uri.startswith(UPSTREAM):
            fail("rule %s: help URI %r" % (rule["id"], uri))
    print("rules: " + " ".join(ids))
    for result in run["results"]:
        rid = result["ruleId"]
        if ids[result["ruleIndex"]] != rid:
            fail("result of %s points at rule %d" % (rid, result["ruleIndex"]))
        loc = result["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        if art.get("uriBaseId") != "SRCROOT" or art["uri"].startswith("/"):
            fail("result location %r is not relative to SRCROOT" % art)
        file = os.path.join(root, art["uri"])
        line = loc["region"]["startLine"]
        print("result: %s:%d:%d %s" % (art["uri"], line,
                                       loc["region"]["startColumn"], rid))
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                target = os.path.join(root, change["artifactLocation"]["uri"])
                with open(target, "rb") as f:
                    data = f.read()
                for rep in sorted(change["replacements"],
                                  key=lambda r: -r["deletedRegion"]["byteOffset"]):
                    start = rep["deletedRegion"]["byteOffset"]
                    end = start + rep["deletedRegion"]["byteLength"]
                    if end > len(data):
                        fail("fix outside %s" % target)
                    data = data[:start] + rep["insertedContent"]["text"].encode() + data[end:]
                fixed = data.decode().splitlines()[line - 1] if target == file else ""
                print("fix: %s:%d: %s" % (art["uri"], line, fixed.strip()))
    print("SARIF checks passed")


if __name__ == "__main__":
    main()
