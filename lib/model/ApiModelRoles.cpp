//===- ApiModelRoles.cpp - The names of roles and profiles ----------------===//
//
// What the options, the annotations and the documentation call each role
// and profile of lib/model/ApiModel.h, and a line that describes each role.
//
//===----------------------------------------------------------------------===//

#include "lib/model/ApiModel.h"

namespace context_tidy {

namespace {

struct RoleInfo {
  Role R;
  const char *Name;
  const char *Description;
};

constexpr RoleInfo Roles[] = {
    {Role::ContextType, "context", "Go-style context type (a class, or a typedef naming one)"},
    {Role::TokenType, "token", "observes cancellation"},
    {Role::SourceType, "source", "requests cancellation"},
    {Role::CancelHandleType, "cancel_handle", "a named cancel-handle type"},
    {Role::StopCallbackType, "stop_callback", "runs a callback when cancellation is requested"},
    {Role::ScopeGuardType, "scope_guard", "runs code when it leaves scope"},
    {Role::MapType, "map", "associative container <Key, Mapped, ...>"},
    {Role::WrapperType, "wrapper", "owns, points to or holds its template arguments"},
    {Role::ContainerType, "container", "holds elements of its template arguments"},
    {Role::DurationType, "duration", "a duration <Rep, Period>"},
    {Role::TimePointType, "time_point", "a point in time <Clock, Duration>"},
    {Role::NeverCancelledTag, "never_cancelled_tag", "a constructor argument of this type makes a token or source that can never be cancelled"},
    {Role::CancelFactory, "cancel_factory", "returns a cancel handle that must be called"},
    {Role::ReleaseMethod, "release", "requests cancellation of a source"},
    {Role::ScopeGuardFactory, "scope_guard_factory", "returns a scope guard"},
    {Role::BlockingCall, "blocking", "blocks and cannot observe cancellation"},
    {Role::ReadinessCheck, "readiness_check", "tells whether a later blocking call returns at once"},
    {Role::RelativeTimeout, "timeout", "takes a relative timeout"},
    {Role::AbsoluteDeadline, "deadline", "takes an absolute deadline"},
    {Role::PollTimeout, "poll_timeout", "takes a timeout where zero means: do not block"},
    {Role::PollDeadline, "poll_deadline", "takes a deadline where now means: do not block"},
    {Role::RootContext, "root_context", "makes a root context that is never cancelled"},
    {Role::WithValue, "with_value", "stores a value in a context"},
    {Role::WakeMethod, "wake", "wakes a thread blocked on the same object"},
    {Role::StopCallbackRegistration, "stop_callback_registration", "registers a callback run on cancellation"},
    {Role::SelectFunction, "select", "Go-style select over channel cases"},
    {Role::DoneMethod, "done", "a context's done channel"},
    {Role::ClockNow, "clock_now", "the current time of a clock"},
    {Role::DurationCast, "duration_cast", "converts a duration or time point, possibly truncating"},
    {Role::SignalHandlerRegistration, "signal_handler_registration", "registers a function run when the process receives a signal"},
    {Role::EraseMethod, "erase", "removes entries from a container"},
    {Role::ScopeGuardMacro, "scope_guard_macro", "a macro that runs a block at scope exit"},
    {Role::AssertionMacro, "assertion_macro", "a test assertion that leaves the function when it fails"},
    {Role::SelectDefault, "select_default", "the default case of a Go-style select"},
    {Role::ReadyStatus, "ready_status", "a readiness check's result that means ready"},
    {Role::UnwrapMethod, "unwrap", "yields the value held by a result wrapper that may hold an error (a method, an operator or a data member)"},
    {Role::TupleElement, "tuple_element", "element access of a tuple-like value: get<I>(t) reads element I, tie(a, b) = t assigns them"},
    {Role::NotReadyStatus, "not_ready_status", "a readiness check's result that means not ready: any other result means ready"},
    {Role::DetachFunction, "detach", "derives a context that is deliberately not cancelled with its parent (the explicit way to detach)"},
    {Role::TestMacro, "test_macro", "a macro that defines a test function"},
    {Role::BoundedWait, "bounded_wait", "blocks until woken, but at most its timeout or until its deadline (argument Arg)"},
    {Role::DurationLiteral, "duration_literal", "a literal operator whose value is the literal's number in the duration type it returns"},
    {Role::ScopedLock, "scoped_lock", "a class template that holds the mutex it is constructed with until the end of its scope: the lock a lost-wakeup fix-it takes"},
};
static_assert(sizeof(Roles) / sizeof(Roles[0]) ==
                  static_cast<size_t>(Role::NumRoles),
              "every role needs a name");

constexpr const char *ProfileNames[] = {
    "std",         "asio",         "grpc",     "folly",
    "seastar",     "boost-fiber",  "tbb",      "go-ports",
    "azure",       "scope-guards", "test-frameworks", "containers",
    "posix",       "user"};
static_assert(sizeof(ProfileNames) / sizeof(ProfileNames[0]) ==
                  static_cast<size_t>(Profile::NumProfiles),
              "every profile needs a name");

} // namespace

llvm::StringRef roleName(Role R) { return Roles[static_cast<size_t>(R)].Name; }

llvm::StringRef roleDescription(Role R) {
  return Roles[static_cast<size_t>(R)].Description;
}

std::optional<Role> roleFromName(llvm::StringRef Name) {
  for (const RoleInfo &I : Roles)
    if (Name == I.Name)
      return I.R;
  return std::nullopt;
}

llvm::StringRef profileName(Profile P) {
  return ProfileNames[static_cast<size_t>(P)];
}

std::optional<Profile> profileFromName(llvm::StringRef Name) {
  for (size_t I = 0; I < static_cast<size_t>(Profile::NumProfiles); ++I)
    if (Name == ProfileNames[I])
      return static_cast<Profile>(I);
  return std::nullopt;
}

} // namespace context_tidy
