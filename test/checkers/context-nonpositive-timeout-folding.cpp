// RUN: %check_clang_tidy %s context-nonpositive-timeout %t -- -- -isystem %mocks
//
// Every form of constant the check folds, through gocxx's
// WithTimeout(ContextPtr, std::chrono::milliseconds) and pygolang's
// with_timeout(Context, double): Clang's constant evaluator, plus what C++
// does not call a constant expression but is fixed.
#include <gocxx/context.h>
#include <golang/context.h>

using namespace std::chrono_literals;
namespace chr = std::chrono;
using gocxx::context::ContextPtr;
using gocxx::context::WithTimeout;

// --- Chrono constructors, literals, zero(), min(), arithmetic.
void chronoForms(ContextPtr p) {
  auto a = WithTimeout(p, chr::seconds(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto b = WithTimeout(p, chr::milliseconds{-5});
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-5ms); the context is already expired when it is created [context-nonpositive-timeout]
  auto c = WithTimeout(p, chr::duration_cast<chr::milliseconds>(0.0s));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto d = WithTimeout(p, chr::hours::zero());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  auto e = WithTimeout(p, chr::milliseconds::min());
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-9223372036854775808ms); the context is already expired when it is created [context-nonpositive-timeout]
  auto f = WithTimeout(p, 5s - 10s);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-5s); the context is already expired when it is created [context-nonpositive-timeout]
  auto g = WithTimeout(p, 2 * -1ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-2ms); the context is already expired when it is created [context-nonpositive-timeout]
  auto h = WithTimeout(p, 1s - 1000ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]

  auto ok1 = WithTimeout(p, 10s - 5s);
  auto ok2 = WithTimeout(p, chr::milliseconds::max());
  auto ok3 = WithTimeout(p, 1ms * 0 + 1ms);
}

// --- constexpr and const variables: a note points at the definition.
constexpr auto kNoWait = 0ms;
// A const (not constexpr) variable of class type is not usable in a C++
// constant expression, but its value is fixed.
const chr::seconds kGrace(5);
const chr::milliseconds kBase = 250ms;
static const auto kNegative = -kBase;

void variables(ContextPtr p) {
  auto a = WithTimeout(p, kNoWait);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:16: note: 'kNoWait' is defined here
  auto b = WithTimeout(p, kGrace - 5s);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-10]]:20: note: 'kGrace' is defined here
  auto c = WithTimeout(p, 2 * kBase - kGrace);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-4500ms); the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-12]]:25: note: 'kBase' is defined here
  // CHECK-MESSAGES: :[[@LINE-14]]:20: note: 'kGrace' is defined here
  auto d = WithTimeout(p, kNegative);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-250ms); the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-15]]:19: note: 'kNegative' is defined here
  const chr::seconds local(0);
  auto e = WithTimeout(p, local);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'local' is defined here

  auto ok = WithTimeout(p, kGrace);
}

// --- Members of constant configuration structs.
struct RpcOptions {
  chr::milliseconds timeout = 0ms;
  int retries = 3;
};
struct Options {
  RpcOptions rpc;
  chr::seconds connect{30};
};
const Options kDefaults{};
const Options kTuned{{1500ms, 2}, 10s};

void members(ContextPtr p) {
  auto a = WithTimeout(p, kDefaults.rpc.timeout);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-6]]:15: note: 'kDefaults' is defined here
  auto ok1 = WithTimeout(p, kTuned.rpc.timeout);
  auto ok2 = WithTimeout(p, kDefaults.connect);
}

// --- Enumerators and macros.
enum TimeoutMs { kImmediate = 0, kShort = 100 };
enum class Budget : int { None = 0 };
#define TIMEOUT_MS 0
#define NO_TIMEOUT std::chrono::milliseconds(0)
#define MS(n) std::chrono::milliseconds(n)

void enumeratorsAndMacros(ContextPtr p) {
  auto a = WithTimeout(p, chr::milliseconds(kImmediate));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-9]]:18: note: 'kImmediate' is defined here
  auto b = WithTimeout(p, chr::milliseconds(static_cast<int>(Budget::None)));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-11]]:27: note: 'None' is defined here
  auto c = WithTimeout(p, chr::milliseconds(TIMEOUT_MS));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-13]]:9: note: 'TIMEOUT_MS' is defined here
  // The whole argument is a macro: Clang shows the expansion itself.
  auto d = WithTimeout(p, NO_TIMEOUT);
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-16]]:20: note: expanded from macro 'NO_TIMEOUT'
  auto e = WithTimeout(p, MS(TIMEOUT_MS));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-18]]:15: note: expanded from macro 'MS'
  // CHECK-MESSAGES: :[[@LINE-21]]:9: note: 'TIMEOUT_MS' is defined here

  auto ok1 = WithTimeout(p, chr::milliseconds(kShort));
  auto ok2 = WithTimeout(p, MS(kShort));
}

// --- Plain numbers where the API takes seconds (pygolang).
const double kPollSeconds = 0.0;
constexpr int kTenths = 3;

void seconds(golang::context::Context ctx) {
  auto a = golang::context::with_timeout(ctx, kPollSeconds);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: timeout passed to 'with_timeout' is zero; the context is already expired when it is created [context-nonpositive-timeout]
  // CHECK-MESSAGES: :[[@LINE-6]]:14: note: 'kPollSeconds' is defined here
  auto b = golang::context::with_timeout(ctx, 1.5 - 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: timeout passed to 'with_timeout' is negative (-0.5s); the context is already expired when it is created [context-nonpositive-timeout]
  auto ok1 = golang::context::with_timeout(ctx, kTenths / 10.0);
  auto ok2 = golang::context::with_timeout(ctx, 1e-3);
}

// --- Constant expressions Clang evaluates: constexpr functions.
constexpr chr::milliseconds backoff(int attempt) { return attempt * 100ms - 100ms; }

void constexprFunctions(ContextPtr p) {
  auto a = WithTimeout(p, backoff(0));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: timeout passed to 'WithTimeout' is negative (-100ms); the context is already expired when it is created [context-nonpositive-timeout]
  auto ok = WithTimeout(p, backoff(3));
}

// --- Not constant: never reported.
chr::milliseconds configured();
chr::milliseconds gMutable = 0ms;
volatile const int kVolatileMs = 0;

void notConstant(ContextPtr p, chr::milliseconds param, int n,
                 chr::milliseconds defaulted = 0ms) {
  auto a = WithTimeout(p, param);
  auto b = WithTimeout(p, configured());
  auto c = WithTimeout(p, gMutable);
  auto d = WithTimeout(p, chr::milliseconds(kVolatileMs));
  auto e = WithTimeout(p, n * 1ms);
  auto f = WithTimeout(p, defaulted);
  auto g = WithTimeout(p, backoff(n));
  chr::milliseconds local = 0ms;
  auto h = WithTimeout(p, local);
  // Overflow is undefined, not a constant.
  auto i = WithTimeout(p, chr::duration_cast<chr::milliseconds>(chr::hours::max()));
}
