// Dependent and uninstantiated templates: nothing is reported on a template
// that is never instantiated or whose types are unknown, no crash on
// dependent expressions, and an instantiated bug is reported once per
// source location however many instantiations there are.
// RUN: %check_clang_tidy %s context-* %t -- -- -isystem %mocks
#include <gocxx/context.h>
#include <golang/context.h>

using namespace std::chrono_literals;
namespace gc = gocxx::context;

// Never instantiated, everything dependent.
template <typename Ctx, typename Dur> void dependentEverything(Ctx parent, Dur d) {
  auto [ctx, cancel] = Ctx::element_type::WithCancel(parent, d);
  auto t = parent->template WithTimeout<Dur>(Dur::zero());
  parent->Done().Recv();
}

// Never instantiated, types known: the handle and the wait are checked in
// instantiations only, so they are silent; a non-dependent zero timeout is
// zero in every instantiation and is reported in the definition.
template <typename T> void uninstantiatedKnown(gc::ContextPtr parent, gocxx::Chan<T> &ch) {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  auto t = gc::WithTimeout(parent, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
  ch.Recv();
}

// Dependent timeout value and dependent channel, generic lambdas.
template <typename Rep, int N> auto lambdas(gc::ContextPtr parent) {
  auto inner = [parent](auto &ch) { return ch.Recv(); };
  auto timed = [&](auto d) { return gc::WithTimeout(parent, d * N); };
  return [=](auto... ds) { return (timed(ds), ...); };
}

// Variadic, CRTP, a dependent base, a member template of a class template.
template <typename Derived> struct Base {
  void run(gc::ContextPtr p) { static_cast<Derived *>(this)->step(p); }
};
template <typename T> struct Worker : Base<Worker<T>> {
  template <typename... Cs> void step(gc::ContextPtr p, Cs &...chans) {
    (chans.Recv(), ...);
  }
};

// Instantiated twice: each finding once, at its source location.
template <typename T> void instantiated(gc::ContextPtr parent, gocxx::Chan<T> &ch) {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called; {{.*}} [context-lost-cancel]
  // CHECK-MESSAGES: :[[@LINE+6]]:1: note: the end of the function is reached without calling 'cancel'
  auto t = gc::WithTimeout(parent, -1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: timeout passed to 'WithTimeout' is negative (-1ms); {{.*}} [context-nonpositive-timeout]
  ch.Recv();
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'Recv' blocks without observing cancellation of 'parent'; {{.*}} [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-8]]:56: note: context 'parent' declared here
}

void use(gc::ContextPtr p, gocxx::Chan<int> &a, gocxx::Chan<long> &b) {
  instantiated(p, a);
  instantiated(p, b);
  Worker<int>().run(p);
  (void)lambdas<int, 0>;
}
