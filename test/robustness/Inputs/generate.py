#!/usr/bin/env python3
"""Generates C++ sources full of the patterns the context-* checks analyse,
on the gocxx mock (test/Inputs/mocks/gocxx/context.h).

  generate.py functions N    N functions with one lost cancel handle, one
                             zero timeout and one uncancellable wait each
                             (3 findings each), and N correct functions.
  generate.py statements N   one function of about N statements: cancel
                             handles (all called), waits inside a select-like
                             loop on Done(), timeouts with positive values
                             and branches (no finding; analysed all the same).

Used by test/robustness/huge-generated.test and tools/benchmark.
"""
import sys


HEADER = """#include <gocxx/context.h>
using namespace std::chrono_literals;
namespace gc = gocxx::context;
bool cond(int);
void use(int);
"""


def functions(n):
    out = [HEADER]
    for i in range(n):
        out.append(
            "void bad%d(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {\n"
            "  auto [ctx, cancel] = gc::WithCancel(parent).value();\n"
            "  auto t = gc::WithTimeout(parent, 0ms);\n"
            "  use(jobs.Recv());\n"
            "}\n"
            "void good%d(gc::ContextPtr parent) {\n"
            "  auto [ctx, cancel] = gc::WithTimeout(parent, %dms).value();\n"
            "  if (cond(%d))\n"
            "    return cancel();\n"
            "  cancel();\n"
            "}\n" % (i, i, i + 1, i))
    return "".join(out)


def statements(n):
    # Each block below is about 10 statements; every handle is called on every
    # path, every timeout is positive, the waits are on a context-less
    # channel (reached through a helper without a context parameter's
    # scope), so the checks analyse everything and report nothing.
    out = [HEADER,
           "void big(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {\n"]
    blocks = max(1, n // 10)
    for i in range(blocks):
        out.append(
            "  {\n"
            "    auto [c%d, cancel%d] = gc::WithTimeout(parent, %dms).value();\n"
            "    if (cond(%d)) {\n"
            "      cancel%d();\n"
            "      return;\n"
            "    }\n"
            "    use(%d);\n"
            "    if (cond(-%d)) {\n"
            "      use(-%d);\n"
            "    }\n"
            "    cancel%d();\n"
            "  }\n" % (i, i, i % 1000 + 1, i, i, i, i, i, i))
    out.append("}\n")
    return "".join(out)


if __name__ == "__main__":
    kind, n = sys.argv[1], int(sys.argv[2])
    sys.stdout.write({"functions": functions, "statements": statements}[kind](n))
