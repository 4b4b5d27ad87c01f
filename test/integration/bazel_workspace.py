#!/usr/bin/env python3
"""The Bazel workspace of bazel-aspect.test (test/Inputs/integration/bazel),
built with Debian's bazel-bootstrap and the context-tidy aspect (bazel/).

  bazel_workspace.py setup SRCROOT DEST CONTEXT_TIDY
      copy the workspace to DEST/ws, with a WORKSPACE that points at the
      offline stand-ins of rules_cc, rules_java and remote_coverage_tools,
      at SRCROOT/bazel and at the executable CONTEXT_TIDY
  bazel_workspace.py build DEST OUTPUT_BASE NAME [--expect-exit N] [ARG...]
      bazel build //... with the aspect and its output group, the output
      base DEST/root/OUTPUT_BASE and the disk cache DEST/disk-cache; the
      log goes to DEST/NAME.log.  Prints the exit status and which
      context-tidy actions ran and which came from the disk cache, from
      Bazel's execution log (an action found in the output base's own
      action cache runs no process and is in neither list)
  bazel_workspace.py findings DEST
      print the findings files of the last build, each under its path
  bazel_workspace.py shutdown DEST
      stop the Bazel servers of DEST's output bases

The servers stop by themselves after 60 s without a command
(--max_idle_secs), should a test stop before its shutdown line.
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
INPUTS = os.path.join(os.path.dirname(HERE), "Inputs", "integration", "bazel")


def bazel(dest, output_base, *args):
    # Debian's /etc/bazel/bazelrc is read (it has the install base and the
    # host JDK), the user's ~/.bazelrc is not.
    return ["bazel", "--nohome_rc",
            "--output_user_root=" + os.path.join(dest, "root"),
            "--output_base=" + os.path.join(dest, "root", output_base),
            "--max_idle_secs=60"] + list(args)


def output_bases(dest):
    root = os.path.join(dest, "root")
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root)
                  if d.startswith("ob") and os.path.isdir(os.path.join(root, d)))


def shutdown(dest):
    for base in output_bases(dest):
        subprocess.run(bazel(dest, base, "shutdown"), cwd=os.path.join(dest, "ws"),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def setup(srcroot, dest, context_tidy):
    if os.path.isdir(dest):
        shutdown(dest)
        # Bazel makes its output base read-only in places.
        subprocess.run(["chmod", "-R", "u+w", dest])
        shutil.rmtree(dest)
    ws = os.path.join(dest, "ws")
    shutil.copytree(os.path.join(INPUTS, "workspace"), ws)
    header = os.path.join(ws, "goctx", "include", "goctx", "context.h")
    os.makedirs(os.path.dirname(header))
    shutil.copy(os.path.join(srcroot, "examples", "include", "goctx", "context.h"),
                header)
    offline = os.path.join(INPUTS, "offline")
    with open(os.path.join(ws, "WORKSPACE"), "w") as f:
        for name in ("rules_cc", "rules_java", "remote_coverage_tools"):
            f.write('local_repository(name = "%s", path = "%s")\n'
                    % (name, os.path.join(offline, name)))
        f.write('local_repository(name = "context_tidy", path = "%s")\n'
                % os.path.join(srcroot, "bazel"))
        f.write('load("@context_tidy//:repositories.bzl", '
                '"context_tidy_executable")\n')
        f.write('context_tidy_executable(name = "context_tidy_executable", '
                'path = "%s")\n' % os.path.abspath(context_tidy))


def spawns(path):
    """The spawns of Bazel's JSON execution log (concatenated objects)."""
    with open(path) as f:
        text = f.read()
    decoder = json.JSONDecoder()
    at, found = 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return found
        spawn, at = decoder.raw_decode(text, at)
        found.append(spawn)


def build(dest, output_base, name, args):
    expect = 0
    if args[:1] == ["--expect-exit"]:
        expect, args = int(args[1]), args[2:]
    log = os.path.join(dest, name + ".log")
    exec_log = os.path.join(dest, name + ".exec.json")
    cmd = bazel(dest, output_base, "build", "//...",
                "--aspects=@context_tidy//:context_tidy.bzl%context_tidy",
                "--output_groups=context_tidy",
                "--@context_tidy//:config=//:.clang-tidy",
                "--disk_cache=" + os.path.join(dest, "disk-cache"),
                "--execution_log_json_file=" + exec_log,
                # Debian's bazelrc turns it on: it keeps every sandbox.
                "--nosandbox_debug") + args
    with open(log, "w") as out:
        r = subprocess.run(cmd, cwd=os.path.join(dest, "ws"), stdout=out,
                           stderr=subprocess.STDOUT)
    print("bazel exit status %d" % r.returncode)
    if r.returncode != expect:
        with open(log) as f:
            sys.stdout.write(f.read()[-6000:])
        print("expected exit status %d: %s" % (expect, " ".join(cmd)))
        return 1
    ran, cached = [], []
    for spawn in spawns(exec_log) if os.path.exists(exec_log) else []:
        if spawn.get("mnemonic") != "ContextTidy":
            continue
        source = spawn.get("progressMessage", "").replace("context-tidy ", "", 1)
        (cached if spawn.get("remoteCacheHit") else ran).append(source)
    for source in sorted(ran):
        print("ran: " + source)
    for source in sorted(cached):
        print("from the disk cache: " + source)
    print("context-tidy actions: %d ran, %d from the disk cache"
          % (len(ran), len(cached)))
    return 0


def findings(dest):
    root = os.path.join(dest, "ws", "bazel-bin")
    paths = []
    for d, dirs, files in os.walk(root, followlinks=True):
        dirs.sort()
        if d.endswith(".context-tidy"):
            paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(".txt")]
    for path in sorted(paths):
        print("== " + os.path.relpath(path, root))
        with open(path) as f:
            sys.stdout.write(f.read())
    return 0


def main(argv):
    cmd = argv[0]
    if cmd == "setup":
        setup(*argv[1:4])
        return 0
    if cmd == "build":
        return build(argv[1], argv[2], argv[3], argv[4:])
    if cmd == "findings":
        return findings(argv[1])
    if cmd == "shutdown":
        shutdown(argv[1])
        return 0
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
