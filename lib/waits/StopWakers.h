//===- StopWakers.h - Which waits the stop path wakes up -------*- C++ -*-===//
//
// A wait that cannot observe a token itself is still cancellable when the
// code that requests cancellation also wakes it.  The code says so in two
// shapes, both read from the API model:
//  - a stop callback: an object of a Role::StopCallbackType
//    (std::stop_callback, folly::CancellationCallback) or a
//    Role::StopCallbackRegistration call (seastar abort_source::subscribe,
//    asio cancellation_slot::assign) whose callback calls a
//    Role::WakeMethod (notify_all, release, post, close, cancel, Shutdown,
//    ...) on the object the wait blocks on;
//  - a function that both requests cancellation (Role::ReleaseMethod:
//    request_stop, requestCancellation, emit, ..., or a call to a visible
//    function that makes one: lib/waits/StopRequests.h) and calls a wake method
//    on that object: the destructor `request_stop(); sem.release();
//    join();`.
// A stop callback whose callable does more than this follows (it requests
// stop on other sources, or calls code that is not visible) is recorded
// as an unknown route to the waits of its body.
// Objects are compared by canonical declaration: the same variable, or the
// same data member.
//
// Each function body is summarised once (a linear walk) and cached.
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_STOPWAKERS_H
#define CONTEXT_TIDY_LIB_WAITS_STOPWAKERS_H

#include "lib/model/ApiModel.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class CallExpr;
class CXXRecordDecl;
class FieldDecl;
class SourceManager;
class Stmt;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// One wake of an object on the stop path.
struct StopWake {
  /// The waking call (notify_all, release, ...).
  const clang::CallExpr *Wake = nullptr;
  /// The body it is written in: the stop callback's (or the function it
  /// calls), or the function that requests stop.
  const clang::Stmt *Body = nullptr;
  /// Where the stop becomes visible to the waker: the stop request, or
  /// the start of the callback's body.
  clang::SourceLocation After;
  /// The stop request, or the stop callback's registration.
  clang::SourceLocation Request;
  bool FromCallback = false;
};

class StopWakers {
public:
  explicit StopWakers(const ApiModel &M) : M(M) {}

  /// Whether body \p Body registers a stop callback that wakes \p Object,
  /// or both requests cancellation and wakes \p Object.
  bool bodyWakesOnStop(const clang::Stmt *Body, const clang::ValueDecl *Object);

  /// For a data member: whether a member function of its class (its body,
  /// a constructor's initialisers, or a default member initialiser of the
  /// class, for stop callbacks held as members) does.
  bool classWakesOnStop(const clang::FieldDecl *Field);

  /// Whether a member function of class \p RD does (for an object reached
  /// through RD's members: `tasks_[i].signal` in a method of RD).
  bool classWakesOnStop(const clang::CXXRecordDecl *RD,
                        const clang::ValueDecl *Object);

  /// The wakes of \p Object on the stop path that \p Body (a function or
  /// lambda body) makes, or that a member function of the class of the
  /// data member \p Object (or of \p Owner, for an object reached through
  /// \p Owner's members) makes.  Appends to \p Out.
  void bodyWakes(const clang::Stmt *Body, const clang::ValueDecl *Object,
                 llvm::SmallVectorImpl<StopWake> &Out);
  void classWakes(const clang::CXXRecordDecl *Owner,
                  const clang::ValueDecl *Object,
                  llvm::SmallVectorImpl<StopWake> &Out);

  /// Whether \p Body requests cancellation (Role::ReleaseMethod) before
  /// \p Loc: the body is on the stop path itself, and what it then waits
  /// for is the cancelled work finishing.
  bool requestsStopBefore(const clang::Stmt *Body, clang::SourceLocation Loc,
                          const clang::SourceManager &SM);

  /// Whether \p Body registers, before \p Loc, a stop callback on one of
  /// \p Tokens (canonical declarations) whose callable does more than the
  /// analysis follows (lib/waits/StopRequests.h: it requests stop on other
  /// sources, calls code that is not visible, ...): the waits after it may
  /// be woken on stop by a route that is not seen.
  bool unknownStopRouteBefore(const clang::Stmt *Body,
                              llvm::ArrayRef<const clang::ValueDecl *> Tokens,
                              clang::SourceLocation Loc,
                              const clang::SourceManager &SM);

  void clear() {
    Bodies.clear();
    Classes.clear();
  }

private:
  struct Summary {
    /// Objects a stop callback wakes, and (when the body requests
    /// cancellation) objects it wakes directly, with where.
    llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<StopWake, 1>>
        WokenOnStop;
    llvm::SmallVector<clang::SourceLocation, 2> Releases;
    /// Stop callbacks whose effect is not followed: the token each is
    /// registered on (canonical), and where.
    llvm::SmallVector<std::pair<const clang::ValueDecl *,
                                clang::SourceLocation>, 1>
        UnknownRoutes;
  };
  const Summary &summarise(const clang::Stmt *Body);
  void scan(llvm::ArrayRef<const clang::Stmt *> Roots, Summary &S);

  const ApiModel &M;
  llvm::DenseMap<const clang::Stmt *, Summary> Bodies;
  llvm::DenseMap<const clang::CXXRecordDecl *, Summary> Classes;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_STOPWAKERS_H
