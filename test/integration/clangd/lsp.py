"""A minimal Language Server Protocol client for the context-clangd tests and
benchmark: JSON-RPC over a server's stdin/stdout (the base protocol's
Content-Length framing), the few requests an editor sends, and the
diagnostics the server publishes, by document and version.

  make_project(root, include_dir, "clangd")  # the project of the tests
  make_project(root, include_dir, "clangd", source="other.cpp")  # another input
  with Server([clangd, ...], root) as s:
      s.open(path, text)                       # textDocument/didOpen
      diags = s.diagnostics(path, version=1)   # its publishDiagnostics
      s.change(path, [edit, ...])              # textDocument/didChange
      s.request("textDocument/codeAction", {...})

Requests the server sends (workspace/configuration, progress tokens,
registrations) are answered with an empty result, as a client that
supports nothing of them would.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time


def uri(path):
    return "file://" + os.path.abspath(path)


class ServerError(Exception):
    pass


class Server:
    def __init__(self, argv, root, stderr=None, env=None, timeout=120):
        self.timeout = timeout
        if os.sep in argv[0]:
            argv = [os.path.abspath(argv[0])] + list(argv[1:])
        if env is None:
            # No user configuration (~/.config/clangd/config.yaml) of whoever
            # runs the tests.
            env = dict(os.environ,
                       XDG_CONFIG_HOME=os.path.join(os.path.abspath(root), ".xdg"))
        self.proc = subprocess.Popen(
            argv, cwd=root, env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr if stderr is not None else subprocess.DEVNULL)
        self.next_id = 1
        self.responses = {}
        self.published = []          # (uri, version, diagnostics, time)
        self.cond = threading.Condition()
        self.closed = False
        self.versions = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.request("initialize", {
            "processId": os.getpid(),
            "rootUri": uri(root),
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"relatedInformation": True,
                                           "versionSupport": True},
                    "codeAction": {"codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix"]}}},
                    "synchronization": {"didSave": True},
                },
                "workspace": {"configuration": False},
            },
            "initializationOptions": {},
        })
        self.notify("initialized", {})

    # -- JSON-RPC ---------------------------------------------------------
    def _send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self):
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    with self.cond:
                        self.closed = True
                        self.cond.notify_all()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            message = json.loads(stream.read(length).decode("utf-8"))
            self._dispatch(message)

    def _dispatch(self, message):
        if "method" in message and "id" in message:
            # A request from the server: answer it with an empty result.
            result = [] if message["method"] == "workspace/configuration" \
                else None
            self._send({"jsonrpc": "2.0", "id": message["id"],
                        "result": result})
            return
        with self.cond:
            if "id" in message:
                self.responses[message["id"]] = message
            elif message.get("method") == "textDocument/publishDiagnostics":
                p = message["params"]
                self.published.append((p["uri"], p.get("version"),
                                       p["diagnostics"], time.monotonic()))
            self.cond.notify_all()

    def _wait(self, predicate, what, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        with self.cond:
            while True:
                value = predicate()
                if value is not None:
                    return value
                if self.closed:
                    raise ServerError("the server exited (status %s) while "
                                      "waiting for %s" % (self.proc.wait(), what))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ServerError("timed out waiting for " + what)
                self.cond.wait(left)

    def request(self, method, params, timeout=None):
        rid = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method,
                    "params": params})
        response = self._wait(lambda: self.responses.pop(rid, None),
                              "the response to " + method, timeout)
        if "error" in response:
            raise ServerError("%s: %s" % (method, response["error"]))
        return response.get("result")

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    # -- documents ----------------------------------------------------------
    def open(self, path, text, language="cpp"):
        self.versions[path] = 1
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": language, "version": 1,
            "text": text}})
        return 1

    def change(self, path, changes, want_diagnostics=None):
        """changes: LSP TextDocumentContentChangeEvents ({"range", "text"}
        or {"text"} for the whole document).  Returns the new version."""
        self.versions[path] += 1
        params = {"textDocument": {"uri": uri(path),
                                   "version": self.versions[path]},
                  "contentChanges": changes}
        if want_diagnostics is not None:
            # clangd's extension: diagnostics for this very version.
            params["wantDiagnostics"] = want_diagnostics
        self.notify("textDocument/didChange", params)
        return self.versions[path]

    def close_document(self, path):
        self.notify("textDocument/didClose",
                    {"textDocument": {"uri": uri(path)}})

    def diagnostics(self, path, version, timeout=None):
        """The first diagnostics published for this version of the file."""
        u = uri(path)

        def find():
            for p_uri, p_version, diags, _ in self.published:
                if p_uri == u and p_version == version:
                    return diags
            return None
        return self._wait(find, "diagnostics of %s version %d" % (
            os.path.basename(path), version), timeout)

    def published_after(self, path, version):
        """Every publication for versions >= version, in order."""
        u = uri(path)
        with self.cond:
            return [(v, d) for p_uri, v, d, _ in self.published
                    if p_uri == u and v is not None and v >= version]

    def shutdown(self):
        if self.proc.poll() is None and not self.closed:
            try:
                self.request("shutdown", None, timeout=300)
                self.notify("exit", None)
            except (ServerError, BrokenPipeError, OSError):
                pass
        try:
            # clangd joins its worker threads before it exits (a build still
            # running finishes first): minutes on a loaded machine.
            status = self.proc.wait(timeout=300)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        return status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()


# -- text edits ---------------------------------------------------------------
def position(text, offset):
    """The LSP position (UTF-16 columns; the tests use ASCII) of an offset."""
    line = text.count("\n", 0, offset)
    col = offset - (text.rfind("\n", 0, offset) + 1)
    return {"line": line, "character": col}


def offset_of(text, pos):
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[:pos["line"]]) + pos["character"]


def apply_edits(text, edits):
    """Applies LSP TextEdits (non-overlapping) to text."""
    spans = sorted(((offset_of(text, e["range"]["start"]),
                     offset_of(text, e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def replace(text, start, end, new):
    """An incremental change replacing text[start:end] by new, and the
    resulting text."""
    change = {"range": {"start": position(text, start),
                        "end": position(text, end)},
              "text": new}
    return change, text[:start] + new + text[end:]


def format_diagnostic(d):
    r = d["range"]
    severity = {1: "error", 2: "warning", 3: "information", 4: "hint"}.get(
        d.get("severity"), "?")
    out = "%d:%d-%d:%d %s [%s] %s" % (
        r["start"]["line"] + 1, r["start"]["character"] + 1,
        r["end"]["line"] + 1, r["end"]["character"] + 1, severity,
        d.get("code", ""), d["message"].replace("\n", " | "))
    for info in d.get("relatedInformation", []):
        ir = info["location"]["range"]
        out += "\n  related %s:%d:%d %s" % (
            os.path.basename(info["location"]["uri"]),
            ir["start"]["line"] + 1, ir["start"]["character"] + 1,
            info["message"].replace("\n", " | "))
    return out


def show(title, version, diags):
    """Prints '== TITLE (version N)' and the diagnostics, by position."""
    print("== %s (version %d)" % (title, version))
    for d in sorted(diags, key=lambda d: (d["range"]["start"]["line"],
                                          d["range"]["start"]["character"],
                                          d.get("code", ""))):
        print(format_diagnostic(d))


# -- quick fixes ----------------------------------------------------------------
def code_actions(server, path, diag):
    """Asks for the code actions of one diagnostic (textDocument/codeAction
    on its range, with it as the context, as an editor does) and prints them
    with their edits."""
    actions = server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri(path)},
        "range": diag["range"],
        "context": {"diagnostics": [diag]}}) or []
    print("== code actions at %d:%d" % (
        diag["range"]["start"]["line"] + 1,
        diag["range"]["start"]["character"] + 1))
    for a in actions:
        print("action: %s (%s)" % (a["title"], a.get("kind")))
        for edit_uri, edits in a.get("edit", {}).get("changes", {}).items():
            for e in edits:
                r = e["range"]
                print("  edit %s %d:%d-%d:%d %s" % (
                    os.path.basename(edit_uri),
                    r["start"]["line"] + 1, r["start"]["character"] + 1,
                    r["end"]["line"] + 1, r["end"]["character"] + 1,
                    json.dumps(e["newText"])))
    return actions


def quick_fix_edits(actions, path):
    """The edits to path of the first quickfix action that has some, or
    None."""
    for a in actions:
        changes = a.get("edit", {}).get("changes", {})
        if a.get("kind") == "quickfix" and uri(path) in changes:
            return changes[uri(path)]
    return None


def apply_quick_fix(text, edits):
    """Applies the edits and prints 'applied: LINE' for every line of the
    new text that the old text does not have (one for a one-line fix, each
    new line of a multi-line one).  Returns the new text."""
    new_text = apply_edits(text, edits)
    old_lines = set(text.split("\n"))
    added = [line for line in new_text.split("\n") if line not in old_lines]
    for line in added:
        print("applied: " + line)
    if not added:
        print("applied: (no new line)")
    return new_text


# -- the project the tests open -------------------------------------------------
CLANGD_CONFIG = """\
Diagnostics:
  ClangTidy:
    Add: [context-*]
    CheckOptions:
      context-nonpositive-timeout.TimeoutFunctions: '::app::retry_for:1'
"""
CLANG_TIDY_CONFIG = """\
Checks: '-*,context-*'
CheckOptions:
  context-nonpositive-timeout.TimeoutFunctions: '::app::retry_for:1'
"""


def argument_parser():
    """The arguments every LSP test script takes: CLANGD WORKDIR INCLUDE
    --config clangd|clang-tidy."""
    ap = argparse.ArgumentParser()
    ap.add_argument("clangd")
    ap.add_argument("workdir")
    ap.add_argument("include")
    ap.add_argument("--config", choices=["clangd", "clang-tidy"],
                    required=True)
    return ap


def make_project(root, include, config, source="calls.cpp"):
    """A fresh project in root: src/SOURCE (a copy of Inputs/SOURCE, of the
    same name; Inputs/calls.cpp unless told), its compile_commands.json
    (-std=c++20 -I include) and the checks enabled in .clangd (config
    "clangd", with a .clang-tidy that enables nothing) or .clang-tidy
    ("clang-tidy").  Returns the path of the copy."""
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "src"))
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(root, "src", os.path.basename(source))
    shutil.copy(os.path.join(here, "Inputs", source), path)
    with open(os.path.join(root, "compile_commands.json"), "w") as f:
        json.dump([{"directory": root, "file": path,
                    "arguments": ["clang++", "-std=c++20", "-I" + os.path.abspath(include),
                                  "-c", path]}], f)
    # clangd merges the .clang-tidy files of the directories above up to the
    # first one that does not inherit; with the checks enabled in .clangd,
    # a .clang-tidy enabling nothing keeps the project's own (the tests run
    # in the build tree, inside this repository) out.
    with open(os.path.join(root, ".clang-tidy"), "w") as f:
        f.write(CLANG_TIDY_CONFIG if config == "clang-tidy" else "Checks: '-*'\n")
    if config == "clangd":
        with open(os.path.join(root, ".clangd"), "w") as f:
            f.write(CLANGD_CONFIG)
    return path


if __name__ == "__main__":
    # lsp.py project ROOT INCLUDE clangd|clang-tidy [SOURCE]: make_project,
    # for the editor tests.
    if len(sys.argv) not in (5, 6) or sys.argv[1] != "project":
        sys.exit("usage: lsp.py project ROOT INCLUDE clangd|clang-tidy "
                 "[SOURCE]")
    print(make_project(os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4],
                       *sys.argv[5:]))
