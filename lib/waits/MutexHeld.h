//===- MutexHeld.h - Which mutex a wait releases, where it is held -*- C++ -*-===//
//
// The two facts about mutexes that the lost-wakeup rules (LostWakeups.h)
// and the caller-held lock rule (CallerLocks.h) stand on, decided by
// structure:
//  - the mutex of a wait is the one its lock argument (a local or member
//    unique_lock) was constructed with;
//  - a lock event on a mutex is a local variable constructed with it as an
//    argument (lock_guard, unique_lock, scoped_lock: held until the end of
//    its block), or a member call on the mutex itself (lock(), unlock()).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_MUTEXHELD_H
#define CONTEXT_TIDY_LIB_WAITS_MUTEXHELD_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class SourceManager;
class Stmt;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// The mutex a condition-variable wait releases while it blocks: the
/// argument of the constructor of its lock argument (a local variable or
/// a data member), canonical.  Null when the wait has no lock argument
/// (not a condition-variable wait) or the lock cannot be traced to a
/// named mutex.
const clang::ValueDecl *waitMutex(const clang::CallExpr *Wait);
/// The same for a call to \p Callee with the written arguments \p Args
/// (a call of a template's pattern, resolved by memberCall()).
const clang::ValueDecl *waitMutex(const clang::FunctionDecl *Callee,
                                  llvm::ArrayRef<const clang::Expr *> Args);

/// Whether, in \p Body, the waker holds \p Mutex at \p Notify, held it at
/// \p After (the change the waiter tests), or took it between \p After
/// and \p Notify.  An invalid \p After means the start of \p Body.
bool notifyIsRaceFree(const clang::Stmt *Body, const clang::ValueDecl *Mutex,
                      clang::SourceLocation After,
                      const clang::CallExpr *Notify,
                      const clang::SourceManager &SM);

/// Whether \p Body holds \p Mutex at \p At: a lock of it alive there, or
/// member calls on it before and after \p At (`mu.lock(); ...; mu.unlock()`).
bool mutexHeldAt(const clang::Stmt *Body, const clang::ValueDecl *Mutex,
                 clang::SourceLocation At, const clang::SourceManager &SM);

/// Whether \p Body has any lock event on \p Mutex (a lock constructed with
/// it, a member call on it), anywhere outside its lambdas.
bool takesMutex(const clang::Stmt *Body, const clang::ValueDecl *Mutex);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_MUTEXHELD_H
