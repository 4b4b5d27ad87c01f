//===- LostWakeups.h - Notifies that a condition wait can miss -*- C++ -*-===//
//
// A condition-variable wait tests its predicate with the mutex held, then
// blocks and releases the mutex in one step.  A thread that changes what
// the predicate reads (requests stop, sets a flag) and then notifies
// WITHOUT taking that mutex can do both between the waiter's test and its
// block: the notification finds nobody waiting, and the waiter sleeps
// forever.  The waker is race-free when, between the change and the
// notify, it holds the mutex or takes and releases it:
//   { std::lock_guard g(mu); stop_ = true; } cv.notify_all();
//   stop_ = true; { std::lock_guard g(mu); } cv.notify_all();
//   mu.lock(); mu.unlock(); cv.notify_all();
//   std::lock_guard g(mu); cv.notify_all();   // held at the notify
//
// Everything is decided by structure (the wait's mutex and where it is
// held: lib/waits/MutexHeld.h):
//  - a stop flag of a class is a data member of boolean, integral or
//    enumeration type (or a class template over one, std::atomic<bool>)
//    that the predicate of a wait on a member condition variable reads, or
//    the condition of the loop around a wait without a predicate; a member
//    function that writes it and then notifies that condition variable is
//    its waker.
// Order is source order within one body (a function or lambda body).  A
// non-public helper that writes and notifies is race-free when its class
// calls it only with the mutex held (lib/waits/CallerLocks.h).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPS_H
#define CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPS_H

#include "lib/model/ApiModel.h"
#include "lib/waits/MutexHeld.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

// CallExpr, FunctionDecl, SourceManager, Stmt and ValueDecl are declared by
// MutexHeld.h.
namespace clang {
class CXXRecordDecl;
class Expr;
class FieldDecl;
} // namespace clang

namespace context_tidy {

/// A wait on a member condition variable whose exit reads stop flags.
struct FlagWait {
  const clang::CallExpr *Wait = nullptr;
  const clang::FieldDecl *CondVar = nullptr;
  const clang::ValueDecl *Mutex = nullptr;
  llvm::SmallVector<const clang::FieldDecl *, 2> Flags;
  /// The type of the wait's lock argument.
  clang::QualType LockType;
};

/// The members of flag type (bool, an integer, an enumeration, or a class
/// template over one: std::atomic<bool>) that \p Root reads, each once, in
/// the order one walk of \p Root meets them; with \p Keep, only the reads
/// (the member expressions, or the casts around them) it accepts.
llvm::SmallVector<const clang::FieldDecl *, 2>
flagReads(const clang::Stmt *Root,
          llvm::function_ref<bool(const clang::Expr *)> Keep = nullptr);

/// The members of flag type that \p Exit (a predicate's body, or a loop
/// condition) reads: flagReads(Exit).
llvm::SmallVector<const clang::FieldDecl *, 2>
exitFlags(const clang::Stmt *Exit);

/// A stop flag that a loop's condition tests outside the critical section
/// of the wait in its body: the wait's lock is a local declared inside the
/// loop's body, so each test runs before the mutex is taken, and the flag
/// is not read again between the lock's declaration and the wait (nor by
/// the wait's predicate).  A stopper that writes the flag and notifies
/// between the test and the wait is missed even when it holds the mutex.
/// The test is the loop's condition, or an `if` in the loop's body, before
/// the lock, whose branch leaves the loop (`if (stop_) break;`).
struct UnlockedFlagTest {
  const clang::FieldDecl *Flag = nullptr;
  clang::SourceLocation Test; ///< the read in the test
  /// The whole test: the loop's condition, or the exit `if`'s condition.
  const clang::Expr *Cond = nullptr;
  /// Whether Cond is the loop's condition (the loop goes on while it
  /// holds); otherwise the `if` leaves the loop when it holds.
  bool LoopCondition = false;
};

/// The flags of \p Loop's condition (a while, for or do loop around
/// \p Wait), or of an exit test in its body, tested outside the critical section of \p Wait, whose lock is
/// \p Lock; \p PredicateFlags are those its predicate reads.
llvm::SmallVector<UnlockedFlagTest, 1>
flagsTestedOutsideLock(const clang::Stmt *Loop, const clang::CallExpr *Wait,
                       const clang::ValueDecl *Lock,
                       llvm::ArrayRef<const clang::FieldDecl *> PredicateFlags,
                       const clang::SourceManager &SM);

/// A write of a stop flag followed, in the same body, by a notify of the
/// wait's condition variable without the wait's mutex.
struct RacyFlagWake {
  const clang::CallExpr *Notify = nullptr;
  const clang::FieldDecl *Flag = nullptr;
  clang::SourceLocation Write;
  /// The write (the assignment, or the call that stores).
  const clang::Stmt *WriteStmt = nullptr;
  /// The body both are in, and its member function (null for a lambda's).
  const clang::Stmt *Body = nullptr;
  const clang::FunctionDecl *Function = nullptr;
  /// Through a call (racyWakesThroughCalls): the member function the body
  /// calls, and whether it notifies (Notify is then the call, Inner the
  /// notify in the callee's body) or writes the flag (Write and WriteStmt
  /// are in the callee's body, Inner is null).
  const clang::FunctionDecl *Via = nullptr;
  const clang::CallExpr *Inner = nullptr;
};

/// Member functions of a class (their bodies wherever they are defined,
/// and lambdas inside them), summarised once: where each member is
/// written, and where each member is woken.
class ClassWakers {
public:
  explicit ClassWakers(const ApiModel &M) : M(M) {}

  /// The racy wakes of \p W among the member functions of the class of
  /// \p W.CondVar.
  llvm::SmallVector<RacyFlagWake, 1> racyWakes(const FlagWait &W,
                                               const clang::SourceManager &SM);

  /// The same, where the write and the notify are in two member functions
  /// of the class of \p W.CondVar, one calling the other on `this`
  /// (function summaries, one call deep): a stop function that writes the
  /// flag and then calls a notifier that does not take the mutex, or a
  /// destructor that calls a stop function that writes the flag and then
  /// notifies itself.  A call made, or a notify, with the mutex held or
  /// taken since the write is race-free, as within one body.
  llvm::SmallVector<RacyFlagWake, 1>
  racyWakesThroughCalls(const FlagWait &W, const clang::SourceManager &SM);

  /// Where a stop path of the class of \p Flag writes it: a member function
  /// that writes \p Flag and is the destructor or joins a thread
  /// (Role::BlockingCall with JoinsCallable).  Invalid if none.
  clang::SourceLocation stopWrite(const clang::FieldDecl *Flag);

  /// Where a stop path of the class of \p Flag writes it, one call deep
  /// (function summaries): a member function that writes it and then
  /// notifies, or a destructor or joining function that calls, on `this`,
  /// a member function that writes it.  Invalid if none.
  clang::SourceLocation stopWriteThroughCalls(const clang::FieldDecl *Flag);

  /// Whether a member function of the class of \p Flag writes it and then
  /// wakes \p Object (a bounded wait on it is woken by the stop path).
  bool wokenAfterWrite(const clang::FieldDecl *Flag,
                       const clang::ValueDecl *Object) {
    return writeBeforeWake(Flag, Object).isValid();
  }
  /// Where a member function of the class of \p Flag writes it before it
  /// wakes \p Object; invalid if none does.
  clang::SourceLocation writeBeforeWake(const clang::FieldDecl *Flag,
                                        const clang::ValueDecl *Object) {
    return writeBeforeWake(Flag, Object, nullptr);
  }
  /// The same, searching the member functions of \p Also too (the class
  /// whose member function waits, when \p Flag and \p Object are members
  /// of a struct it holds), and counting a wake made by a member function
  /// of the same class that the writer calls after the write.
  clang::SourceLocation writeBeforeWake(const clang::FieldDecl *Flag,
                                        const clang::ValueDecl *Object,
                                        const clang::CXXRecordDecl *Also);

  void clear() { Classes.clear(); }

private:
  struct Body {
    const clang::Stmt *Root = nullptr;
    /// The member function whose body Root is (null for a lambda's).
    const clang::FunctionDecl *Function = nullptr;
    /// The destructor, or a function that joins a thread.
    bool Stops = false;
    struct Write {
      const clang::FieldDecl *Flag;
      clang::SourceLocation Loc;
      const clang::Stmt *S;
    };
    llvm::SmallVector<Write, 4> Writes;
    llvm::SmallVector<std::pair<const clang::FieldDecl *, const clang::CallExpr *>,
                      2>
        Notifies;
    /// Calls of member functions of the same class on `this`.
    llvm::SmallVector<std::pair<const clang::FunctionDecl *, const clang::CallExpr *>,
                      2>
        MemberCalls;
  };
  struct Summary {
    llvm::SmallVector<Body, 4> Bodies;
    /// The members each member function notifies in its own body, with the
    /// notify.
    llvm::DenseMap<const clang::FunctionDecl *,
                   llvm::SmallVector<std::pair<const clang::FieldDecl *,
                                               const clang::CallExpr *>,
                                     2>>
        Notified;
    /// The flags each member function writes in its own body.
    llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<Body::Write, 2>>
        Wrote;
    /// Each member function's body (its definition's).
    llvm::DenseMap<const clang::FunctionDecl *, const clang::Stmt *> BodyOf;
  };
  const Summary &summary(const clang::CXXRecordDecl *RD);
  /// The last write in \p B of one of \p Flags before \p Loc, or null.
  static const Body::Write *
  lastWriteBefore(const Body &B, llvm::ArrayRef<const clang::FieldDecl *> Flags,
                  clang::SourceLocation Loc, const clang::SourceManager &SM);
  const llvm::SmallVector<Body, 4> &summarise(const clang::CXXRecordDecl *RD);

  const ApiModel &M;
  llvm::DenseMap<const clang::CXXRecordDecl *, Summary> Classes;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_LOSTWAKEUPS_H
