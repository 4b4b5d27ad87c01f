// Invalid option values of context-detached-context: each boolean is
// reported once, as a clang-tidy-config warning, and its default is used.
// RUN: %clang_tidy --load=%plugin -checks='-*,context-detached-context' %s \
// RUN:   -config="{CheckOptions: {context-detached-context.IgnoreMain: maybe, context-detached-context.IgnoreTests: '2', context-detached-context.IgnoreCleanup: sometimes}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// CHECK-DAG: {{^}}warning: invalid value 'maybe' in option 'IgnoreMain' of context-detached-context; expected true or false; using true [clang-tidy-config]{{$}}
// CHECK-DAG: {{^}}warning: invalid value '2' in option 'IgnoreTests' of context-detached-context; expected true or false; using true [clang-tidy-config]{{$}}
// CHECK-DAG: {{^}}warning: invalid value 'sometimes' in option 'IgnoreCleanup' of context-detached-context; expected true or false; using true [clang-tidy-config]{{$}}

int main() { return 0; }
