//===- ApiModel.h - Which real APIs play which role ------------*- C++ -*-===//
//
// The one declarative place that says which declarations of the standard
// library, Asio, gRPC, folly, Seastar, Boost.Fiber, oneTBB and the C++ ports
// of Go's context package matter to the checks, and in what role.  The
// built-in table is data, one row a line, in BuiltinApis.def; users extend
// it with CheckOptions (the checks/ directory turns options into
// ApiModel::Config), and library authors mark their own declarations with
//   [[clang::annotate("context::<role>")]]          (a type or a function)
//   [[clang::annotate("context::<role>:<arg>")]]    (a function, argument N)
// where <role> is roleName(): "context", "blocking", "timeout", ...  A
// parameter can carry "context::timeout" (and the other argument roles)
// itself.
//
// Everything is matched on canonical declarations: see NameMatch.h.  Method
// entries are spelled "Class::method" and match a call whose object's class,
// or one of its bases, is Class (libstdc++ declares future::wait in the base
// std::__basic_future, and a class derived from std::condition_variable
// still blocks in wait()).
//
// Implemented in ApiModelRoles.cpp (role and profile names), ApiModel.cpp
// (the table, options and annotations made into a model), ApiModelMatch.cpp
// (matching declarations, and the caches) and ApiModelLookup.cpp (the
// classes the entries name, found in an AST).
//
//===----------------------------------------------------------------------===//

#ifndef CONTEXT_TIDY_LIB_MODEL_APIMODEL_H
#define CONTEXT_TIDY_LIB_MODEL_APIMODEL_H

#include "lib/model/NameMatch.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Decl;
class Expr;
class FunctionDecl;
class NamedDecl;
} // namespace clang

namespace context_tidy {

/// What a declaration does, as far as the checks care.
enum class Role : unsigned char {
  // --- Types: matched against a class (template) or a typedef name.
  ContextType,      ///< Go-style context (Context, ContextPtr, Azure Context)
  TokenType,        ///< observes cancellation: std::stop_token, ...
  SourceType,       ///< requests cancellation: std::stop_source, ...
  CancelHandleType, ///< a named cancel-handle type: a port's CancelFunc
  StopCallbackType, ///< runs code on cancellation: std::stop_callback
  ScopeGuardType,   ///< runs code at scope exit: absl::Cleanup, ...
  MapType,          ///< associative container: template args <Key, Mapped>
  WrapperType,      ///< holds or points to its template arguments
  ContainerType,    ///< holds elements of its template arguments
  DurationType,     ///< std::chrono::duration<Rep, Period>
  TimePointType,    ///< std::chrono::time_point<Clock, Duration>
  NeverCancelledTag,///< a tag argument that makes a token or source that
                    ///< can never be cancelled: std::nostopstate_t
  // --- Functions: free functions, or "Class::method".
  CancelFactory,    ///< returns a cancel handle: WithCancel, with_timeout
  ReleaseMethod,    ///< cancels a source: request_stop, emit, ...
  ScopeGuardFactory,///< returns a scope guard: absl::MakeCleanup, ...
  BlockingCall,     ///< blocks and cannot observe cancellation
  ReadinessCheck,   ///< tells whether a later blocking call returns at once
  RelativeTimeout,  ///< takes a timeout (argument Arg)
  AbsoluteDeadline, ///< takes a deadline (argument Arg)
  PollTimeout,      ///< takes a timeout where zero means "do not block"
  PollDeadline,     ///< takes a deadline where "now" means "do not block"
  RootContext,      ///< makes a root context: Background, TODO
  WithValue,        ///< stores a value in a context (argument Arg)
  WakeMethod,       ///< wakes a thread blocked on the same object
  StopCallbackRegistration, ///< registers a callback on a token/source
  SelectFunction,   ///< a Go-style select over channel cases
  DoneMethod,       ///< a context's Done() channel
  ClockNow,         ///< Clock::now()
  DurationCast,     ///< converts durations, possibly truncating
  SignalHandlerRegistration, ///< registers a function run on a signal (Arg)
  EraseMethod,      ///< removes entries from a container: erase, extract
  // --- Macros and other plain names.
  ScopeGuardMacro,  ///< SCOPE_EXIT { ... }, BOOST_SCOPE_EXIT
  AssertionMacro,   ///< a test assertion that returns on failure
  SelectDefault,    ///< the "default" case of a Go-style select
  ReadyStatus,      ///< a readiness check's result that means "ready"
  // --- Added for context-lost-cancel (kept after the others: additive).
  UnwrapMethod,     ///< yields the value a result wrapper holds: value(), *
  TupleElement,     ///< element access of a tuple-like: get<I>(t), tie(a, b)
  NotReadyStatus,   ///< a readiness check's result that means "not ready"
  // --- Added for context-detached-context (additive).
  DetachFunction,   ///< derives a context that is deliberately not cancelled
                    ///< with its parent: WithoutCancel
  TestMacro,        ///< a macro that defines a test: TEST, TEST_CASE
  // --- Added for stop latency (context-uncancellable-wait).
  BoundedWait,      ///< blocks at most its timeout or until its deadline
  // --- Added for the cost of folding durations (additive).
  DurationLiteral,  ///< a literal operator whose value is its number in the
                    ///< duration it returns: 100ms, 2s
  // --- Added for the lost-wakeup fix-its (additive).
  ScopedLock,       ///< a class template that holds the mutex it is built
                    ///< with until its scope ends: std::lock_guard
  NumRoles
};

/// Built-in entries are grouped in profiles that can be switched off with
/// the `Profiles` option.
enum class Profile : unsigned char {
  Std,
  Asio,
  Grpc,
  Folly,
  Seastar,
  BoostFiber,
  Tbb,
  GoPorts,
  Azure,
  ScopeGuards,
  TestFrameworks,
  Containers,
  Posix,
  User, ///< from options or annotations
  NumProfiles
};

/// Modifiers of an entry.
enum EntryFlags : uint16_t {
  NoFlags = 0,
  /// BlockingCall: not blind when an argument is a token type
  /// (condition_variable_any::wait(lock, stop_token, pred)).
  BlindUnlessTokenArg = 1u << 0,
  /// BlockingCall: a sleep; blind only when not shorter than MaxStopLatency.
  SleepCall = 1u << 1,
  /// BlockingCall: blind only when called without arguments
  /// (folly::Future::get() blocks, get(Duration) is bounded).
  BlindOnlyWithoutArgs = 1u << 2,
  /// Timeouts: a plain number is a number of seconds (pygolang).
  SecondsIfArithmetic = 1u << 3,
  /// CancelFactory: the handle takes one cause argument (*Cause forms).
  CauseHandle = 1u << 4,
  /// Argument roles: Arg counts the context as argument 0 of the free
  /// function form; a member call (ctx.WithTimeout(d)) has it as the object,
  /// so its argument index is Arg - 1.
  MemberShift = 1u << 5,
  /// ContextType: only a class that also has Done()/done() and one of
  /// Err()/err()/Deadline()/deadline() (itself or in a base) is a context.
  Structural = 1u << 6,
  /// RootContext: only when the function returns a context-like type.
  ReturnsContext = 1u << 7,
  /// WrapperType: a pointer-like owner (shared_ptr, unique_ptr).
  PointerLike = 1u << 8,
  /// BlockingCall: waits for the end of the callable a thread object was
  /// started with (std::thread::join); blind only when that callable is
  /// visible and itself blocks blind.
  JoinsCallable = 1u << 9,
  /// BoundedWait: a plain number is a number of milliseconds, and a
  /// negative one waits without a bound (poll(fds, n, timeout_ms)).
  MillisecondsIfArithmetic = 1u << 10,
};

/// Argument index meaning "the first argument whose type is a
/// std::chrono::duration or time_point; else the first arithmetic argument".
constexpr int AutoArg = -1;

/// One row of the model.
struct ApiEntry {
  Role R;
  std::string Pattern;
  int Arg = AutoArg;
  unsigned Flags = NoFlags;
  Profile From = Profile::User;
  std::string Note; ///< why it is there (documentation)
};

llvm::StringRef roleName(Role R);
std::optional<Role> roleFromName(llvm::StringRef Name);
llvm::StringRef profileName(Profile P);
std::optional<Profile> profileFromName(llvm::StringRef Name);
/// A one-line description of the role, for documentation.
llvm::StringRef roleDescription(Role R);

/// The built-in table (BuiltinApis.def), in documentation order.
llvm::ArrayRef<ApiEntry> builtinEntries();

/// Why \p Spec, an entry of a model option ("pattern" or "pattern:<arg>",
/// as in Config::Extra), cannot be used, as a predicate of it ("has an
/// empty name"); empty if it can.  An empty \p Spec can (it adds nothing).
std::string extraEntryError(llvm::StringRef Spec);

class ApiModel {
public:
  struct Config {
    /// Enabled built-in profiles; all of them by default.
    std::array<bool, static_cast<size_t>(Profile::NumProfiles)> Profiles;
    /// Extra entries from options; Pattern may end in ":<arg>".
    std::vector<std::pair<Role, std::string>> Extra;
    Config() { Profiles.fill(true); }
  };

  ApiModel() : ApiModel(Config()) {}
  explicit ApiModel(const Config &C);
  ApiModel(const ApiModel &) = delete;
  ApiModel &operator=(const ApiModel &) = delete;

  /// Patterns from Config::Extra that could not be used, with the reason.
  llvm::ArrayRef<std::string> errors() const { return Errors; }

  // --- Declarations.

  /// The entry of role \p R that matches function \p FD.  For a method,
  /// \p ObjectClass is the class of the object it is called on (defaults to
  /// the method's own class); it and its bases are tried as "Class::".
  /// Annotations on FD count.  Null if none.
  const ApiEntry *matchFunction(const clang::FunctionDecl *FD, Role R,
                                const clang::CXXRecordDecl *ObjectClass =
                                    nullptr) const;

  /// Like matchFunction, for the callee of a call: a CallExpr (member,
  /// operator or free), or a CXXConstructExpr (the callee is the
  /// constructor, spelled "Class::Class").
  const ApiEntry *matchCall(const clang::Expr *Call, Role R) const;

  /// The entry of role \p R for class \p RD (or the template it is an
  /// instantiation of); annotations count; Structural entries are verified.
  const ApiEntry *matchRecord(const clang::CXXRecordDecl *RD, Role R) const;

  /// Matches each typedef/alias name in T's sugar, then T's class.
  const ApiEntry *matchType(clang::QualType T, Role R) const;

  /// The classes of the translation unit that fully qualified entries of
  /// role \p R name as "Class::Method" for a method called \p Method
  /// (std::condition_variable for "wait"): what a call of that name on an
  /// object of dependent type could be.  Found by qualified lookup from the
  /// translation unit; a class not declared there is left out.
  llvm::SmallVector<const clang::CXXRecordDecl *, 2>
  classesWithMethod(const clang::ASTContext &Ctx, Role R,
                    llvm::StringRef Method) const;

  /// Matches a macro name or another unscoped name.
  bool matchPlainName(llvm::StringRef Name, Role R) const;

  /// Matches any other named declaration (an enumerator, a variable) by its
  /// qualified name; annotations count.  Null if none.
  const ApiEntry *matchDecl(const clang::NamedDecl *D, Role R) const;

  /// The patterns of role \p R that are plain, fully qualified names
  /// ("::std::lock_guard", without regular-expression characters), the
  /// user's (options, annotations aside) before the built-in ones: what a
  /// fix-it can look up and spell.
  llvm::SmallVector<llvm::StringRef, 2> qualifiedNames(Role R) const;

  /// The first of qualifiedNames(\p R) that names a class template the
  /// translation unit defines (qualified lookup from the translation unit,
  /// as classesWithMethod), as the model spells it: `std::lock_guard`.
  std::optional<llvm::StringRef>
  declaredClassTemplate(const clang::ASTContext &Ctx, Role R) const;

  /// The argument index of \p E for a call to \p FD, resolving AutoArg and
  /// MemberShift, or -1.  \p Args are the call's arguments (without the
  /// object of a member call).
  int argumentIndex(const ApiEntry &E, const clang::FunctionDecl *FD,
                    llvm::ArrayRef<const clang::Expr *> Args) const;

  /// The parameter of \p FD annotated with role \p R, or -1.
  static int annotatedParameter(const clang::FunctionDecl *FD, Role R);

  /// Forgets cached per-declaration results.  Call between ASTs when one
  /// model serves several (the checks build one model per translation unit).
  void clearCaches() const {
    RecordCache.clear();
    FunctionCache.clear();
    CandidateCache.clear();
    LastCall = ResolvedCall();
    TypeCache.clear();
  }

private:
  const ApiEntry *annotationEntry(const clang::Decl *D, Role R) const;
  const ApiEntry *matchQualified(Role R, llvm::StringRef Last,
                                 llvm::StringRef Qualified,
                                 const clang::NamedDecl *ForStructural) const;
  bool isStructuralContext(const clang::CXXRecordDecl *RD) const;
  const ApiEntry *matchTypeUncached(const clang::Type *Ty, Role R) const;
  const ApiEntry *matchFunctionUncached(const clang::FunctionDecl *FD, Role R,
                                        const clang::CXXRecordDecl *ObjectClass)
      const;
  /// The key of \p FD in the function caches: an implicit instantiation of
  /// a function template shares its template's.
  static const clang::Decl *functionKey(const clang::FunctionDecl *FD);
  /// The roles \p FD can have at all, a bit each (roleBit): all when it is
  /// annotated, else those whose patterns hold its simple name.  One look-up
  /// answers the roles a callee cannot have, most of the questions asked of
  /// most calls.
  uint64_t candidateRoles(const clang::FunctionDecl *FD,
                          const clang::Decl *Key) const;
  static uint64_t roleBit(Role R) {
    return uint64_t(1) << static_cast<unsigned>(R);
  }
  const ApiEntry *matchFunctionCached(const clang::FunctionDecl *FD,
                                      const clang::Decl *Key, Role R,
                                      const clang::CXXRecordDecl *ObjectClass)
      const;

  std::vector<ApiEntry> Entries; // owned rows, indexed by NameTable payloads
  std::array<NameTable, static_cast<size_t>(Role::NumRoles)> Tables;
  std::vector<std::string> Errors;
  mutable std::deque<ApiEntry> AnnotationEntries;
  mutable llvm::DenseMap<std::pair<const clang::Decl *, unsigned>,
                         const ApiEntry *>
      RecordCache;
  // matchFunction's results: the same few callees are called everywhere,
  // and building their qualified names was half of the checks' cost on
  // code-heavy files (docs/performance.md).
  mutable llvm::DenseMap<
      std::tuple<const clang::Decl *, const clang::Decl *, unsigned>,
      const ApiEntry *>
      FunctionCache;
  // candidateRoles' answers, by functionKey.
  mutable llvm::DenseMap<const clang::Decl *, uint64_t> CandidateCache;
  // The call matchCall was last asked about, resolved.
  struct ResolvedCall {
    const clang::Expr *Call = nullptr;
    const clang::FunctionDecl *FD = nullptr;
    const clang::Decl *Key = nullptr;
    uint64_t Roles = 0;
    bool ObjectKnown = false;
    const clang::CXXRecordDecl *ObjectClass = nullptr;
  };
  mutable ResolvedCall LastCall;
  static_assert(static_cast<unsigned>(Role::NumRoles) <= 64,
                "a role is a bit of CandidateCache's masks");
  // matchType's results, by type node (sugar included: a typedef's name can
  // match where its class does not).
  mutable llvm::DenseMap<std::pair<const clang::Type *, unsigned>,
                         const ApiEntry *>
      TypeCache;
};

} // namespace context_tidy

#endif // CONTEXT_TIDY_LIB_MODEL_APIMODEL_H
