// RUN: %check_clang_tidy %s context-stored-context %t -- -- -isystem %mocks
// RUN: %check_clang_tidy -check-suffix=MEMBERS %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.CheckMembers: true}}" -- -isystem %mocks
//
// Templates: each finding is reported once, at the declaration that names
// the context type.  When the template's own declaration names it, that is
// the declaration in the template (once for all instantiations); when it
// comes from a template argument, it is the place where the instantiation
// with the context type was requested (the template-id the user wrote),
// with a note at the declaration in the template.  That holds for static
// storage (static data members, static locals, variable templates), which
// is static for every argument; a generic class's members and a generic
// function's automatic variables are not reported when the context type
// comes from the argument.
#include <gocxx/context.h>
#include <map>
#include <stop_token>
#include <utility>

using gocxx::context::ContextPtr;

// The template names the context type: reported in the template, once.
template <class T> struct Named {
  static std::pair<T, ContextPtr> slot;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: a context is stored in static data member 'slot' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES: :[[@LINE-2]]:23: note: the context type is nested here
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-3]]:35: warning: a context is stored in static data member 'slot' and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-4]]:23: note: the context type is nested here
};
template <class T> std::pair<T, ContextPtr> Named<T>::slot;
void useNamed() {
  Named<int>::slot.first = 1;
  Named<long>::slot.first = 2;
  Named<std::stop_token>::slot.first = {};
}

// The context type is a template argument: reported where it is given.
template <class T> struct Registry {
  static T instance;
};
template <class T> T Registry<T>::instance;
void useRegistry() {
  Registry<std::stop_source>::instance.request_stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: cancellation source 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'instance' is declared here with type 'std::stop_source' in this instantiation
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-3]]:3: warning: cancellation source 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-8]]:12: note: 'instance' is declared here with type 'std::stop_source' in this instantiation
  Registry<std::stop_source>::instance.request_stop(); // same instantiation
  Registry<int>::instance = 3;
}
// An explicit instantiation is where it is requested.
template struct Registry<ContextPtr>;
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: context 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES: :[[@LINE-15]]:12: note: 'instance' is declared here with type {{.*}} in this instantiation
// CHECK-MESSAGES-MEMBERS: :[[@LINE-3]]:17: warning: context 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
// CHECK-MESSAGES-MEMBERS: :[[@LINE-17]]:12: note: 'instance' is declared here with type {{.*}} in this instantiation

// A function template's local static.
template <class T> T &perType() {
  static T value;
  return value;
}
void usePerType() {
  perType<std::stop_source>().request_stop();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: cancellation source 'value' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES: :[[@LINE-6]]:12: note: 'value' is declared here with type 'std::stop_source' in this instantiation
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-3]]:3: warning: cancellation source 'value' is stored in a static local variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-8]]:12: note: 'value' is declared here with type 'std::stop_source' in this instantiation
  perType<int>() = 1;
  perType<std::stop_token>(); // never cancelled: a default-constructed token
}

// A variable template.
template <class T> T current{};
void useCurrent(ContextPtr ctx) {
  current<ContextPtr> = ctx;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: context 'current' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'current' is declared here with type {{.*}} in this instantiation
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-3]]:3: warning: context 'current' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-6]]:22: note: 'current' is declared here with type {{.*}} in this instantiation
  current<int> = 4;
}

// Members whose context type is a template argument belong to a generic
// class: Result<ContextPtr> or Cache<ContextPtr> does not decide to store a
// context, its user does.  Not reported, as a map or as a member.
template <class V> struct Cache {
  std::map<int, V> entries;
  V last;
};
Cache<ContextPtr> contextCache;
template <class T> struct Result {
  T value;
  bool ok;
};
Result<ContextPtr> makeContext();
Result<ContextPtr> g_result;

// A member the template itself names: reported once, in the template.
template <class T> struct Job {
  T payload;
  std::map<int, std::stop_source> stops;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: map 'stops' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-2]]:35: warning: map 'stops' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
  ContextPtr ctx;
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-1]]:14: warning: context 'ctx' is stored in a data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
};
Job<int> intJob;
Job<long> longJob;

// An explicit specialization is ordinary code.
template <> struct Registry<char> {
  static std::stop_source instance;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: cancellation source 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
  // CHECK-MESSAGES-MEMBERS: :[[@LINE-2]]:27: warning: cancellation source 'instance' is stored in a static data member and outlives the request that owns it; pass it down as a parameter [context-stored-context]
};

// A template never instantiated with a context type says nothing.
template <class T> struct Box {
  static T boxed;
  T held;
};
Box<int> intBox;
