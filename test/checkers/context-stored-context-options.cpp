// Options: stored by --dump-config with their defaults; bad values are
// reported as configuration errors and the defaults used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-stored-context' --dump-config %s -- -std=c++20 > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file=%t.dump
// DUMP-DAG: context-stored-context.AllowNeverCancelled: 'true'
// DUMP-DAG: context-stored-context.AllowedNames: ''
// DUMP-DAG: context-stored-context.CheckMembers: 'false'
// DUMP-DAG: context-stored-context.MapTypes: ''
//
// RUN: %clang_tidy --load=%plugin -checks='-*,context-stored-context' %s \
// RUN:   -config="{CheckOptions: {context-stored-context.AllowedNames: 'ok;bad(', context-stored-context.CheckMembers: maybe, context-stored-context.AllowNeverCancelled: off}}" \
// RUN:   -- -std=c++20 > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=BAD --input-file=%t.out
// BAD-DAG: warning: context-stored-context: invalid pattern 'bad(' in option 'AllowedNames': parentheses not balanced [clang-tidy-config]
// BAD-DAG: warning: context-stored-context: invalid value 'maybe' for option 'CheckMembers'; expected true or false; using false [clang-tidy-config]
// BAD-DAG: warning: context-stored-context: invalid value 'off' for option 'AllowNeverCancelled'; expected true or false; using true [clang-tidy-config]
// The defaults are in force: the never-cancelled token is silent, the
// source is reported, the member is not.
// BAD: context-stored-context-options.cpp:[[@LINE+5]]:18: warning: cancellation source 'g_source'
// BAD-NOT: g_token
// BAD-NOT: member
#include <stop_token>
std::stop_token g_token;
std::stop_source g_source;
struct S {
  std::stop_source member;
};
