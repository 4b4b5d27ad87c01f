//===- ApiModel.cpp - Which real APIs play which role ---------------------===//

#include "lib/model/ApiModel.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang;

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
};
static_assert(sizeof(Roles) / sizeof(Roles[0]) ==
                  static_cast<size_t>(Role::NumRoles),
              "every role needs a name");

constexpr const char *ProfileNames[] = {
    "std",         "asio",         "grpc",     "folly",
    "seastar",     "boost-fiber",  "tbb",      "go-ports",
    "azure",       "scope-guards", "test-frameworks", "containers",
    "user"};
static_assert(sizeof(ProfileNames) / sizeof(ProfileNames[0]) ==
                  static_cast<size_t>(Profile::NumProfiles),
              "every profile needs a name");

// The built-in table.  One row: role, name pattern, argument, flags,
// profile, note.  Kept in documentation order: docs/api-model.md is checked
// against it by the unit tests.
struct Row {
  Role R;
  const char *Pattern;
  int Arg;
  unsigned Flags;
  Profile P;
  const char *Note;
};

constexpr Profile Std = Profile::Std, Asio = Profile::Asio,
                  Grpc = Profile::Grpc, Folly = Profile::Folly,
                  Seastar = Profile::Seastar, Fiber = Profile::BoostFiber,
                  Tbb = Profile::Tbb, Go = Profile::GoPorts,
                  Azure = Profile::Azure, Guards = Profile::ScopeGuards,
                  Tests = Profile::TestFrameworks,
                  Cont = Profile::Containers;

constexpr Row BuiltinRows[] = {
    // ---- Types ---------------------------------------------------------
    {Role::ContextType, ".*([Cc]ontext|Ctx)(_t|_type|_base|Base)?", AutoArg, Structural, Go,
     "a class with Done()/done() and Err()/Deadline(): Go-style ports"},
    {Role::ContextType, "::Azure::Core::Context", AutoArg, NoFlags, Azure, "Azure SDK context"},
    {Role::TokenType, "::std::stop_token", AutoArg, NoFlags, Std, ""},
    {Role::TokenType, "::folly::CancellationToken", AutoArg, NoFlags, Folly, ""},
    {Role::TokenType, "::asio::cancellation_slot", AutoArg, NoFlags, Asio, ""},
    {Role::TokenType, "::boost::asio::cancellation_slot", AutoArg, NoFlags, Asio, ""},
    {Role::SourceType, "::std::stop_source", AutoArg, NoFlags, Std, ""},
    {Role::SourceType, "::folly::CancellationSource", AutoArg, NoFlags, Folly, ""},
    {Role::SourceType, "::asio::cancellation_signal", AutoArg, NoFlags, Asio, ""},
    {Role::SourceType, "::boost::asio::cancellation_signal", AutoArg, NoFlags, Asio, ""},
    {Role::SourceType, "::seastar::abort_source", AutoArg, NoFlags, Seastar,
     "also the token of code handed an abort_source&"},
    {Role::CancelHandleType, "CancelFunc", AutoArg, NoFlags, Go, "typedef names of Go-style ports"},
    {Role::CancelHandleType, "CancelCauseFunc", AutoArg, NoFlags, Go, ""},
    {Role::CancelHandleType, "CancelFn", AutoArg, NoFlags, Go, ""},
    {Role::CancelHandleType, "cancel_func", AutoArg, NoFlags, Go, ""},
    {Role::CancelHandleType, "cancel_func_t", AutoArg, NoFlags, Go, ""},
    {Role::CancelHandleType, "cancel_fn", AutoArg, NoFlags, Go, ""},
    {Role::StopCallbackType, "::std::stop_callback", AutoArg, NoFlags, Std, ""},
    {Role::StopCallbackType, "::folly::CancellationCallback", AutoArg, NoFlags, Folly, ""},
    {Role::ScopeGuardType, "::absl::Cleanup", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardType, "::gsl::final_action", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardType, "::folly::.*ScopeGuard.*", AutoArg, NoFlags, Guards, "folly::makeGuard, SCOPE_EXIT"},
    {Role::ScopeGuardType, "::std::experimental::scope_exit", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardType, "::std::experimental::fundamentals_v3::scope_exit", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardType, "::boost::scope::scope_exit", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardType, ".*([Ss]cope_?([Gg]uard|[Ee]xit)|[Dd]efer(red)?|[Ff]inal_?[Aa]ction|[Cc]leanup)",
     AutoArg, NoFlags, Guards, "any type so named"},
    {Role::MapType, "::std::map", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::std::multimap", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::std::unordered_map", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::std::unordered_multimap", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::std::flat_map", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::std::flat_multimap", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::absl::(flat_hash_map|node_hash_map|btree_map|btree_multimap)", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::boost::(unordered_map|unordered_multimap|unordered_flat_map|unordered_node_map)", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::boost::container::(map|multimap|flat_map|flat_multimap)", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::folly::(F14.*Map|ConcurrentHashMap|AtomicHashMap|sorted_vector_map)", AutoArg, NoFlags, Cont, ""},
    {Role::MapType, "::tsl::.*map", AutoArg, NoFlags, Cont, "robin_map, hopscotch_map, ordered_map, ..."},
    {Role::MapType, "::tbb::detail::d[0-9]+::concurrent_(hash_map|unordered_map|unordered_multimap|map|multimap)", AutoArg, NoFlags, Cont,
     "oneTBB, declared in tbb::detail::dN"},
    {Role::WrapperType, "::std::shared_ptr", AutoArg, PointerLike, Cont, ""},
    {Role::WrapperType, "::std::unique_ptr", AutoArg, PointerLike, Cont, ""},
    {Role::WrapperType, "::std::weak_ptr", AutoArg, PointerLike, Cont, ""},
    {Role::WrapperType, "::std::optional", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::std::pair", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::std::tuple", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::std::variant", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::std::expected", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::std::reference_wrapper", AutoArg, PointerLike, Cont, ""},
    {Role::WrapperType, "::std::atomic", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::boost::(shared_ptr|intrusive_ptr|local_shared_ptr)", AutoArg, PointerLike, Cont, ""},
    {Role::WrapperType, "::boost::(optional|variant)", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::folly::Optional", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::tl::expected", AutoArg, NoFlags, Cont, ""},
    {Role::WrapperType, "::golang::refptr", AutoArg, PointerLike, Go, "pygolang's smart pointer"},
    {Role::ContainerType, "::std::(vector|deque|list|forward_list|array)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::std::(set|multiset|unordered_set|unordered_multiset|flat_set|flat_multiset)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::std::(queue|stack|priority_queue)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::std::(map|multimap|unordered_map|unordered_multimap|flat_map|flat_multimap)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::absl::(InlinedVector|FixedArray|flat_hash_set|node_hash_set|btree_set)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::absl::(flat_hash_map|node_hash_map|btree_map|btree_multimap)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::boost::container::.*", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::folly::(fbvector|small_vector|F14.*|sorted_vector_.*)", AutoArg, NoFlags, Cont, ""},
    {Role::ContainerType, "::tbb::detail::d[0-9]+::concurrent_(vector|queue|bounded_queue|priority_queue|hash_map|unordered_map|unordered_multimap|map|multimap|unordered_set|unordered_multiset|set|multiset)",
     AutoArg, NoFlags, Cont, "oneTBB"},
    {Role::DurationType, "::std::chrono::duration", AutoArg, NoFlags, Std, ""},
    {Role::TimePointType, "::std::chrono::time_point", AutoArg, NoFlags, Std, ""},
    {Role::NeverCancelledTag, "::std::nostopstate_t", AutoArg, NoFlags, Std, "std::stop_source(std::nostopstate)"},

    // ---- Cancel handles and releases -----------------------------------
    {Role::CancelFactory, "WithCancel", AutoArg, NoFlags, Go, "Go naming"},
    {Role::CancelFactory, "WithTimeout", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "WithDeadline", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "WithCancelCause", AutoArg, CauseHandle, Go, ""},
    {Role::CancelFactory, "WithTimeoutCause", AutoArg, NoFlags, Go, "Go's handle takes no cause"},
    {Role::CancelFactory, "WithDeadlineCause", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "with_cancel", AutoArg, NoFlags, Go, "snake_case ports (pygolang, bongo)"},
    {Role::CancelFactory, "with_timeout", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "with_deadline", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "with_cancel_cause", AutoArg, CauseHandle, Go, ""},
    {Role::CancelFactory, "with_timeout_cause", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "with_deadline_cause", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "withCancel", AutoArg, NoFlags, Go, "camelCase ports (goincpp)"},
    {Role::CancelFactory, "withTimeout", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "withDeadline", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "withCancelCause", AutoArg, CauseHandle, Go, ""},
    {Role::CancelFactory, "withTimeoutCause", AutoArg, NoFlags, Go, ""},
    {Role::CancelFactory, "withDeadlineCause", AutoArg, NoFlags, Go, ""},
    {Role::ReleaseMethod, "::std::stop_source::request_stop", AutoArg, NoFlags, Std, ""},
    {Role::ReleaseMethod, "::std::jthread::request_stop", AutoArg, NoFlags, Std, ""},
    {Role::ReleaseMethod, "::folly::CancellationSource::requestCancellation", AutoArg, NoFlags, Folly, ""},
    {Role::ReleaseMethod, "::asio::cancellation_signal::emit", AutoArg, NoFlags, Asio, ""},
    {Role::ReleaseMethod, "::boost::asio::cancellation_signal::emit", AutoArg, NoFlags, Asio, ""},
    {Role::ReleaseMethod, "::seastar::abort_source::request_abort", AutoArg, NoFlags, Seastar, ""},
    {Role::ReleaseMethod, "::Azure::Core::Context::Cancel", AutoArg, NoFlags, Azure, ""},
    {Role::UnwrapMethod, "value", AutoArg, NoFlags, Cont, "std::optional, std::expected, absl::StatusOr, ..."},
    {Role::UnwrapMethod, "operator*", AutoArg, NoFlags, Cont, ""},
    {Role::UnwrapMethod, "operator->", AutoArg, NoFlags, Cont, ""},
    {Role::UnwrapMethod, "Value", AutoArg, NoFlags, Go, "gocxx's Result"},
    {Role::UnwrapMethod, "unwrap", AutoArg, NoFlags, Go, ""},
    {Role::UnwrapMethod, "Unwrap", AutoArg, NoFlags, Go, ""},
    {Role::TupleElement, "::std::get", AutoArg, NoFlags, Std, "get<I>(pair or tuple)"},
    {Role::TupleElement, "::std::tie", AutoArg, NoFlags, Std, "tie(ctx, cancel) = ..."},
    {Role::ScopeGuardFactory, "::absl::MakeCleanup", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardFactory, "::gsl::finally", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardFactory, "::folly::makeGuard", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardFactory, "::std::experimental::make_scope_exit", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardFactory, "::boost::scope::make_scope_exit", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardMacro, "SCOPE_EXIT", AutoArg, NoFlags, Guards, "folly"},
    {Role::ScopeGuardMacro, "BOOST_SCOPE_EXIT", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardMacro, "BOOST_SCOPE_EXIT_ALL", AutoArg, NoFlags, Guards, ""},
    {Role::ScopeGuardMacro, "DEFER", AutoArg, NoFlags, Guards, ""},
    {Role::AssertionMacro, "ASSERT_.*", AutoArg, NoFlags, Tests, "GoogleTest"},
    {Role::AssertionMacro, "(GTEST_)?FAIL", AutoArg, NoFlags, Tests, "GoogleTest, Catch2, doctest"},
    {Role::AssertionMacro, "GTEST_FAIL_AT", AutoArg, NoFlags, Tests, ""},
    {Role::AssertionMacro, "GTEST_SKIP", AutoArg, NoFlags, Tests, ""},
    {Role::AssertionMacro, "REQUIRE(_.*)?", AutoArg, NoFlags, Tests, "Catch2, doctest"},
    {Role::AssertionMacro, "(DOCTEST_|CATCH_)(REQUIRE.*|FAIL)", AutoArg, NoFlags, Tests, ""},
    {Role::AssertionMacro, "SKIP", AutoArg, NoFlags, Tests, "Catch2"},
    {Role::TestMacro, "(GTEST_)?(TYPED_)?TEST(_F|_P)?", AutoArg, NoFlags, Tests, "GoogleTest"},
    {Role::TestMacro, "(CATCH_|DOCTEST_)?(TEST_CASE|TEST_CASE_METHOD|TEST_CASE_FIXTURE|SCENARIO|TEMPLATE_TEST_CASE)", AutoArg, NoFlags, Tests,
     "Catch2, doctest"},
    {Role::TestMacro, "BOOST_(AUTO|FIXTURE|DATA)_TEST_CASE", AutoArg, NoFlags, Tests, "Boost.Test"},

    // ---- Blocking calls ---------------------------------------------
    {Role::BlockingCall, "::std::condition_variable::wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::condition_variable_any::wait", AutoArg, BlindUnlessTokenArg, Std,
     "wait(lock, stop_token, pred) is aware"},
    {Role::BlockingCall, "::std::future::get", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::future::wait", AutoArg, NoFlags, Std, "declared in std::__basic_future"},
    {Role::BlockingCall, "::std::shared_future::get", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::shared_future::wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::thread::join", AutoArg, JoinsCallable, Std, "not std::jthread::join"},
    {Role::BlockingCall, "::std::latch::wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::latch::arrive_and_wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::barrier::arrive_and_wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::barrier::wait", AutoArg, NoFlags, Std, ""},
    {Role::BlockingCall, "::std::counting_semaphore::acquire", AutoArg, NoFlags, Std, "also binary_semaphore"},
    {Role::BlockingCall, "::std::this_thread::sleep_for", AutoArg, SleepCall, Std, "unless shorter than MaxStopLatency"},
    {Role::BlockingCall, "::std::this_thread::sleep_until", AutoArg, SleepCall, Std, ""},
    {Role::BlockingCall, "::boost::fibers::buffered_channel::push", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::buffered_channel::pop", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::buffered_channel::value_pop", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::unbuffered_channel::push", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::unbuffered_channel::pop", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::unbuffered_channel::value_pop", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::condition_variable::wait", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "::boost::fibers::condition_variable_any::wait", AutoArg, NoFlags, Fiber, ""},
    {Role::BlockingCall, "concurrent_bounded_queue::push", AutoArg, NoFlags, Tbb,
     "declared in tbb::detail::d2"},
    {Role::BlockingCall, "concurrent_bounded_queue::pop", AutoArg, NoFlags, Tbb, ""},
    {Role::BlockingCall, "concurrent_bounded_queue::emplace", AutoArg, NoFlags, Tbb, ""},
    {Role::BlockingCall, "::folly::Baton::wait", AutoArg, NoFlags, Folly, ""},
    {Role::BlockingCall, "::folly::SemiFuture::get", AutoArg, BlindOnlyWithoutArgs, Folly, "get(Duration) is bounded"},
    {Role::BlockingCall, "::folly::Future::get", AutoArg, BlindOnlyWithoutArgs, Folly, ""},
    {Role::BlockingCall, "::folly::Future::wait", AutoArg, BlindOnlyWithoutArgs, Folly, ""},
    {Role::BlockingCall, "::asio::basic_waitable_timer::wait", AutoArg, NoFlags, Asio, ""},
    {Role::BlockingCall, "::boost::asio::basic_waitable_timer::wait", AutoArg, NoFlags, Asio, ""},
    {Role::BlockingCall, "::boost::asio::basic_deadline_timer::wait", AutoArg, NoFlags, Asio, ""},
    {Role::BlockingCall, "::grpc::CompletionQueue::Next", AutoArg, NoFlags, Grpc, "AsyncNext is bounded"},
    {Role::BlockingCall, "chan::send", AutoArg, NoFlags, Go, "channels of Go-style ports"},
    {Role::BlockingCall, "chan::recv", AutoArg, NoFlags, Go, ""},
    {Role::BlockingCall, "chan::recv_", AutoArg, NoFlags, Go, ""},
    {Role::BlockingCall, "Chan::Send", AutoArg, NoFlags, Go, ""},
    {Role::BlockingCall, "Chan::Recv", AutoArg, NoFlags, Go, ""},
    {Role::BlockingCall, "(C|c)hannel::(send|recv|receive|Send|Recv|Receive)", AutoArg, NoFlags, Go, ""},
    {Role::BlockingCall, "(chan|Chan|channel|Channel)::operator(<<|>>)", AutoArg, NoFlags, Go, ""},
    {Role::ReadinessCheck, "::std::future::wait_for", AutoArg, NoFlags, Std, "compared with future_status::ready"},
    {Role::ReadinessCheck, "::std::shared_future::wait_for", AutoArg, NoFlags, Std, ""},
    {Role::ReadinessCheck, "::std::future::wait_until", AutoArg, NoFlags, Std, ""},
    {Role::ReadinessCheck, "::std::shared_future::wait_until", AutoArg, NoFlags, Std, ""},
    {Role::ReadinessCheck, "::folly::(Semi)?Future::isReady", AutoArg, NoFlags, Folly, ""},
    {Role::ReadinessCheck, "is_ready", AutoArg, NoFlags, Std, "boost::future, experimental futures"},
    {Role::ReadyStatus, "::std::future_status::ready", AutoArg, NoFlags, Std, "wait_for(0s) == ready"},
    {Role::ReadyStatus, "::boost::future_status::ready", AutoArg, NoFlags, Std, ""},
    {Role::NotReadyStatus, "::std::future_status::timeout", AutoArg, NoFlags, Std, "wait_for(d) == timeout: not ready; otherwise ready or deferred"},
    {Role::NotReadyStatus, "::boost::future_status::timeout", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "notify_one", AutoArg, NoFlags, Std, "on any class"},
    {Role::WakeMethod, "notify_all", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "release", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "count_down", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "arrive", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "arrive_and_drop", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "set_value", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "set_exception", AutoArg, NoFlags, Std, ""},
    {Role::WakeMethod, "close", AutoArg, NoFlags, Fiber, ""},
    {Role::WakeMethod, "push", AutoArg, NoFlags, Fiber, ""},
    {Role::WakeMethod, "try_push", AutoArg, NoFlags, Fiber, ""},
    {Role::WakeMethod, "abort", AutoArg, NoFlags, Tbb, ""},
    {Role::WakeMethod, "post", AutoArg, NoFlags, Folly, "folly::Baton"},
    {Role::WakeMethod, "cancel", AutoArg, NoFlags, Asio, "timers"},
    {Role::WakeMethod, "Shutdown", AutoArg, NoFlags, Grpc, "CompletionQueue"},
    {Role::WakeMethod, "send", AutoArg, NoFlags, Go, ""},
    {Role::WakeMethod, "Send", AutoArg, NoFlags, Go, ""},
    {Role::StopCallbackRegistration, "::seastar::abort_source::subscribe", AutoArg, NoFlags, Seastar, ""},
    {Role::StopCallbackRegistration, "::asio::cancellation_slot::assign", AutoArg, NoFlags, Asio, ""},
    {Role::StopCallbackRegistration, "::asio::cancellation_slot::emplace", AutoArg, NoFlags, Asio, ""},
    {Role::StopCallbackRegistration, "::boost::asio::cancellation_slot::assign", AutoArg, NoFlags, Asio, ""},
    {Role::StopCallbackRegistration, "::boost::asio::cancellation_slot::emplace", AutoArg, NoFlags, Asio, ""},
    {Role::SelectFunction, ".+::[Ss]elect", AutoArg, NoFlags, Go, "in a namespace: not POSIX ::select"},
    {Role::SelectDefault, "_default", AutoArg, NoFlags, Go, "pygolang"},
    {Role::SelectDefault, "default_case", AutoArg, NoFlags, Go, ""},
    {Role::SelectDefault, "DefaultCase", AutoArg, NoFlags, Go, ""},
    {Role::SelectDefault, "Default", AutoArg, NoFlags, Go, ""},
    {Role::DoneMethod, "Done", AutoArg, NoFlags, Go, ""},
    {Role::DoneMethod, "done", AutoArg, NoFlags, Go, ""},
    {Role::RootContext, "Background", AutoArg, ReturnsContext, Go, ""},
    {Role::RootContext, "TODO", AutoArg, ReturnsContext, Go, ""},
    {Role::RootContext, "background", AutoArg, ReturnsContext, Go, ""},
    {Role::RootContext, "todo", AutoArg, ReturnsContext, Go, ""},
    {Role::RootContext, "::Azure::Core::Context::ApplicationContext", AutoArg, NoFlags, Azure, "a static data member"},
    {Role::RootContext, "::Azure::Core::Context::GetApplicationContext", AutoArg, ReturnsContext, Azure, "before 1.0.0-beta.8"},
    {Role::DetachFunction, "WithoutCancel", AutoArg, NoFlags, Go, "Go 1.21 naming"},
    {Role::DetachFunction, "without_cancel", AutoArg, NoFlags, Go, ""},
    {Role::DetachFunction, "withoutCancel", AutoArg, NoFlags, Go, ""},
    {Role::WithValue, "WithValue", 2, MemberShift, Go, "(parent, key, value)"},
    {Role::WithValue, "with_value", 2, MemberShift, Go, ""},
    {Role::WithValue, "withValue", 2, MemberShift, Go, ""},
    {Role::WithValue, "::Azure::Core::Context::WithValue", 1, NoFlags, Azure, "(key, value)"},

    // ---- Timeouts and deadlines -------------------------------------
    {Role::RelativeTimeout, "WithTimeout", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::RelativeTimeout, "WithTimeoutCause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::RelativeTimeout, "with_timeout", AutoArg, SecondsIfArithmetic, Go, "pygolang: double seconds"},
    {Role::RelativeTimeout, "with_timeout_cause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::RelativeTimeout, "withTimeout", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::RelativeTimeout, "withTimeoutCause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::RelativeTimeout, "::folly::coro::timeout", 1, NoFlags, Folly, ""},
    {Role::RelativeTimeout, "::seastar::sleep_abortable", 0, NoFlags, Seastar, ""},
    {Role::AbsoluteDeadline, "WithDeadline", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "WithDeadlineCause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "with_deadline", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "with_deadline_cause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "withDeadline", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "withDeadlineCause", AutoArg, SecondsIfArithmetic, Go, ""},
    {Role::AbsoluteDeadline, "::grpc::ClientContext::set_deadline", 0, NoFlags, Grpc, ""},
    {Role::AbsoluteDeadline, "::Azure::Core::Context::WithDeadline", 0, NoFlags, Azure, ""},
    {Role::PollTimeout, "::std::condition_variable::wait_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::condition_variable_any::wait_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::future::wait_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::shared_future::wait_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::counting_semaphore::try_acquire_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::(timed_mutex|recursive_timed_mutex|shared_timed_mutex|unique_lock|shared_lock)::try_lock_for",
     AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::std::shared_timed_mutex::try_lock_shared_for", AutoArg, NoFlags, Std, ""},
    {Role::PollTimeout, "::folly::Baton::try_wait_for", AutoArg, NoFlags, Folly, ""},
    {Role::PollTimeout, "::boost::fibers::(buffered|unbuffered)_channel::(pop|push)_wait_for", AutoArg, NoFlags, Fiber, ""},
    {Role::PollTimeout, "::boost::fibers::condition_variable(_any)?::wait_for", AutoArg, NoFlags, Fiber, ""},
    {Role::PollTimeout, "::asio::io_context::run_for", AutoArg, NoFlags, Asio, ""},
    {Role::PollTimeout, "::asio::io_context::run_one_for", AutoArg, NoFlags, Asio, ""},
    {Role::PollTimeout, "::boost::asio::io_context::run_(one_)?for", AutoArg, NoFlags, Asio, ""},
    {Role::PollTimeout, "::asio::basic_waitable_timer::expires_after", AutoArg, NoFlags, Asio, ""},
    {Role::PollTimeout, "::asio::basic_waitable_timer::expires_from_now", AutoArg, NoFlags, Asio, ""},
    {Role::PollTimeout, "::asio::basic_waitable_timer::basic_waitable_timer", AutoArg, NoFlags, Asio,
     "the constructor taking a duration"},
    {Role::PollTimeout, "::boost::asio::basic_waitable_timer::(expires_after|expires_from_now|basic_waitable_timer)",
     AutoArg, NoFlags, Asio, ""},
    {Role::PollDeadline, "::std::(condition_variable|condition_variable_any|future|shared_future)::wait_until",
     AutoArg, NoFlags, Std, ""},
    {Role::PollDeadline, "::std::counting_semaphore::try_acquire_until", AutoArg, NoFlags, Std, ""},
    {Role::PollDeadline, "::std::(timed_mutex|recursive_timed_mutex|shared_timed_mutex|unique_lock|shared_lock)::try_lock_until",
     AutoArg, NoFlags, Std, ""},
    {Role::PollDeadline, "::grpc::CompletionQueue::AsyncNext", 2, NoFlags, Grpc, ""},
    {Role::PollDeadline, "::asio::basic_waitable_timer::expires_at", AutoArg, NoFlags, Asio, ""},
    {Role::PollDeadline, "::asio::io_context::run_(one_)?until", AutoArg, NoFlags, Asio, ""},
    {Role::PollDeadline, "::boost::asio::basic_waitable_timer::expires_at", AutoArg, NoFlags, Asio, ""},
    {Role::PollDeadline, "::boost::fibers::(buffered|unbuffered)_channel::(pop|push)_wait_until", AutoArg, NoFlags, Fiber, ""},
    // ---- Bounded waits: how long they can delay noticing a stop ------
    {Role::BoundedWait, "::std::(condition_variable|condition_variable_any)::(wait_for|wait_until)", AutoArg, NoFlags, Std, ""},
    {Role::BoundedWait, "::std::(future|shared_future)::(wait_for|wait_until)", AutoArg, NoFlags, Std, ""},
    {Role::BoundedWait, "::std::counting_semaphore::(try_acquire_for|try_acquire_until)", AutoArg, NoFlags, Std, ""},
    {Role::BoundedWait, "::std::(timed_mutex|recursive_timed_mutex|shared_timed_mutex|unique_lock|shared_lock)::(try_lock_for|try_lock_until)",
     AutoArg, NoFlags, Std, ""},
    {Role::BoundedWait, "::folly::Baton::(try_wait_for|try_wait_until)", AutoArg, NoFlags, Folly, ""},
    {Role::BoundedWait, "::boost::fibers::(buffered|unbuffered)_channel::(pop|push)_wait_(for|until)", AutoArg, NoFlags, Fiber, ""},
    {Role::BoundedWait, "::boost::fibers::condition_variable(_any)?::(wait_for|wait_until)", AutoArg, NoFlags, Fiber, ""},
    {Role::ClockNow, "::std::chrono::(system_clock|steady_clock|high_resolution_clock|utc_clock|tai_clock|gps_clock|file_clock)::now",
     AutoArg, NoFlags, Std, ""},
    {Role::DurationCast, "::std::chrono::duration_cast", AutoArg, NoFlags, Std, ""},
    {Role::DurationCast, "::std::chrono::floor", AutoArg, NoFlags, Std, ""},
    {Role::DurationCast, "::std::chrono::round", AutoArg, NoFlags, Std, ""},
    {Role::DurationCast, "::std::chrono::ceil", AutoArg, NoFlags, Std, ""},
    {Role::DurationCast, "::std::chrono::time_point_cast", AutoArg, NoFlags, Std, ""},
    {Role::DurationLiteral, "::std::operator\"\"(h|min|s|ms|us|ns)", AutoArg, NoFlags, Std,
     "in std::literals::chrono_literals (inline namespaces are not part of the name)"},
    {Role::SignalHandlerRegistration, "::signal", 1, NoFlags, Std, "also std::signal (a using-declaration)"},
    {Role::SignalHandlerRegistration, "::sigset", 1, NoFlags, Std, ""},
    {Role::SignalHandlerRegistration, "::bsd_signal", 1, NoFlags, Std, ""},
    {Role::SignalHandlerRegistration, "::SetConsoleCtrlHandler", 0, NoFlags, Std, "Windows"},
    {Role::SignalHandlerRegistration, "::asio::basic_signal_set::async_wait", 0, NoFlags, Asio, ""},
    {Role::SignalHandlerRegistration, "::boost::asio::basic_signal_set::async_wait", 0, NoFlags, Asio, ""},
    {Role::EraseMethod, "erase", AutoArg, NoFlags, Cont, "on any class"},
    {Role::EraseMethod, "extract", AutoArg, NoFlags, Cont, ""},
    {Role::EraseMethod, "unsafe_erase", AutoArg, NoFlags, Cont, "oneTBB"},
};

bool isTypeRole(Role R) { return R <= Role::NeverCancelledTag; }

/// Roles whose classes are inherited: a class derived from a context (or
/// token, source, ...) is one.
bool isInheritedTypeRole(Role R) {
  switch (R) {
  case Role::ContextType:
  case Role::TokenType:
  case Role::SourceType:
  case Role::CancelHandleType:
  case Role::StopCallbackType:
  case Role::ScopeGuardType:
    return true;
  default:
    return false;
  }
}

/// Splits "name:3" into ("name", 3).  "a::b" has no argument.
std::pair<llvm::StringRef, int> splitArgument(llvm::StringRef Spec) {
  size_t Colon = Spec.rfind(':');
  if (Colon == llvm::StringRef::npos || Colon == 0 || Spec[Colon - 1] == ':')
    return {Spec, AutoArg};
  unsigned N;
  if (Spec.substr(Colon + 1).getAsInteger(10, N))
    return {Spec, AutoArg};
  return {Spec.substr(0, Colon), static_cast<int>(N)};
}

const CXXRecordDecl *templatePattern(const CXXRecordDecl *RD) {
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const ClassTemplateDecl *T = S->getSpecializedTemplate())
      return T->getTemplatedDecl();
  return nullptr;
}

bool hasMethodNamed(const CXXRecordDecl *RD,
                    std::initializer_list<llvm::StringRef> Names,
                    llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Seen) {
  if (!RD || !Seen.insert(RD->getCanonicalDecl()).second)
    return false;
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def) {
    if (const CXXRecordDecl *P = templatePattern(RD))
      Def = P->getDefinition();
    if (!Def)
      return false;
  }
  for (const Decl *D : Def->decls()) {
    const auto *ND = dyn_cast<NamedDecl>(D);
    if (!ND || !ND->getIdentifier())
      continue;
    if (!isa<CXXMethodDecl>(ND) && !isa<FunctionTemplateDecl>(ND))
      continue;
    for (llvm::StringRef N : Names)
      if (ND->getName() == N)
        return true;
  }
  for (const CXXBaseSpecifier &B : Def->bases())
    if (hasMethodNamed(B.getType()->getAsCXXRecordDecl(), Names, Seen))
      return true;
  return false;
}

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

llvm::ArrayRef<ApiEntry> builtinEntries() {
  static const std::vector<ApiEntry> Entries = [] {
    std::vector<ApiEntry> V;
    for (const Row &R : BuiltinRows)
      V.push_back({R.R, R.Pattern, R.Arg, R.Flags, R.P, R.Note});
    return V;
  }();
  return Entries;
}

std::string extraEntryError(llvm::StringRef Spec) {
  NameTable Scratch;
  std::string Why;
  if (!Scratch.add(splitArgument(Spec.trim()).first, 0, &Why))
    return Why;
  return "";
}

ApiModel::ApiModel(const Config &C) {
  for (const ApiEntry &E : builtinEntries())
    if (C.Profiles[static_cast<size_t>(E.From)])
      Entries.push_back(E);
  for (const auto &[R, Spec] : C.Extra) {
    auto [Name, Arg] = splitArgument(llvm::StringRef(Spec).trim());
    if (Name.empty())
      continue;
    Entries.push_back({R, Name.str(), Arg, NoFlags, Profile::User, ""});
  }
  for (unsigned I = 0; I < Entries.size(); ++I) {
    std::string Why;
    if (!Tables[static_cast<size_t>(Entries[I].R)].add(Entries[I].Pattern, I,
                                                       &Why))
      Errors.push_back("invalid pattern '" + Entries[I].Pattern + "' for " +
                       roleName(Entries[I].R).str() + ": " + Why);
  }
}

const ApiEntry *ApiModel::annotationEntry(const Decl *D, Role R) const {
  if (!D || !D->hasAttrs())
    return nullptr;
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    llvm::StringRef Text = A->getAnnotation();
    if (!Text.consume_front("context::"))
      continue;
    auto [Name, Arg] = splitArgument(Text);
    if (roleFromName(Name) != R)
      continue;
    for (const ApiEntry &E : AnnotationEntries)
      if (E.R == R && E.Arg == Arg)
        return &E;
    AnnotationEntries.push_back(
        {R, "[[clang::annotate(\"" + A->getAnnotation().str() + "\")]]", Arg,
         NoFlags, Profile::User, ""});
    return &AnnotationEntries.back();
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchQualified(Role R, llvm::StringRef Last,
                                         llvm::StringRef Qualified,
                                         const NamedDecl *ForStructural) const {
  llvm::SmallVector<unsigned, 4> Hits;
  Tables[static_cast<size_t>(R)].match(Last, Qualified, Hits);
  for (unsigned I : Hits) {
    const ApiEntry &E = Entries[I];
    if (E.Flags & Structural) {
      const auto *RD = dyn_cast_or_null<CXXRecordDecl>(ForStructural);
      if (!RD || !isStructuralContext(RD))
        continue;
    }
    return &E;
  }
  return nullptr;
}

bool ApiModel::isStructuralContext(const CXXRecordDecl *RD) const {
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  if (!hasMethodNamed(RD, {"Done", "done"}, Seen))
    return false;
  Seen.clear();
  return hasMethodNamed(RD, {"Err", "err", "Deadline", "deadline"}, Seen);
}

const ApiEntry *ApiModel::matchRecord(const CXXRecordDecl *RD, Role R) const {
  if (!RD || !isTypeRole(R))
    return nullptr;
  RD = RD->getCanonicalDecl();
  auto Key = std::make_pair(static_cast<const Decl *>(RD),
                            static_cast<unsigned>(R));
  auto It = RecordCache.find(Key);
  if (It != RecordCache.end())
    return It->second;
  RecordCache[Key] = nullptr; // breaks cycles through odd base graphs

  const ApiEntry *Found = annotationEntry(RD, R);
  const CXXRecordDecl *Pattern = templatePattern(RD);
  if (!Found && Pattern)
    Found = annotationEntry(Pattern, R);
  if (!Found) {
    std::string Last = simpleName(RD);
    if (!Last.empty() && Tables[static_cast<size_t>(R)].mayMatch(Last))
      Found = matchQualified(R, Last, qualifiedName(RD), RD);
  }
  if (!Found && isInheritedTypeRole(R)) {
    if (const CXXRecordDecl *Def = RD->getDefinition()) {
      for (const CXXBaseSpecifier &B : Def->bases()) {
        if ((Found = matchRecord(B.getType()->getAsCXXRecordDecl(), R)))
          break;
      }
    }
  }
  RecordCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchType(QualType T, Role R) const {
  if (T.isNull() || !isTypeRole(R))
    return nullptr;
  // Types are uniqued by the ASTContext, and the walk below ignores
  // qualifiers: the type node is the key.
  auto Key = std::make_pair(T.getTypePtr(), static_cast<unsigned>(R));
  auto It = TypeCache.find(Key);
  if (It != TypeCache.end())
    return It->second;
  const ApiEntry *Found = matchTypeUncached(T.getTypePtr(), R);
  TypeCache[Key] = Found;
  return Found;
}

const ApiEntry *ApiModel::matchTypeUncached(const Type *Ty, Role R) const {
  while (true) {
    if (const auto *TT = dyn_cast<TypedefType>(Ty)) {
      const TypedefNameDecl *TD = TT->getDecl();
      if (const ApiEntry *E = annotationEntry(TD, R))
        return E;
      std::string Last = simpleName(TD);
      if (Tables[static_cast<size_t>(R)].mayMatch(Last))
        if (const ApiEntry *E = matchQualified(R, Last, qualifiedName(TD),
                                               nullptr))
          return E;
    } else if (const auto *TST = dyn_cast<TemplateSpecializationType>(Ty)) {
      if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl()) {
        if (TST->isTypeAlias()) {
          std::string Last = simpleName(TD);
          if (Tables[static_cast<size_t>(R)].mayMatch(Last))
            if (const ApiEntry *E =
                    matchQualified(R, Last, qualifiedName(TD), nullptr))
              return E;
        } else if (const auto *CTD = dyn_cast<ClassTemplateDecl>(TD)) {
          // Covers dependent specializations in uninstantiated templates.
          if (TST->isDependentType())
            return matchRecord(CTD->getTemplatedDecl(), R);
        }
      }
    }
    QualType Next = Ty->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next.getTypePtr() == Ty)
      break;
    Ty = Next.getTypePtr();
  }
  if (const CXXRecordDecl *RD = Ty->getAsCXXRecordDecl())
    return matchRecord(RD, R);
  return nullptr;
}

const Decl *ApiModel::functionKey(const FunctionDecl *FD) {
  // Every implicit instantiation of a function template has the template's
  // names, class and annotations: one entry serves them all (each chrono
  // literal 5ms is its own specialization of operator""ms<'5'>).
  if (const FunctionTemplateDecl *Primary = FD->getPrimaryTemplate())
    if (FD->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
      return Primary->getCanonicalDecl();
  return FD;
}

uint64_t ApiModel::candidateRoles(const FunctionDecl *FD,
                                  const Decl *Key) const {
  auto [It, Inserted] = CandidateCache.try_emplace(Key, 0);
  if (!Inserted)
    return It->second;
  uint64_t Mask = 0;
  auto Annotated = [](const Decl *D) {
    return D && D->hasAttrs() && D->hasAttr<AnnotateAttr>();
  };
  if (Annotated(FD) || Annotated(FD->getTemplateInstantiationPattern())) {
    Mask = ~uint64_t(0);
  } else {
    std::string Last = simpleName(FD);
    if (!Last.empty())
      for (unsigned I = 0; I < static_cast<unsigned>(Role::NumRoles); ++I)
        if (!isTypeRole(static_cast<Role>(I)) && Tables[I].mayMatch(Last))
          Mask |= roleBit(static_cast<Role>(I));
  }
  It->second = Mask;
  return Mask;
}

const ApiEntry *ApiModel::matchFunction(const FunctionDecl *FD, Role R,
                                        const CXXRecordDecl *ObjectClass) const {
  if (!FD || isTypeRole(R))
    return nullptr;
  const Decl *Key = functionKey(FD);
  if (!(candidateRoles(FD, Key) & roleBit(R)))
    return nullptr;
  return matchFunctionCached(FD, Key, R, ObjectClass);
}

const ApiEntry *
ApiModel::matchFunctionCached(const FunctionDecl *FD, const Decl *Key, Role R,
                              const CXXRecordDecl *ObjectClass) const {
  auto CacheKey = std::make_tuple(Key, static_cast<const Decl *>(ObjectClass),
                                  static_cast<unsigned>(R));
  auto It = FunctionCache.find(CacheKey);
  if (It != FunctionCache.end())
    return It->second;
  const ApiEntry *Found = matchFunctionUncached(FD, R, ObjectClass);
  FunctionCache[CacheKey] = Found;
  return Found;
}

const ApiEntry *
ApiModel::matchFunctionUncached(const FunctionDecl *FD, Role R,
                                const CXXRecordDecl *ObjectClass) const {
  if (const ApiEntry *E = annotationEntry(FD, R))
    return E;
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    if (const ApiEntry *E = annotationEntry(P, R))
      return E;
  std::string Last = simpleName(FD);
  const NameTable &Table = Tables[static_cast<size_t>(R)];
  if (Last.empty() || !Table.mayMatch(Last))
    return nullptr;

  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD)
    return matchQualified(R, Last, qualifiedName(FD), nullptr);

  // A constructor matches only a pattern spelled "Class::Class": a bare
  // "WithCancel" must not make constructing a class WithCancel a factory.
  bool IsConstructor = isa<CXXConstructorDecl>(MD);
  auto Accept = [&](const ApiEntry *E) {
    if (!E || !IsConstructor)
      return E;
    llvm::StringRef P(E->Pattern);
    std::string Twice = "::" + Last;
    return P.ends_with(Last + Twice) ? E : nullptr;
  };

  // The object's class and its bases, then the method's own class.
  llvm::SmallVector<const CXXRecordDecl *, 8> Work;
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Seen;
  Work.push_back(ObjectClass ? ObjectClass : MD->getParent());
  Work.push_back(MD->getParent());
  for (size_t I = 0; I < Work.size(); ++I) {
    const CXXRecordDecl *C = Work[I];
    if (!C || !Seen.insert(C->getCanonicalDecl()).second)
      continue;
    if (const ApiEntry *E =
            Accept(matchQualified(R, Last, qualifiedName(C) + "::" + Last,
                                  nullptr)))
      return E;
    if (IsConstructor)
      break;
    if (const CXXRecordDecl *Def = C->getDefinition())
      for (const CXXBaseSpecifier &B : Def->bases())
        Work.push_back(B.getType()->getAsCXXRecordDecl());
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchCall(const Expr *Call, Role R) const {
  if (!Call || isTypeRole(R))
    return nullptr;
  // The checks ask one call several roles in a row: its callee, key and
  // candidate roles are found once.
  if (Call != LastCall.Call) {
    LastCall = ResolvedCall();
    LastCall.Call = Call;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Call)) {
      LastCall.FD = CE->getConstructor();
      LastCall.ObjectKnown = true; // a constructor has no object
    } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
      LastCall.FD = CE->getDirectCallee();
    }
    if (LastCall.FD) {
      LastCall.Key = functionKey(LastCall.FD);
      LastCall.Roles = candidateRoles(LastCall.FD, LastCall.Key);
    }
  }
  const FunctionDecl *FD = LastCall.FD;
  if (!FD || !(LastCall.Roles & roleBit(R)))
    return nullptr;
  if (!LastCall.ObjectKnown) {
    LastCall.ObjectKnown = true;
    // The object as written: a derived-to-base conversion to the method's
    // class (std::future -> std::__basic_future) is looked through.
    const auto *CE = cast<CallExpr>(Call);
    const Expr *Object = nullptr;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
      Object = MCE->getImplicitObjectArgument();
    else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD) &&
             CE->getNumArgs() > 0)
      Object = CE->getArg(0);
    if (Object) {
      QualType T = Object->IgnoreParenImpCasts()->getType();
      if (const auto *PT = T->getAs<PointerType>())
        T = PT->getPointeeType();
      LastCall.ObjectClass = T->getAsCXXRecordDecl();
    }
  }
  return matchFunctionCached(FD, LastCall.Key, R, LastCall.ObjectClass);
}

bool ApiModel::matchPlainName(llvm::StringRef Name, Role R) const {
  llvm::SmallVector<unsigned, 2> Hits;
  Tables[static_cast<size_t>(R)].matchUnqualified(Name, Hits);
  return !Hits.empty();
}

const ApiEntry *ApiModel::matchDecl(const NamedDecl *D, Role R) const {
  if (!D)
    return nullptr;
  if (const ApiEntry *E = annotationEntry(D, R))
    return E;
  std::string Last = simpleName(D);
  if (Last.empty() || !Tables[static_cast<size_t>(R)].mayMatch(Last))
    return nullptr;
  return matchQualified(R, Last, qualifiedName(D), nullptr);
}

int ApiModel::annotatedParameter(const FunctionDecl *FD, Role R) {
  if (!FD)
    return -1;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    for (const auto *A : P->specific_attrs<AnnotateAttr>()) {
      llvm::StringRef Text = A->getAnnotation();
      if (Text.consume_front("context::") && roleFromName(Text) == R)
        return static_cast<int>(I);
    }
  }
  return -1;
}

int ApiModel::argumentIndex(const ApiEntry &E, const FunctionDecl *FD,
                            llvm::ArrayRef<const Expr *> Args) const {
  int Annotated = annotatedParameter(FD, E.R);
  if (Annotated >= 0)
    return Annotated < static_cast<int>(Args.size()) ? Annotated : -1;
  if (E.Arg >= 0) {
    int Index = E.Arg;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(FD);
    if ((E.Flags & MemberShift) && MD && !MD->isStatic())
      --Index;
    return Index >= 0 && Index < static_cast<int>(Args.size()) ? Index : -1;
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = Args[I]->getType().getNonReferenceType();
    if (matchType(T, Role::DurationType) || matchType(T, Role::TimePointType))
      return static_cast<int>(I);
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType T = Args[I]->getType().getCanonicalType();
    if (T->isArithmeticType() && !T->isBooleanType())
      return static_cast<int>(I);
  }
  return -1;
}

} // namespace context_tidy
