#!/usr/bin/env python3
"""Runs Debian's real pre-commit with this repository as the hook source,
in a throwaway git repository: a good commit passes the hook, a bad one is
refused with the diagnostics shown, and the context-tidy-diff hook reports
only what the staged changes touch.

  pre_commit_test.py SRCROOT PROJECT CHECKS WORKDIR [--only-bad-commit]

PROJECT is a CMake project whose findings are marked `// finding: <check>`
(see ctlib.py); CHECKS the clang-tidy check pattern the hooks run.  The
hook source is a git repository made of SRCROOT's .pre-commit-hooks.yaml
and tools/ as they are on disk, so uncommitted changes are what is tested.
The hook finds context-tidy through the environment the test runs in
($CONTEXT_TIDY, $CONTEXT_TIDY_PLUGIN or PATH).  Nothing needs the network.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ctlib  # noqa: E402

GIT_ID = ["-c", "user.name=context-tidy test", "-c",
          "user.email=test@context-tidy.invalid", "-c", "commit.gpgsign=false",
          "-c", "init.defaultBranch=main"]


def run(cmd, cwd, env, show=True):
    r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    if show:
        sys.stdout.write(r.stdout)
    return r


def must(cmd, cwd, env):
    r = run(cmd, cwd, env, show=False)
    if r.returncode != 0:
        sys.stdout.write(r.stdout)
        raise SystemExit("failed: %s" % " ".join(cmd))
    return r.stdout


def git(cwd, env, *args):
    return must(["git"] + GIT_ID + list(args), cwd, env)


def head(repo, env):
    r = run(["git", "rev-parse", "--verify", "-q", "HEAD"], repo, env, show=False)
    return r.stdout.strip()


def main():
    srcroot, project, checks, work = sys.argv[1:5]
    only_bad = "--only-bad-commit" in sys.argv
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    env = dict(os.environ)
    env["PRE_COMMIT_HOME"] = os.path.join(work, "pre-commit-home")
    env["GIT_CONFIG_GLOBAL"] = os.devnull
    env.pop("GIT_DIR", None)
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    for k in [k for k in env if k.startswith("PRE_COMMIT_") and k != "PRE_COMMIT_HOME"]:
        env.pop(k)

    # The hook source: this repository's hook definition and tools/.
    hooks = os.path.join(work, "hook-source")
    os.makedirs(hooks)
    shutil.copy(os.path.join(srcroot, ".pre-commit-hooks.yaml"), hooks)
    shutil.copytree(os.path.join(srcroot, "tools"), os.path.join(hooks, "tools"),
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    git(hooks, env, "init", "-q")
    git(hooks, env, "add", "-A")
    git(hooks, env, "commit", "-q", "-m", "hooks")
    rev = git(hooks, env, "rev-parse", "HEAD").strip()
    print("hook source %s at %s" % (hooks, rev))

    # The user's repository.
    repo = os.path.join(work, "repo")
    ctlib.setup(project, repo)
    with open(os.path.join(repo, ".gitignore"), "w") as f:
        f.write("build/\n")
    with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as f:
        f.write("""repos:
- repo: %s
  rev: %s
  hooks:
  - id: context-tidy
    args: ['--checks=%s', -p, build]
  - id: context-tidy-diff
    args: ['--checks=%s', -p, build]
    stages: [manual]
""" % (hooks, rev, checks, checks))
    git(repo, env, "init", "-q")
    must(["pre-commit", "install"], repo, env)

    marked = sorted({f for f, _, _ in ctlib.markers(repo)})
    bad = [os.path.relpath(p, repo) for p in ctlib.sources(repo)
           if os.path.basename(p) in marked]
    tracked = [os.path.relpath(os.path.join(d, f), repo)
               for d, dirs, files in os.walk(repo)
               for f in files
               if ".git" not in d.split(os.sep) and "build" not in
               os.path.relpath(d, repo).split(os.sep)[:1]]
    good = sorted(p for p in tracked if p not in bad)
    if not bad:
        raise SystemExit("the project has no marked finding: nothing to test")

    def commit(name, expect_ok):
        before = head(repo, env)
        print("== commit %s" % name)
        r = run(["git"] + GIT_ID + ["commit", "-m", name], repo, env)
        moved = head(repo, env) != before
        print("== commit %s: exit %d, %s" % (name, r.returncode,
                                             "committed" if moved else "refused"))
        if (r.returncode == 0) != expect_ok or moved != expect_ok:
            raise SystemExit("commit %s: expected it to be %s" % (
                name, "committed" if expect_ok else "refused"))
        return r.stdout

    if not only_bad:
        git(repo, env, "add", "--", *good)
        commit("good", True)

    git(repo, env, "add", "--", *bad)
    out = commit("bad", False)
    expected = {m for m in ctlib.markers(repo) if m[0] in
                {os.path.basename(b) for b in bad}}
    if ctlib.compare(ctlib.log_findings(out), expected, False):
        raise SystemExit("the refused commit did not show the marked findings")
    if only_bad:
        return 0

    # Changed lines: the findings are committed (without the hook); a change
    # elsewhere in the file passes context-tidy-diff but not context-tidy,
    # and a change on a finding's line is reported by both.
    git(repo, env, "commit", "-q", "--no-verify", "-m", "findings")
    path = os.path.join(repo, bad[0])
    with open(path) as f:
        text = f.read()
    with open(path, "a") as f:
        f.write("// edited far from any finding\n")
    git(repo, env, "add", "--", bad[0])
    print("== %s edited at its end" % bad[0])
    for hook, ok in (("context-tidy-diff", True), ("context-tidy", False)):
        r = run(["pre-commit", "run", "--hook-stage", "manual", hook], repo, env)
        print("== %s: exit %d" % (hook, r.returncode))
        if (r.returncode == 0) != ok:
            raise SystemExit("%s should have %s" % (hook, "passed" if ok else "failed"))

    lines = text.splitlines(True)
    n = next(i for i, l in enumerate(lines) if ctlib.MARK.search(l))
    lines[n] = lines[n].rstrip("\n") + " (edited)\n"
    with open(path, "w") as f:
        f.write("".join(lines))
    git(repo, env, "add", "--", bad[0])
    print("== %s edited on line %d" % (bad[0], n + 1))
    r = run(["pre-commit", "run", "--hook-stage", "manual", "context-tidy-diff"],
            repo, env)
    print("== context-tidy-diff: exit %d" % r.returncode)
    found = ctlib.log_findings(r.stdout)
    want = {m for m in ctlib.markers(repo)
            if m[0] == os.path.basename(path) and m[1] == n + 1}
    if r.returncode == 0 or ctlib.compare(found, want, False):
        raise SystemExit("context-tidy-diff should report the edited line only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
