#!/usr/bin/env python3
"""context-clangd through the Language Server Protocol, as an editor drives
it: opens Inputs/calls.cpp (didOpen), prints the diagnostics it publishes,
asks for the quick fix of the fix-it (textDocument/codeAction) and applies
it (didChange), breaks the file and mends it again (didChange), printing
the diagnostics of each version for FileCheck.

  protocol.py CLANGD WORKDIR INCLUDE_DIR --config clangd|clang-tidy

--config says where the checks are enabled: .clangd (Diagnostics:
ClangTidy: Add/CheckOptions) or .clang-tidy (Checks/CheckOptions).
clangd's FastCheckFilter is left at its default (Strict).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402


def main():
    ap = lsp.argument_parser()
    args = ap.parse_args()

    root = os.path.abspath(args.workdir)
    path = lsp.make_project(root, args.include, args.config)
    with open(path) as f:
        text = f.read()

    log = open(os.path.join(root, "clangd.log"), "w")
    with lsp.Server([args.clangd, "--log=verbose", "--background-index=false"], root, stderr=log) as server:
        version = server.open(path, text)
        diags = server.diagnostics(path, version)
        lsp.show("open", version, diags)

        # The quick fix of the fix-it: clangd offers it as a code action for
        # the diagnostic; applying its edit is what the editor does.
        wait = [d for d in diags if d.get("code") == "context-uncancellable-wait"]
        for d in wait:
            actions = lsp.code_actions(server, path, d)
            edits = lsp.quick_fix_edits(actions, path)
            if edits:
                text = lsp.apply_quick_fix(text, edits)
                version = server.change(path, [{"text": text}],
                                        want_diagnostics=True)
                lsp.show("after the quick fix", version, server.diagnostics(path, version))

        # Break the file: delete the line that closes leak() (unbalanced
        # braces), then put it back.
        lines = text.split("\n")
        at = lines.index("  ctx->Done();") + 1
        assert lines[at] == "}"
        start = sum(len(l) + 1 for l in lines[:at])
        change, broken = lsp.replace(text, start, start + 2, "")
        version = server.change(path, [change], want_diagnostics=True)
        lsp.show("closing brace of leak() deleted", version,
             server.diagnostics(path, version))
        change, whole = lsp.replace(broken, start, start, "}\n")
        assert whole == text
        version = server.change(path, [change], want_diagnostics=True)
        lsp.show("closing brace typed again", version,
             server.diagnostics(path, version))

        status = server.shutdown()
    print("== exit status %d" % status)
    return 0


if __name__ == "__main__":
    sys.exit(main())
