// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
//
// Context values: a context-like object passed as the value argument of a
// Go-style WithValue (argument index from the API model).
#include <azure/core/context.hpp>
#include <bongo/context.h>
#include <gocxx/context.h>
#include <goincpp/context.h>
#include <memory>
#include <stop_token>
#include <string>

void gocxxPort(gocxx::context::ContextPtr parent, gocxx::context::ContextPtr other) {
  // The value parameter is a std::shared_ptr<void>: the conversion is seen
  // through.
  auto child = gocxx::context::WithValue(parent, "peer", other);
  // CHECK-MESSAGES: :[[@LINE-1]]:58: warning: a context is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  auto fine = gocxx::context::WithValue(parent, "user", std::make_shared<std::string>("bob"));
  // The context as the parent, or used to build the key, is not a value.
  auto fine2 = gocxx::context::WithValue(other, "user", nullptr);
}

void bongoPort(bongo::context::context_type parent, std::shared_ptr<std::stop_source> stop) {
  auto child = bongo::context::with_value(parent, nullptr, stop);
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: a cancellation source is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  auto fine = bongo::context::with_value(parent, nullptr, std::make_shared<int>(1));
}

void goincppPort(goincpp::ContextPtr parent) {
  auto [ctx, cancel] = goincpp::withCancel(parent);
  auto child = goincpp::withValue(parent, "cancel", std::make_shared<goincpp::CancelFunc>(cancel));
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: a cancel handle is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  auto child2 = goincpp::withValue(parent, "parent", parent);
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: a context is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
}

// Azure's member form: WithValue(key, value) on the parent.
void azure(Azure::Core::Context parent, Azure::Core::Context other, std::stop_token tok) {
  Azure::Core::Context::Key key;
  auto child = parent.WithValue(key, other);
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: a context is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  auto child2 = parent.WithValue(key, tok);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: a cancellation token is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  auto fine = parent.WithValue(key, 42);
}

// In a template: reported once, at the call.
template <class Ctx> Ctx attach(Ctx parent, Ctx value) {
  return gocxx::context::WithValue(parent, "k", value);
  // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: a context is stored as a value of another context and outlives the request that owns it; pass it down as a parameter [context-stored-context]
}
void useAttach(gocxx::context::ContextPtr a, gocxx::context::ContextPtr b) {
  attach(a, b);
  attach(b, a);
}

// A function merely named WithValue that makes no context is not one.
namespace options {
struct Builder {
  Builder &WithValue(const char *name, std::stop_token tok);
};
int WithValue(int a, int b, std::stop_source c);
} // namespace options
void builder(options::Builder &b, std::stop_token tok, std::stop_source src) {
  b.WithValue("x", tok);
  options::WithValue(1, 2, src);
}
