// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Code with errors: no crash, no warning on what cannot be evaluated.
#include <gocxx/context.h>

using namespace std::chrono_literals;

void broken(gocxx::context::ContextPtr p) {
  auto a = gocxx::context::WithTimeout(p, undeclaredTimeout);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: error: use of undeclared identifier 'undeclaredTimeout' [clang-diagnostic-error]
  auto b = gocxx::context::WithTimeout(p, std::chrono::milliseconds(undeclaredCount) - 1s);
  // CHECK-MESSAGES: :[[@LINE-1]]:69: error: use of undeclared identifier 'undeclaredCount' [clang-diagnostic-error]
  auto c = gocxx::context::WithDeadline(p, std::chrono::system_clock::now() + undeclaredOffset);
  // CHECK-MESSAGES: :[[@LINE-1]]:79: error: use of undeclared identifier 'undeclaredOffset' [clang-diagnostic-error]
  // Still reported: the call itself is fine.
  auto d = gocxx::context::WithTimeout(p, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
}
