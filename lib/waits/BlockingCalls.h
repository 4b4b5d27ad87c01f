//===- BlockingCalls.h - Calls that block, and what they wait on -*- C++ -*-===//
//
// Answers, from the API model, the questions a check about waits asks of a
// call:
//  - does it block without a way to observe cancellation (Role::BlockingCall,
//    refined by the entry's flags: a token argument makes it aware, a short
//    constant sleep is not a wait, get(Duration) is bounded)?
//  - is it a Go-style select (Role::SelectFunction), and does it have a case
//    on a context's done channel (Role::DoneMethod) or a default case
//    (Role::SelectDefault)?
//  - which object does it wait on (the variable or member a wake operation
//    must reach)?
//  - does its class have the cancellation-aware overload that takes the
//    token one position before the last argument?
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_WAITS_BLOCKINGCALLS_H
#define CONTEXT_TIDY_LIB_WAITS_BLOCKINGCALLS_H

#include "lib/model/ApiModel.h"
#include "lib/values/Duration.h"
#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CallExpr;
class ValueDecl;
} // namespace clang

namespace context_tidy {

/// Parses a duration written as a number and a unit: "100ms", "1s",
/// "250us", "500ns", "2min", "1h", "0.5s".  Returns seconds; nullopt if the
/// text is not such a duration or is negative.
std::optional<double> parseDurationString(llvm::StringRef Text);

/// The declaration an object expression names, canonical: a variable,
/// parameter or structured binding, or a data member (whatever object it is
/// reached through).  Looks through parentheses, casts, std::move, `*`,
/// `&`, and a smart pointer's operator-> / operator*.  Null for `this`,
/// temporaries and anything else.
const clang::ValueDecl *objectDecl(const clang::Expr *E);

/// The object a call acts on: the implicit object of a member call, the
/// first operand of an operator call.  Null for a free function call.
const clang::Expr *callObject(const clang::CallExpr *Call);

/// The arguments of \p Call as written: without the object of a member
/// operator call, without default arguments.
llvm::SmallVector<const clang::Expr *, 4>
writtenArguments(const clang::CallExpr *Call);

enum class BlockingKind : uint8_t {
  Wait,   ///< blocks until something happens to an object
  Sleep,  ///< Role::BlockingCall with SleepCall
  Select, ///< Role::SelectFunction
};

/// A call that blocks as written and cannot observe a cancellation token.
struct BlindCall {
  const clang::CallExpr *Call = nullptr;
  BlockingKind Kind = BlockingKind::Wait;
  const ApiEntry *Entry = nullptr;
  std::string Name; ///< the callee's simple name: "wait", "operator<<"
  /// What it waits on (canonical), if it is a named object.
  const clang::ValueDecl *Object = nullptr;
  /// A sleep's constant length, when it is one.
  std::optional<DurationValue> SleepLength;
  /// A sleep's argument: its duration (sleep_for) or deadline
  /// (sleep_until).
  const clang::Expr *Length = nullptr;
  /// Whether Length is a deadline.
  bool LengthIsDeadline = false;
};

/// Classifies \p E.  Returns nullopt unless it is a call that blocks
/// blind:
///  - a Role::BlockingCall that is passed no argument of token, source or
///    context type (such an argument makes the call aware; the model flags
///    condition_variable_any::wait with BlindUnlessTokenArg, and the same
///    holds for any user entry with an aware overload);
///  - not a BlindOnlyWithoutArgs entry called with arguments (bounded);
///  - not a SleepCall whose duration is a constant shorter than
///    \p MinSleepSeconds (sleep_for(d), or sleep_until(Clock::now() + d)).
/// A Role::SelectFunction call with at least one argument of class type is
/// returned as a Select whether or not it has a done or default case (see
/// selectObservesCancellation).
std::optional<BlindCall> classifyBlockingCall(const clang::Expr *E,
                                              const clang::ASTContext &Ctx,
                                              const ApiModel &M,
                                              double MinSleepSeconds);

/// A call that blocks until woken, but at most a timeout or until a
/// deadline (Role::BoundedWait): `cv.wait_for(lock, 5s, pred)`.
struct BoundedCall {
  const clang::CallExpr *Call = nullptr;
  std::string Name;
  const clang::ValueDecl *Object = nullptr; ///< what it waits on
  /// How long it can block, when the timeout is a constant or the deadline
  /// is `Clock::now()` plus a constant.
  std::optional<DurationValue> Bound;
  /// The timeout or deadline argument.
  const clang::Expr *BoundArg = nullptr;
  /// Whether BoundArg is a deadline (a time point).
  bool BoundIsDeadline = false;
  /// Set when BoundArg is a plain number of this unit (an entry with
  /// MillisecondsIfArithmetic: `poll(fds, n, 60000)`).
  std::optional<Period> NumberUnit;
};

/// Classifies \p E as a bounded wait: a Role::BoundedWait call that is
/// passed no argument of token, source or context type.
std::optional<BoundedCall> classifyBoundedWait(const clang::Expr *E,
                                               const clang::ASTContext &Ctx,
                                               const ApiModel &M);

/// Whether one of the select's case arguments mentions a Role::DoneMethod
/// call on an object of context type (the scope's context, or a context
/// derived from it), or a Role::SelectDefault name (pygolang's `_default`,
/// bongo's `default_case(...)`).  Handler lambdas inside a case are not
/// cases.
bool selectObservesCancellation(const clang::CallExpr *Select,
                                const ApiModel &M);

/// If \p Call is a member call whose class also declares a method of the
/// same name taking one more parameter, of type \p TokenType (canonical,
/// ignoring references and qualifiers), just before the last written
/// argument, returns that position: the aware overload
/// `cv.wait(lock, token, pred)` of `cv.wait(lock, pred)`.
std::optional<unsigned> awareOverloadTokenIndex(const clang::CallExpr *Call,
                                                clang::QualType TokenType);

/// Whether \p Call's callee has an overload (same class, same name) with a
/// parameter of a token type of the model (Role::TokenType): the call has
/// a cancellation-aware form, perhaps with other arguments.
bool hasAwareOverload(const clang::CallExpr *Call, const ApiModel &M);

/// The spelling of a done-channel call on a context declaration \p D of
/// type \p T: "ctx->done()", "ctx.Done()", from the first method of the
/// context's class the model calls a Role::DoneMethod.  Empty if none.
std::string doneCallSpelling(const clang::ValueDecl *D, const ApiModel &M);

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_WAITS_BLOCKINGCALLS_H
