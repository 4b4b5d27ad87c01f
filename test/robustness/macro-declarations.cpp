// Macros that build whole declarations (functions, classes, a namespace's
// worth of handlers): the checks analyse the expanded code, do not crash
// on locations inside macro expansions, and report a finding of a macro
// body once, at the expansion site.  (Several findings at one location: their
// order differs between LLVM 19 and 22, hence CHECK-MESSAGES-DAG.)
// RUN: %check_clang_tidy %s context-* %t -- -- -isystem %mocks
#include <gocxx/context.h>

using namespace std::chrono_literals;
namespace gc = gocxx::context;

#define DEFINE_HANDLER(name)                                                   \
  void name(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {                  \
    auto [ctx, cancel] = gc::WithCancel(parent).value();                      \
    auto t = gc::WithTimeout(parent, 0ms);                                    \
    jobs.Recv();                                                               \
  }

DEFINE_HANDLER(handleA)
// CHECK-MESSAGES-DAG: :[[@LINE-1]]:1: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called; {{.*}} [context-lost-cancel]
// CHECK-MESSAGES-DAG: :[[@LINE-7]]:16: note: expanded from macro 'DEFINE_HANDLER'
// CHECK-MESSAGES-DAG: :[[@LINE-3]]:1: note: the end of the function is reached without calling 'cancel'
// CHECK-MESSAGES-DAG: :[[@LINE-6]]:3: note: expanded from macro 'DEFINE_HANDLER'
// CHECK-MESSAGES-DAG: :[[@LINE-5]]:1: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// CHECK-MESSAGES-DAG: :[[@LINE-10]]:38: note: expanded from macro 'DEFINE_HANDLER'
// CHECK-MESSAGES-DAG: :[[@LINE-7]]:1: warning: 'Recv' blocks without observing cancellation of 'parent'; {{.*}} [context-uncancellable-wait]
// CHECK-MESSAGES-DAG: :[[@LINE-11]]:10: note: expanded from macro 'DEFINE_HANDLER'
// CHECK-MESSAGES-DAG: :[[@LINE-9]]:1: note: context 'parent' declared here
// CHECK-MESSAGES-DAG: :[[@LINE-16]]:28: note: expanded from macro 'DEFINE_HANDLER'

#define DEFINE_CLASS(Name, Dur)                                                \
  struct Name {                                                                \
    gc::ContextPtr parent;                                                     \
    void start() { auto r = gc::WithTimeout(parent, Dur); }                    \
  };
DEFINE_CLASS(Fast, -5ms)
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: timeout passed to 'WithTimeout' is negative (-5ms); {{.*}} [context-nonpositive-timeout]
// CHECK-MESSAGES: :[[@LINE-4]]:53: note: expanded from macro 'DEFINE_CLASS'
DEFINE_CLASS(Slow, 5s)

// The whole file's worth of declarations from one expansion: nothing in
// the good forms is reported.
#define GOOD_HANDLERS(prefix)                                                  \
  void prefix##One(gc::ContextPtr parent) {                                    \
    auto [ctx, cancel] = gc::WithCancel(parent).value();                      \
    cancel();                                                                  \
  }                                                                            \
  void prefix##Two(gc::ContextPtr parent) { auto r = gc::WithTimeout(parent, 1s); }
GOOD_HANDLERS(good)

// A macro that expands to nothing around a declaration, and an
// object-like macro that is a whole function.
#define EXPORT
#define WHOLE_FUNCTION void whole(gc::ContextPtr p) { auto r = gc::WithTimeout(p, 0s); }
EXPORT WHOLE_FUNCTION
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
// CHECK-MESSAGES: :[[@LINE-3]]:83: note: expanded from macro 'WHOLE_FUNCTION'

