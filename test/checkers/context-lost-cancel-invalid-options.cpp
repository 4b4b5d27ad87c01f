// Invalid option values: each is reported once, as a clang-tidy-config
// warning naming the value, the option, the check, what was expected and
// what is used instead; the default, or the usable part of a list, is used.
//
// Booleans: IgnoreMain falls back to true (main is not checked), CheckSources
// to false.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-lost-cancel' %s \
// RUN:   -config="{CheckOptions: {context-lost-cancel.IgnoreMain: maybe, context-lost-cancel.CheckSources: '2'}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=BOOL,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// BOOL-DAG: {{^}}warning: invalid value 'maybe' in option 'IgnoreMain' of context-lost-cancel; expected true or false; using true [clang-tidy-config]{{$}}
// BOOL-DAG: {{^}}warning: invalid value '2' in option 'CheckSources' of context-lost-cancel; expected true or false; using false [clang-tidy-config]{{$}}
//
// Name patterns (model options, read as the check's own or global option):
// nothing usable in CancelFactories.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-lost-cancel' %s \
// RUN:   -config="{CheckOptions: {context-lost-cancel.CancelFactories: ';;::;'}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=NONE,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// NONE: {{^}}warning: invalid value ';;::;' in option 'CancelFactories' of context-lost-cancel: '::' has an empty name; expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using no pattern of it [clang-tidy-config]{{$}}
//
// One usable pattern in each list: they are used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-lost-cancel' %s \
// RUN:   -config="{CheckOptions: {CancelFactories: 'mylib::NewOperation;mylib:Start', context-lost-cancel.ReleaseMethods: 'mylib::Operation::Stop;mylib::;bad('}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PAT,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// PAT: {{^}}warning: invalid value 'mylib::NewOperation;mylib:Start' in option 'CancelFactories' of context-lost-cancel: 'mylib:Start' has a single ':' (scopes are separated by '::'); expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using 'mylib::NewOperation' [clang-tidy-config]{{$}}
// PAT: {{^}}warning: invalid value 'mylib::Operation::Stop;mylib::;bad(' in option 'ReleaseMethods' of context-lost-cancel: 'mylib::' has an empty name, 'bad(' is not a valid regular expression (parentheses not balanced); expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using 'mylib::Operation::Stop' [clang-tidy-config]{{$}}
//
// Enumerations: an unknown profile is reported, the known ones are used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-lost-cancel' %s \
// RUN:   -config="{CheckOptions: {Profiles: 'go-ports;gopher;std'}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ENUM,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// ENUM: {{^}}warning: invalid value 'go-ports;gopher;std' in option 'Profiles' of context-lost-cancel: 'gopher' is unknown; expected a semicolon-separated list of: std, asio, grpc, folly, seastar, boost-fiber, tbb, go-ports, azure, scope-guards, test-frameworks, containers, posix, user; using 'go-ports;std' [clang-tidy-config]{{$}}
//
// Valid values, however spelt, are not reported.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-lost-cancel' %s \
// RUN:   -config="{CheckOptions: {context-lost-cancel.IgnoreMain: 'Yes', context-lost-cancel.CheckSources: OFF, CancelFactories: ' ', ReleaseMethods: ';mylib::Operation::Stop;', Profiles: 'go-ports;'}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
#include <golang/context.h>

golang::context::Context background();

void leak() {
  auto [c, cancel] = golang::context::with_cancel(background());
  // ALL: :[[@LINE-1]]:12: warning: the cancel handle 'cancel' returned by 'with_cancel' is never called;
}
// ALL: :[[@LINE-1]]:1: note: the end of the function is reached without calling 'cancel'

namespace mylib {
struct [[clang::annotate("context::cancel_handle")]] Operation {
  void Stop();
};
struct Started {
  int id;
  Operation op;
};
Started NewOperation();
} // namespace mylib

bool cond();

void operation() {
  auto [id, op] = mylib::NewOperation();
  // PAT: :[[@LINE-1]]:13: warning: the cancel handle 'op' returned by 'NewOperation' is not called on all paths;
  if (cond())
    return;
  // PAT: :[[@LINE-1]]:5: note: this return is reached without calling 'op'
  op.Stop();
}

int main() {
  auto [c, cancel] = golang::context::with_cancel(background());
  return 0;
}
