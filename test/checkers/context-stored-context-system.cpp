// RUN: %check_clang_tidy %s context-stored-context %t -- \
// RUN:   -config="{CheckOptions: {context-stored-context.CheckMembers: true}}" -- \
// RUN:   -isystem %mocks -isystem %inputs/stored-context/system
//
// Declarations in system headers are not reported (with CheckMembers on,
// too), nor are instantiations of their templates.  What the user's own
// code declares is, even through a macro of the library.
#include <vendor/runtime.h>

void use() {
  vendor::Singleton<std::stop_source>::get().request_stop();
  vendor::processSource().request_stop();
  vendor::Runtime r;
}

VENDOR_DECLARE_STOP(g_user_stop);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: cancellation source 'g_user_stop' is stored in a global variable and outlives the request that owns it; pass it down as a parameter [context-stored-context]
