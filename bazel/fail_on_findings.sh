#!/bin/sh
# The verdict of the context-tidy aspect (context_tidy.bzl) under
# --@context_tidy//:fail_on_findings, for one target:
#
#   fail_on_findings.sh STAMP FINDINGS...
#
# prints every non-empty findings file and exits 1 when there is one; else
# writes the empty file STAMP.  The checks themselves ran in the actions
# that wrote the findings files, whose results do not depend on this
# setting (so turning it on or off reruns nothing but this).
stamp=$1
shift
status=0
for f in "$@"; do
  if [ -s "$f" ]; then
    cat "$f" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && : >"$stamp"
exit "$status"
