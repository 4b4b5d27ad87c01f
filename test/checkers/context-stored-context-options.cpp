// Options: stored by --dump-config with their defaults; bad values are
// reported as configuration errors and the defaults used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-stored-context' --dump-config %s -- -std=c++20 > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file=%t.dump
// DUMP-DAG: context-stored-context.AllowNeverCancelled: 'true'
// DUMP-DAG: context-stored-context.AllowedNames: ''
// DUMP-DAG: context-stored-context.CheckMembers: 'false'
// DUMP-DAG: context-stored-context.MapTypes: ''
//
// Invalid values: each is reported once, as a clang-tidy-config warning
// naming the value, the option, the check, what was expected and what is
// used instead (the default, or the usable part of a list).
// RUN: %clang_tidy --load=%plugin -checks='-*,context-stored-context' %s \
// RUN:   -config="{CheckOptions: {context-stored-context.AllowedNames: 'ok;bad(', context-stored-context.CheckMembers: maybe, context-stored-context.AllowNeverCancelled: nope}}" \
// RUN:   -- -std=c++20 > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=BAD --input-file=%t.out --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// BAD-DAG: {{^}}warning: invalid value 'maybe' in option 'CheckMembers' of context-stored-context; expected true or false; using false [clang-tidy-config]{{$}}
// BAD-DAG: {{^}}warning: invalid value 'ok;bad(' in option 'AllowedNames' of context-stored-context: 'bad(' is not a valid regular expression (parentheses not balanced); expected a semicolon-separated list of qualified names or regular expressions; using 'ok' [clang-tidy-config]{{$}}
// BAD-DAG: {{^}}warning: invalid value 'nope' in option 'AllowNeverCancelled' of context-stored-context; expected true or false; using true [clang-tidy-config]{{$}}
// The defaults are in force: the never-cancelled token is silent, the
// source is reported, the member is not.
// BAD: context-stored-context-options.cpp:[[@LINE+12]]:18: warning: cancellation source 'g_source'
//
// A model option with no usable pattern, and an unknown profile.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-stored-context' %s \
// RUN:   -config="{CheckOptions: {context-stored-context.MapTypes: '::', Profiles: 'std;stdlib'}}" \
// RUN:   -- -std=c++20 > %t.model 2>&1
// RUN: FileCheck %s --check-prefix=MODEL --input-file=%t.model --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// MODEL-DAG: {{^}}warning: invalid value 'std;stdlib' in option 'Profiles' of context-stored-context: 'stdlib' is unknown; expected a semicolon-separated list of: std, asio, grpc, folly, seastar, boost-fiber, tbb, go-ports, azure, scope-guards, test-frameworks, containers, posix, user; using 'std' [clang-tidy-config]{{$}}
// MODEL-DAG: {{^}}warning: invalid value '::' in option 'MapTypes' of context-stored-context: '::' has an empty name; expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using no pattern of it [clang-tidy-config]{{$}}
// MODEL: context-stored-context-options.cpp:[[@LINE+3]]:18: warning: cancellation source 'g_source'
#include <stop_token>
std::stop_token g_token;
std::stop_source g_source;
struct S {
  std::stop_source member;
};
