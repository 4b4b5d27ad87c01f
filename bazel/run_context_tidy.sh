#!/bin/sh
# One action of the context-tidy aspect (context_tidy.bzl):
#
#   run_context_tidy.sh FINDINGS CONTEXT-TIDY ARG...
#
# runs CONTEXT-TIDY ARG... in the execution root and writes what it reports
# to FINDINGS, empty when there is no finding, with paths relative to the
# execution root (clang-tidy prints them absolute: in a sandbox, the
# sandbox's directory).  Exits 1, printing what the tool reported, when the
# file did not compile or the tool failed; else 0, silent.
findings=$1
shift
raw=$(mktemp) && err=$(mktemp) || exit 1
trap 'rm -f "$raw" "$err"' EXIT
"$@" >"$raw" 2>"$err"
status=$?
root=$(printf '%s/\n' "$PWD" | sed 's/[][\\.*^$|]/\\&/g')
sed "s|$root||g" "$raw" >"$findings" || exit 1
# clang's count of its diagnostics is all the tool prints on stderr when
# it runs well.
grep -v -E '^[0-9]+ (warning|error)s?( and [0-9]+ (warning|error)s?)? generated\.$' "$err" >&2
if [ "$status" -ne 0 ]; then
  cat "$findings" >&2
  echo "context-tidy exited with status $status" >&2
  exit 1
fi
exit 0
