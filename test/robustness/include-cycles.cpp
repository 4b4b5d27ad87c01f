// #include cycles.  Without include guards the preprocessor stops at its
// nesting limit with an error: clang-tidy fails (a compiler error), but
// nothing crashes and no context-* check reports anything.  With
// #pragma once / include guards the cycle is harmless: the findings of the
// main file and (with -header-filter) of the headers are reported once.
// RUN: not %clang_tidy --load=%plugin -config={} --checks='-*,context-*' --quiet %s -- -std=c++20 -DUNGUARDED -I %S/Inputs/cycle-unguarded -isystem %mocks > %t.bad 2>&1
// RUN: FileCheck %s --check-prefix=BAD --input-file=%t.bad --implicit-check-not='warning:' --implicit-check-not='Stack dump' --implicit-check-not='PLEASE submit'
// RUN: %clang_tidy --load=%plugin -config={} --checks='-*,context-*' --quiet --header-filter='cycle-guarded' %s -- -std=c++20 -I %S/Inputs/cycle-guarded -isystem %mocks > %t.good 2>&1
// RUN: FileCheck %s --check-prefix=GOOD --input-file=%t.good --implicit-check-not='warning:' --implicit-check-not='error:'
#ifdef UNGUARDED
#include "a.h"
// BAD-DAG: error: #include nested too deeply [clang-diagnostic-error]
#else
#include "a.h"
#include "b.h"
// GOOD-DAG: cycle-guarded{{/|\\}}b.h:8:{{[0-9]+}}: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
#endif
#include <gocxx/context.h>
using namespace std::chrono_literals;
void inMain(gocxx::context::ContextPtr p) {
  auto [ctx, cancel] = gocxx::context::WithCancel(p).value();
  auto r = gocxx::context::WithTimeout(p, 0ms);
}
// BAD-DAG: include-cycles.cpp:[[@LINE-3]]:14: warning: the cancel handle 'cancel' {{.*}} [context-lost-cancel]
// BAD-DAG: include-cycles.cpp:[[@LINE-3]]:43: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// GOOD-DAG: include-cycles.cpp:[[@LINE-5]]:14: warning: the cancel handle 'cancel' {{.*}} [context-lost-cancel]
// GOOD-DAG: include-cycles.cpp:[[@LINE-5]]:43: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
