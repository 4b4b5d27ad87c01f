//===- PatternWakeups.h - Lost wakeups on objects of dependent type -*- C++ -*-===//
//
// A function template that waits on an object of a template parameter type
// and wakes it from a stop callback:
//
//   template <class CV, class Lock, class Pred>
//   void wait(CV &cv, Lock &lock, std::stop_token st, Pred pred) {
//     std::stop_callback cb(st, [&] { cv.notify_all(); });
//     cv.wait(lock, [&] { return pred() || st.stop_requested(); });
//   }
//
// The calls on `cv` are dependent, so nothing is resolved in the pattern.
// The model can still tell that they have the shape of a condition
// variable's: a class of the translation unit that a Role::BlockingCall
// entry names for that method ("std::condition_variable::wait") takes a
// lock (a non-const lvalue reference to a class) and one more argument in
// an overload of that name, and has a method of the notify's name that
// takes nothing and is a Role::WakeMethod.  Then the callback, which does
// nothing but notify, holds no mutex: whatever mutex the lock holds, a
// waiter that has just tested its predicate (which reads the callback's
// token) can miss the notification.
//
// Precision first: the callback's body must consist only of such notifies
// (any other statement, a guard among them, makes it unknown), the wait must
// be `obj.method(lock, lambda)` with the lambda reading the token the
// callback is registered on.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_PATTERNWAKEUPS_H
#define CONTEXT_TIDY_LIB_WAITS_PATTERNWAKEUPS_H

#include "lib/model/ApiModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
class ValueDecl;
} // namespace clang

namespace context_tidy {

struct DependentLostWakeup {
  const clang::CallExpr *Notify = nullptr;
  const clang::CallExpr *Wait = nullptr;
  const clang::ValueDecl *Object = nullptr; ///< what is waited on
  const clang::ValueDecl *Lock = nullptr;   ///< the wait's lock argument
  const clang::ValueDecl *Token = nullptr;  ///< the callback's token
  clang::SourceLocation NotifyLoc, WaitLoc, Callback;
};

/// The racy stop-callback notifies of objects of dependent type in the
/// pattern \p Pattern (a function template's, or a member's of a class
/// template).
llvm::SmallVector<DependentLostWakeup, 1>
dependentLostWakeups(const clang::FunctionDecl *Pattern, const ApiModel &M,
                     const clang::ASTContext &Ctx);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_PATTERNWAKEUPS_H
