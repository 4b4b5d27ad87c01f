#!/usr/bin/env python3
"""A scripted editing session of the example project in context-clangd,
through the Language Server Protocol: for each file of examples/src, the
edits a person makes while typing, each sent as an incremental didChange
that asks for diagnostics (clangd's wantDiagnostics), then a burst of
keystrokes sent as fast as they come with no such request (clangd debounces
and cancels: only the last version must get diagnostics).

  editing_session.py CLANGD WORKDIR EXAMPLES_DIR

The rules, checked on every publishDiagnostics of every version:

- broken code: clangd publishes a compile error (severity Error, source
  not clang-tidy).  Then no context-* diagnostic may be published with it;
- once the text is the original again, the context-* diagnostics are
  exactly the `// finding: <check>` markers of the file (line and check),
  as when the session started;
- the server never exits or crashes during the session, and exits with
  status 0 on shutdown/exit.

Prints a line per file and one at the end, or the violations.
"""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

MARK = re.compile(r"//.*?\bfinding: (context-[a-z-]+)")
CRASH = re.compile(r"Signalled while|Stack dump|PLEASE submit a bug report|"
                   r"Assertion .* failed|AddressSanitizer")


def markers(text):
    return sorted((n, c) for n, line in enumerate(text.split("\n"), 1)
                  for c in MARK.findall(line))


def context_findings(diags):
    return sorted((d["range"]["start"]["line"] + 1, d["code"]) for d in diags
                  if str(d.get("code", "")).startswith("context-"))


def compile_errors(diags):
    return [d for d in diags
            if d.get("severity") == 1 and d.get("source") != "clang-tidy"]


def tokens(line):
    """A line as typed: word by word and punctuation run by punctuation run,
    so most of the intermediate states do not compile."""
    code, slashes, comment = line.partition("//")
    chunks = re.findall(r"\s*(?:\w+|[^\w\s]+)", code)
    chunks.append(code[len("".join(chunks)):])  # trailing blanks, if any
    chunks.append(slashes + comment)  # a comment does not change the code
    assert "".join(chunks) == line
    return [c for c in chunks if c]


class Session:
    def __init__(self, server, path, text):
        self.server = server
        self.path = path
        self.text = text
        self.version = server.open(path, text)
        self.versions = [self.version]

    def edit(self, start, end, new, want=True):
        change, self.text = lsp.replace(self.text, start, end, new)
        self.version = self.server.change(self.path, [change],
                                          want_diagnostics=True if want else None)
        if want:
            self.versions.append(self.version)
            self.server.diagnostics(self.path, self.version)

    def line_span(self, index):
        lines = self.text.split("\n")
        start = sum(len(l) + 1 for l in lines[:index])
        return start, start + len(lines[index]) + 1

    def delete_line(self, index):
        start, end = self.line_span(index)
        deleted = self.text[start:end]
        self.edit(start, end, "")
        return start, deleted

    def retype(self, at, line, want=True):
        """Types line (with its newline) at offset at, chunk by chunk."""
        for chunk in tokens(line.rstrip("\n")) + ["\n"]:
            self.edit(at, at, chunk, want)
            at += len(chunk)


def first_index(lines, pred, start=0):
    for i in range(start, len(lines)):
        if pred(lines[i]):
            return i
    raise AssertionError("no such line")


def run_file(server, path, original):
    s = Session(server, path, original)
    lines = original.split("\n")
    steps = []
    # The lines edited: those of the first and last findings, or for a file
    # without any, the first statement (a line ending in ';' indented by a
    # function body) and the last one.
    found = [n - 1 for n, _ in markers(original)]
    if not found:
        found = [i for i, l in enumerate(lines)
                 if l.startswith("    ") and l.rstrip().endswith(";")]
    m, last = found[0], found[-1]
    # 1. A closing brace of a function deleted, then typed again.
    i = first_index(lines, lambda l: l.strip() == "}", m)
    at, deleted = s.delete_line(i)
    steps.append("closing brace deleted (line %d)" % (i + 1))
    s.retype(at, deleted)
    # 2. The first line with a finding deleted and typed again, word by word.
    at, deleted = s.delete_line(m)
    steps.append("line %d deleted and retyped" % (m + 1))
    s.retype(at, deleted)
    # 3. A missing include: the first #include line deleted, then restored.
    inc = first_index(lines, lambda l: l.startswith("#include"))
    at, deleted = s.delete_line(inc)
    steps.append("%s deleted" % deleted.strip())
    s.edit(at, at, deleted)
    # 4. An unbalanced opening brace: "if (true) {" typed before the line of
    #    the first finding, then deleted.
    start, _ = s.line_span(m)
    s.retype(start, "    if (true) {\n")
    opened = "    if (true) {\n"
    s.edit(start, start + len(opened), "")
    steps.append("unbalanced '{' typed before line %d, then deleted" % (m + 1))
    # 5. A burst of keystrokes without waiting: the line of the last finding
    #    deleted and retyped character by character; only the last version
    #    asks for diagnostics.
    at, deleted = s.delete_line(last)
    for ch in deleted[:-1]:
        s.edit(at, at, ch, want=False)
        at += 1
    s.edit(at, at, "\n")
    steps.append("line %d retyped as a burst of %d keystrokes" % (
        last + 1, len(deleted)))
    assert s.text == original, "the session did not restore the file"
    # Diagnostics of the final version, after the server has finished with
    # it (a request on the file is answered after the pending update).
    server.request("textDocument/documentSymbol",
                   {"textDocument": {"uri": lsp.uri(path)}})
    return s, steps


def main():
    clangd, workdir, examples = sys.argv[1:4]
    root = os.path.abspath(workdir)
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(examples, "src"), os.path.join(root, "src"))
    shutil.copytree(os.path.join(examples, "include"),
                    os.path.join(root, "include"))
    files = sorted(os.path.join(root, "src", f)
                   for f in os.listdir(os.path.join(root, "src"))
                   if f.endswith(".cpp"))
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump([{"directory": root, "file": p,
                    "arguments": ["clang++", "-std=c++20",
                                  "-I" + os.path.join(root, "include"), "-c", p]}
                   for p in files], f)
    with open(os.path.join(root, ".clang-tidy"), "w") as f:
        f.write("Checks: '-*,context-*'\n")
    os.makedirs(os.path.join(root, "xdg"))
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(root, "xdg"))
    log_path = os.path.join(root, "clangd.log")
    errors = []
    totals = [0, 0, 0]
    with open(log_path, "w") as log, \
            lsp.Server([clangd, "--log=info", "--background-index=false"], root, stderr=log, env=env) as server:
        for path in files:
            with open(path) as f:
                original = f.read()
            name = os.path.basename(path)
            expected = markers(original)
            try:
                session, steps = run_file(server, path, original)
            except (lsp.ServerError, AssertionError) as e:
                errors.append("%s: %s" % (name, e))
                break
            pubs = server.published_after(path, 1)
            broken = whole = 0
            for version, diags in pubs:
                if compile_errors(diags):
                    broken += 1
                    found = context_findings(diags)
                    if found:
                        errors.append("%s version %d: compile errors and %s" % (
                            name, version, found))
                else:
                    whole += 1
            first = [d for v, d in pubs if v == 1][0]
            final = [d for v, d in pubs if v == session.version][-1]
            for label, diags in (("opened", first), ("restored", final)):
                if compile_errors(diags):
                    errors.append("%s %s: compile errors %s" % (
                        name, label, [d["message"] for d in compile_errors(diags)]))
                if context_findings(diags) != expected:
                    errors.append("%s %s: findings %s, markers %s" % (
                        name, label, context_findings(diags), expected))
            print("%s: %d versions, %d publications: %d with compile errors "
                  "(no context-* finding), %d without; %d findings when "
                  "opened and when restored" % (
                      name, session.version, len(pubs), broken, whole,
                      len(expected)))
            for step in steps:
                print("  " + step)
            totals[0] += session.version
            totals[1] += broken
            totals[2] += whole
            server.close_document(path)
        status = server.shutdown()
    with open(log_path) as log:
        for line in log:
            if CRASH.search(line):
                errors.append("clangd log: " + line.strip())
    if status != 0:
        errors.append("clangd exited with status %d" % status)
    for e in errors:
        print("error: " + e)
    print("%d files, %d versions, %d publications with compile errors, %d "
          "without; %s" % (len(files), totals[0], totals[1], totals[2],
                            "no violation" if not errors else
                            "%d violations" % len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
