// Invalid option values: each is reported once, as a clang-tidy-config
// warning naming the value, the option, the check, what was expected and
// what is used instead; the default, or the usable part of a list, is used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: 'soon', context-uncancellable-wait.StrictMode: 'maybe'}}" %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=CHECK,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// CHECK: {{^}}warning: invalid value 'maybe' in option 'StrictMode' of context-uncancellable-wait; expected true or false; using false [clang-tidy-config]{{$}}
// CHECK: {{^}}warning: invalid value 'soon' in option 'MinBlockingSleep' of context-uncancellable-wait; expected a number and a unit (ns, us, ms, s, min, h), such as '1s'; using 1s [clang-tidy-config]{{$}}
//
// Model options: name patterns and profiles.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {BlockingFunctions: 'mylib::wait_all;mylib::(', context-uncancellable-wait.TokenTypes: ':::'}}" %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PAT,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// PAT: {{^}}warning: invalid value ':::' in option 'TokenTypes' of context-uncancellable-wait: ':::' has a single ':' (scopes are separated by '::'); expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using no pattern of it [clang-tidy-config]{{$}}
// PAT: {{^}}warning: invalid value 'mylib::wait_all;mylib::(' in option 'BlockingFunctions' of context-uncancellable-wait: 'mylib::(' is not a valid regular expression (parentheses not balanced); expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using 'mylib::wait_all' [clang-tidy-config]{{$}}
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {Profiles: 'std;asio;boost'}}" %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ENUM,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// ENUM: {{^}}warning: invalid value 'std;asio;boost' in option 'Profiles' of context-uncancellable-wait: 'boost' is unknown; expected a semicolon-separated list of: std, asio, grpc, folly, seastar, boost-fiber, tbb, go-ports, azure, scope-guards, test-frameworks, containers, posix, user; using 'std;asio' [clang-tidy-config]{{$}}
#include <chrono>
#include <stop_token>
#include <thread>

namespace mylib {
void wait_all();
}

void f(std::stop_token st) {
  std::this_thread::sleep_for(std::chrono::milliseconds(999));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  // ALL: :[[@LINE-1]]:21: warning: 'sleep_for' blocks for 1000ms without observing cancellation of 'st'
  // ALL: :[[@LINE-4]]:24: note: cancellation token 'st' declared here
  mylib::wait_all();
  // PAT: :[[@LINE-1]]:10: warning: 'wait_all'
  // PAT: :[[@LINE-7]]:24: note: cancellation token 'st' declared here
}
// Options are written back by --dump-config (the deprecated
// MinBlockingSleep under its new name, MaxStopLatency).
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: '250us'}}" --dump-config %s -- -std=c++20 | FileCheck %s --check-prefix=DUMP
// DUMP-DAG: context-uncancellable-wait.MaxStopLatency: 250us
// DUMP-DAG: context-uncancellable-wait.StrictMode: 'false'
// DUMP-DAG: context-uncancellable-wait.BlockingFunctions: ''
// DUMP-DAG: context-uncancellable-wait.TokenTypes: ''
