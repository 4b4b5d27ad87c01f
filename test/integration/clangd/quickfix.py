#!/usr/bin/env python3
"""One check's quick fix in context-clangd, through the Language Server
Protocol, on any input of Inputs/: opens the file (didOpen), prints the
diagnostics it publishes, asks for the code actions of each diagnostic of
the check (textDocument/codeAction) and prints them with their edits,
applies the first quick fix (didChange of the whole text) and prints the
lines it made ("applied: LINE", one per new line) and the diagnostics of
that version, then shuts the server down and prints its exit status, for
FileCheck.

  quickfix.py CLANGD WORKDIR INCLUDE_DIR --config clangd|clang-tidy
              --source NAME --check CODE

--source names the file of Inputs/ (copied into WORKDIR/src under its
name); --check the diagnostic code whose quick fix is applied (a check's
name, e.g. context-uncancellable-wait).  --config says where the checks are
enabled, as for protocol.py.  Exits 1, after the shutdown, when no
diagnostic of the check has a quick fix.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402


def main():
    ap = lsp.argument_parser()
    ap.add_argument("--source", required=True,
                    help="the file of Inputs/ to open")
    ap.add_argument("--check", required=True,
                    help="the code of the diagnostics whose quick fix to apply")
    args = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.isfile(os.path.join(here, "Inputs", args.source)):
        ap.error("no file %s in %s" % (args.source,
                                       os.path.join(here, "Inputs")))

    root = os.path.abspath(args.workdir)
    path = lsp.make_project(root, args.include, args.config, args.source)
    with open(path) as f:
        text = f.read()

    applied = False
    log = open(os.path.join(root, "clangd.log"), "w")
    with lsp.Server([args.clangd, "--log=verbose", "--background-index=false"],
                    root, stderr=log) as server:
        version = server.open(path, text)
        diags = server.diagnostics(path, version)
        lsp.show("open", version, diags)

        # Every diagnostic of the check gets its code actions printed; the
        # first quick fix among them is applied, as the editor's user would.
        edits = None
        for d in [d for d in diags if d.get("code") == args.check]:
            actions = lsp.code_actions(server, path, d)
            if edits is None:
                edits = lsp.quick_fix_edits(actions, path)
        if edits:
            text = lsp.apply_quick_fix(text, edits)
            version = server.change(path, [{"text": text}],
                                    want_diagnostics=True)
            lsp.show("after the quick fix", version,
                     server.diagnostics(path, version))
            applied = True
        else:
            print("== no quick fix for %s" % args.check)

        status = server.shutdown()
    print("== exit status %d" % status)
    if not applied:
        sys.stderr.write("quickfix.py: no diagnostic %s with a quick fix in "
                         "%s\n" % (args.check, args.source))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
