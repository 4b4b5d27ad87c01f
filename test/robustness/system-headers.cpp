// Findings inside system headers are not reported: a header found through
// -isystem holds every bug pattern (inline functions, a template the main
// file instantiates, a macro that expands to a bad call inside the header),
// and only the main file's own findings appear.  Without -isystem (-I) the
// same header's findings are reported (with -header-filter), so this test
// fails if the patterns stop being bugs.
// RUN: %clang_tidy --load=%plugin -config={} --checks='-*,context-*' --quiet --header-filter='.*' %s -- -std=c++20 -isystem %S/Inputs/system -isystem %mocks > %t.sys 2>&1
// RUN: FileCheck %s --check-prefix=SYS --input-file=%t.sys --implicit-check-not='warning:' --implicit-check-not='error:'
// RUN: %clang_tidy --load=%plugin -config={} --checks='-*,context-*' --quiet --header-filter='.*' %s -- -std=c++20 -I %S/Inputs/system -isystem %mocks > %t.user 2>&1
// RUN: FileCheck %s --check-prefix=USER --input-file=%t.user --implicit-check-not='error:'
#include <sysctx/bugs.h>

void mainFile(gocxx::context::ContextPtr p, gocxx::Chan<int> &jobs) {
  sysctx::instantiatedFromMain<int>(p, jobs);
  auto r = gocxx::context::WithTimeout(p, std::chrono::milliseconds(0));
}
// SYS: system-headers.cpp:[[@LINE-2]]:43: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// USER-DAG: system-headers.cpp:[[@LINE-3]]:43: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// USER-DAG: bugs.h:11:14: warning: the cancel handle 'cancel' {{.*}} [context-lost-cancel]
// USER-DAG: bugs.h:12:36: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// USER-DAG: bugs.h:13:8: warning: 'Recv' blocks {{.*}} [context-uncancellable-wait]
// USER-DAG: bugs.h:18:14: warning: the cancel handle 'cancel' {{.*}} [context-lost-cancel]
// USER-DAG: bugs.h:19:36: warning: timeout passed to 'WithTimeout' is negative (-1ms); {{.*}} [context-nonpositive-timeout]
// USER-DAG: bugs.h:20:8: warning: 'Recv' blocks {{.*}} [context-uncancellable-wait]
// USER-DAG: bugs.h:24:51: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// The main file's one and the header's seven, nothing else:
// RUN: grep -c 'warning:' %t.user | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}8{{$}}
