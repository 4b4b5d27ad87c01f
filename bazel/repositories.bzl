"""The context-tidy executable as a repository, so that Bazel hashes it as an
input of every action: a new context-tidy reruns the checks, the same one
keeps the cached results.

In WORKSPACE:

    load("@context_tidy//:repositories.bzl", "context_tidy_executable")
    context_tidy_executable(name = "context_tidy_executable")

path: the executable (default: context-tidy on PATH).
"""

def _context_tidy_executable_impl(rctx):
    path = rctx.attr.path
    if not path:
        found = rctx.which("context-tidy")
        if not found:
            fail("context_tidy_executable: no context-tidy on PATH; install " +
                 "it or give path = \"/path/to/context-tidy\"")
        path = str(found)
    if not rctx.path(path).exists:
        fail("context_tidy_executable: %s does not exist" % path)
    rctx.symlink(path, "context-tidy")
    rctx.file("BUILD", "exports_files([\"context-tidy\"])\n")

context_tidy_executable = repository_rule(
    implementation = _context_tidy_executable_impl,
    attrs = {"path": attr.string(doc = "the context-tidy executable")},
    environ = ["PATH"],
    local = True,
)
