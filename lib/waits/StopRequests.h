//===- StopRequests.h - What a call or a stop callback does on stop -*- C++ -*-===//
//
// Two questions about code on the stop path, both answered from the API
// model and the bodies the translation unit shows, never from names:
//  - does a call request cancellation?  A Role::ReleaseMethod call
//    (request_stop, requestCancellation, emit, ...), or a call to a
//    function whose visible body makes one: a thread wrapper's
//    `void request_stop() { impl_.request_stop(); }`;
//  - can the analysis follow what a stop callback's callable does?  Not
//    when it requests cancellation itself (another token's threads then
//    stop, and whoever waits for them is woken by their exit), calls a
//    function whose body is not visible, calls through a pointer, a
//    virtual method or a type-erased functor (std::function), or is
//    something other than a lambda or a function.  Wakes (Role::WakeMethod),
//    library calls and visible bodies that do neither are followed.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_STOPREQUESTS_H
#define CONTEXT_TIDY_LIB_WAITS_STOPREQUESTS_H

#include "lib/model/ApiModel.h"

namespace clang {
class CallExpr;
class Expr;
} // namespace clang

namespace context_tidy {

/// Whether \p Call requests cancellation: a Role::ReleaseMethod call, or
/// (up to \p Depth calls deep) a call to a function outside system headers
/// with a visible, non-dependent body that makes one (outside the lambdas
/// it contains).
bool callRequestsStop(const clang::CallExpr *Call, const ApiModel &M,
                      unsigned Depth = 1);

/// Whether \p Callable, the callable handed to a stop callback (a lambda,
/// a function, or an expression naming a local initialised with a lambda),
/// may reach a wait by a route the analysis does not follow (see above).
bool stopCallbackEffectUnknown(const clang::Expr *Callable, const ApiModel &M);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_STOPREQUESTS_H
