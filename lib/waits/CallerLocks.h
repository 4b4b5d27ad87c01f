//===- CallerLocks.h - Whether every caller holds the mutex -----*- C++ -*-===//
//
// A member function that changes a stop flag and notifies without taking
// the wait's mutex is still race-free when it runs only with that mutex
// held by its callers: a private helper `void finished() { --count_;
// cv_.notify_all(); }` that the class calls only under the lock.  Decided
// by structure, one call deep:
//  - the function is not public (only its class and friends call it),
//    and it is called at least once by the member functions of its class
//    (their bodies wherever defined, and lambdas inside them);
//  - at each such call, the caller holds the mutex (a lock of it alive at
//    the call, lib/waits/LostWakeups.h), or the caller is handed a lock of the
//    wait's lock type as a parameter (not traced to a mutex: assumed held,
//    as a wait on such a lock is assumed race-free).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_CALLERLOCKS_H
#define CONTEXT_TIDY_LIB_WAITS_CALLERLOCKS_H

#include "clang/AST/Type.h"

namespace clang {
class FunctionDecl;
class SourceManager;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// Whether \p FD (a member function) is called only with \p Mutex held, as
/// above.  \p LockType is the type of the wait's lock argument (may be
/// null).
bool calledOnlyUnderLock(const clang::FunctionDecl *FD,
                         const clang::ValueDecl *Mutex,
                         clang::QualType LockType,
                         const clang::SourceManager &SM);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_CALLERLOCKS_H
