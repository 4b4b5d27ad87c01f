// Invalid option values: each is reported once, as a clang-tidy-config
// warning naming the value, the option, the check, what was expected and
// what is used instead; the usable part of a list is used.  The check has
// model options only: name patterns (with an argument index) and Profiles.
//
// RUN: %clang_tidy --load=%plugin -checks='-*,context-nonpositive-timeout' %s \
// RUN:   -config="{CheckOptions: {context-nonpositive-timeout.TimeoutFunctions: '::mylib::retry_for:1;::mylib::', DeadlineFunctions: ';;', PollFunctions: ''}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=PAT,ALL --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// PAT: {{^}}warning: invalid value '::mylib::retry_for:1;::mylib::' in option 'TimeoutFunctions' of context-nonpositive-timeout: '::mylib::' has an empty name; expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using '::mylib::retry_for:1' [clang-tidy-config]{{$}}
// PAT: {{^}}warning: invalid value ';;' in option 'DeadlineFunctions' of context-nonpositive-timeout: it holds no pattern; expected a semicolon-separated list of qualified names or regular expressions, each optionally followed by ':<argument index>'; using no pattern of it [clang-tidy-config]{{$}}
//
// RUN: %clang_tidy --load=%plugin -checks='-*,context-nonpositive-timeout' %s \
// RUN:   -config="{CheckOptions: {context-nonpositive-timeout.Profiles: 'Std;go_ports'}}" \
// RUN:   -- -std=c++20 -isystem %mocks 2>&1 \
// RUN:   | FileCheck %s --check-prefixes=ENUM --implicit-check-not=warning: --implicit-check-not=error: --implicit-check-not=note:
// ENUM: {{^}}warning: invalid value 'Std;go_ports' in option 'Profiles' of context-nonpositive-timeout: 'Std', 'go_ports' are unknown; expected a semicolon-separated list of: std, asio, grpc, folly, seastar, boost-fiber, tbb, go-ports, azure, scope-guards, test-frameworks, containers, posix, user; using none [clang-tidy-config]{{$}}
#include <chrono>
#include <gocxx/context.h>

using namespace std::chrono_literals;

namespace mylib {
struct Status {};
Status retry_for(int attempts, std::chrono::milliseconds budget);
} // namespace mylib

void options() {
  mylib::retry_for(3, 0ms);
  // PAT: :[[@LINE-1]]:23: warning: timeout passed to 'retry_for' is zero; it expires immediately [context-nonpositive-timeout]
}

// No profile is on in the ENUM run: the Go-style factories are not known.
void profiles(gocxx::context::ContextPtr p) {
  auto c = gocxx::context::WithTimeout(p, 0ms);
  // ALL: :[[@LINE-1]]:43: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
}
