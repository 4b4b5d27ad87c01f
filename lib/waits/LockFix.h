//===- LockFix.h - Fix-its that take a waiter's mutex -------------*- C++ -*-===//
//
// The repairs of a lost wakeup (LostWakeups.h), as fix-its:
//
//  - the store under the lock: the flag's write, a statement of its own,
//    becomes a block that first locks the waiter's mutex with the model's
//    scoped lock (Role::ScopedLock, std::lock_guard), so the write happens
//    while no waiter is between its test and its wait;
//  - an empty locked scope before the notify: where the write cannot be
//    moved (it is part of a condition, `if (!stopped.exchange(true))`) but
//    is itself atomic (a member call on the flag), or for a stop request
//    (`src_.request_stop(); cv_.notify_all();`):
//    taking and releasing the mutex after the write and before the notify
//    waits until a waiter that tested the old value is inside its wait;
//  - the wait guarded by its loop's test (waiter side): a wait without a
//    predicate, in a loop that tests a stop flag before the mutex is taken,
//    becomes `if (<the loop goes on>) <wait>;`, the test made again with
//    the mutex held.  Skipping the wait is what a spurious wakeup does, which
//    a wait without a predicate must already tolerate.
//
// No fix is made where it could be wrong: in a macro; where the mutex may
// already be held there (by the function or, as far as its class shows, by
// a caller: CallerLocks.h), which would deadlock; in a lambda (a stop
// callback can run on the thread that registers it, with the mutex held);
// where the mutex cannot be named at that point (a private member of
// another class, a mutex reached through a function call or a lock
// parameter); before C++17 where its type cannot be spelled (no class
// template argument deduction); or when the translation unit declares no
// scoped lock of the model.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_LOCKFIX_H
#define CONTEXT_TIDY_LIB_WAITS_LOCKFIX_H

#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FieldDecl;
class FunctionDecl;
class Stmt;
class ValueDecl;
} // namespace clang

namespace context_tidy {

class ApiModel;

/// The edits of one repair.
struct LockFix {
  llvm::SmallVector<clang::FixItHint, 2> Hints;
};

/// The edits of \p Fix, none without one, for a diagnostic:
/// `R.diag(...) << Name << hints(Fix)`.
inline llvm::ArrayRef<clang::FixItHint>
hints(const std::optional<LockFix> &Fix) {
  if (!Fix)
    return {};
  return Fix->Hints;
}

/// A stop path that publishes a change and then notifies without the
/// waiter's mutex.
struct Publication {
  /// The waiter's mutex (canonical).
  const clang::ValueDecl *Mutex = nullptr;
  /// The notify.
  const clang::CallExpr *Notify = nullptr;
  /// The write of the flag; null for a stop request (only the empty locked
  /// scope then).
  const clang::Stmt *Write = nullptr;
  /// The body both are in, and its function (null: a lambda's body).
  const clang::Stmt *Body = nullptr;
  const clang::FunctionDecl *Function = nullptr;
};

/// The fix of \p P, or nothing (see the file comment).
std::optional<LockFix> publishUnderLock(const Publication &P,
                                        const ApiModel &M,
                                        clang::ASTContext &Ctx);

/// The member function of the class of \p Mutex (a data member) whose body
/// is \p Body, or null.
const clang::FunctionDecl *memberWithBody(const clang::ValueDecl *Mutex,
                                          const clang::Stmt *Body);

/// The waiter-side fix: \p Wait, a wait without a predicate on a lock of
/// the mutex, in a loop whose test of a stop flag is \p Cond (the loop's
/// condition when \p LoopCondition, else an `if` that leaves the loop when
/// it holds), guarded by that test.  The test must be the flag alone (a
/// read, `load()`, or their negation).
std::optional<LockFix> guardWaitWithTest(const clang::CallExpr *Wait,
                                         const clang::Expr *Cond,
                                         bool LoopCondition,
                                         const clang::FieldDecl *Flag,
                                         const clang::Stmt *Body,
                                         clang::ASTContext &Ctx);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_LOCKFIX_H
