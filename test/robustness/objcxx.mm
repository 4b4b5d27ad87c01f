// Objective-C++: the checks run on the C++ parts of an Objective-C++ file
// as on C++, and do not crash on Objective-C methods, blocks and
// @autoreleasepool.  Objective-C method bodies are not functions the
// flow-based checks (context-lost-cancel, context-uncancellable-wait)
// analyse: they stay silent there (a missed finding, not a false one);
// context-nonpositive-timeout looks at each call and reports there too.
// RUN: %check_clang_tidy %s context-* %t -- -- -x objective-c++ -fblocks -isystem %mocks
#include <gocxx/context.h>

using namespace std::chrono_literals;
namespace gc = gocxx::context;

@interface Fetcher
- (void)fetch:(gc::ContextPtr)parent jobs:(gocxx::Chan<int> &)jobs;
@end

@implementation Fetcher
- (void)fetch:(gc::ContextPtr)parent jobs:(gocxx::Chan<int> &)jobs {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  auto t = gc::WithTimeout(parent, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
  jobs.Recv();
  void (^block)(void) = ^{
    auto r = gc::WithTimeout(parent, -2ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: timeout passed to 'WithTimeout' is negative (-2ms); {{.*}} [context-nonpositive-timeout]
    jobs.Recv();
  };
  block();
}
@end

void cxxFunction(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {
  @autoreleasepool {
    auto [ctx, cancel] = gc::WithCancel(parent).value();
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called; {{.*}} [context-lost-cancel]
    // CHECK-MESSAGES: :[[@LINE+7]]:1: note: the end of the function is reached without calling 'cancel'
    auto t = gc::WithTimeout(parent, 0ms);
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
    jobs.Recv();
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Recv' blocks without observing cancellation of 'parent'; {{.*}} [context-uncancellable-wait]
    // CHECK-MESSAGES: :[[@LINE-9]]:33: note: context 'parent' declared here
  }
}
