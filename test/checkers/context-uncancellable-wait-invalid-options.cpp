// Invalid option values are reported once, and the defaults are used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: 'soon', context-uncancellable-wait.StrictMode: 'maybe'}}" %s -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not='warning:'
// CHECK: warning: invalid duration 'soon' in option 'MinBlockingSleep' of context-uncancellable-wait; expected a number and a unit (ns, us, ms, s, min, h), such as '1s'; using 1s [clang-tidy-config]
// CHECK: warning: invalid value 'maybe' in option 'StrictMode' of context-uncancellable-wait; expected 'true' or 'false'; using false [clang-tidy-config]
// CHECK: :[[@LINE+7]]:21: warning: 'sleep_for' blocks for 1000ms without observing cancellation of 'st'
#include <chrono>
#include <stop_token>
#include <thread>

void f(std::stop_token st) {
  std::this_thread::sleep_for(std::chrono::milliseconds(999));
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
}
// Options are written back by --dump-config (the deprecated
// MinBlockingSleep under its new name, MaxStopLatency).
// RUN: %clang_tidy --load=%plugin -checks='-*,context-uncancellable-wait' -config="{CheckOptions: {context-uncancellable-wait.MinBlockingSleep: '250us'}}" --dump-config %s -- -std=c++20 | FileCheck %s --check-prefix=DUMP
// DUMP-DAG: context-uncancellable-wait.MaxStopLatency: 250us
// DUMP-DAG: context-uncancellable-wait.StrictMode: 'false'
// DUMP-DAG: context-uncancellable-wait.BlockingFunctions: ''
// DUMP-DAG: context-uncancellable-wait.TokenTypes: ''
