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
// The converse, for a fix that takes the mutex (mayRunWithMutexHeld): a
// function into which a lock_guard is added must not run with the mutex
// already held, or the fix deadlocks.  Sound within what the class
// declares:
//  - a local mutex of the function is held by no caller;
//  - the mutex is a data member that only the class's own code can reach:
//    a private member of the class (protected in a final class), or any
//    member of a private class nested in it that no other member function
//    of the class hands out (no non-private member function mentions its
//    type); neither class has friends; the class's code uses the mutex
//    only to lock it (no address taken, no reference bound, no std::lock);
//  - the function is the class's destructor (nobody holds a mutex of an
//    object being destroyed), or no member function of the class (nor a
//    lambda in one, nor a constructor's initialisers) calls it, directly
//    or through other member functions, where the mutex is held, and none
//    takes its address;
//  - the function itself takes no lock of the mutex and is not handed a
//    lock over the mutex's type.
// Not seen: code outside the class that the class calls with the mutex
// held (a callback run under the lock that calls back into the class).
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

/// Whether \p FD may run with \p Mutex already held by its thread, as
/// above: true unless that is ruled out.
bool mayRunWithMutexHeld(const clang::FunctionDecl *FD,
                         const clang::ValueDecl *Mutex,
                         const clang::SourceManager &SM);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_CALLERLOCKS_H
