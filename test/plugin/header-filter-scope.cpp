// The context-* checks analyse the main file and the headers whose
// diagnostics clang-tidy shows (lib/ast/UserCode.h: ShownFiles): a header the
// header filter lets through is analysed and its finding shown; a header it
// does not is not analysed at all, so clang-tidy has no finding of ours to
// suppress there ("Suppressed N warnings" would say so without --quiet).
//
// The header filter lets the header through (command line, then config):
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel' -config={} --header-filter='.*header-filter-scope\.h' %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.shown 2>&1
// RUN: FileCheck %s --check-prefixes=MAIN,SHOWN --input-file=%t.shown --implicit-check-not=warning: --implicit-check-not=Suppressed
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel' -config="{HeaderFilterRegex: 'Inputs/header-filter'}" %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.config 2>&1
// RUN: FileCheck %s --check-prefixes=MAIN,SHOWN --input-file=%t.config --implicit-check-not=warning: --implicit-check-not=Suppressed
//
// It does not (another header only; or excluded again): nothing of the
// header is analysed, nothing suppressed.
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel' -config={} --header-filter='other\.h' %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.hidden 2>&1
// RUN: FileCheck %s --check-prefixes=MAIN,HIDDEN --input-file=%t.hidden --implicit-check-not=warning: --implicit-check-not=Suppressed
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel' -config={} --header-filter='.*' --exclude-header-filter='header-filter-scope' %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.excluded 2>&1
// RUN: FileCheck %s --check-prefixes=MAIN,HIDDEN --input-file=%t.excluded --implicit-check-not=warning: --implicit-check-not=Suppressed
//
// clang-tidy's default: LLVM 19 shows no header (so the header is not
// analysed); LLVM 22 shows every header outside system headers.
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel' -config={} %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.default 2>&1
// RUN: FileCheck %s --check-prefixes=MAIN,DEFAULT-%llvm_major --input-file=%t.default --implicit-check-not=warning: --implicit-check-not=Suppressed
//
// An upstream check in the same run still sees the hidden header, and
// clang-tidy suppresses its finding there as ever.
// RUN: %clang_tidy --load=%plugin --checks='-*,context-lost-cancel,readability-identifier-length' -config="{CheckOptions: {readability-identifier-length.MinimumVariableNameLength: 2}}" --header-filter='other\.h' %s -- -std=c++20 -isystem %mocks -I %S/Inputs > %t.upstream 2>&1
// RUN: FileCheck %s --check-prefixes=UPSTREAM --input-file=%t.upstream
#include "header-filter-scope.h"

namespace gctx = golang::context;

void inMain(gctx::Context p) {
  auto [ctx, cancel] = gctx::with_cancel(p);
}
// MAIN-DAG: header-filter-scope.cpp:[[@LINE-2]]:14: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called{{.*}}[context-lost-cancel]
// SHOWN-DAG: header-filter-scope.h:4:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called{{.*}}[context-lost-cancel]
// HIDDEN-DAG: 1 warning generated.
// DEFAULT-19-DAG: 1 warning generated.
// DEFAULT-22-DAG: header-filter-scope.h:4:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called{{.*}}[context-lost-cancel]
// UPSTREAM: Suppressed {{[0-9]+}} warnings ({{[0-9]+}} in non-user code)
