// RUN: %check_clang_tidy %s context-uncancellable-wait %t -- -- -std=c++20
// A function template that waits on an object of a template parameter type
// and wakes it from a stop callback (libstdc++).  The calls on the object
// are dependent; the model tells that they have a condition variable's
// shape (std::condition_variable has wait(lock, pred) and notify_all()), and
// a callback that does nothing but notify holds no mutex, whichever the
// lock's.  Reported once, at the pattern, never instantiated.
#include <condition_variable>
#include <mutex>
#include <stop_token>

template <typename CondVar, typename Lock, typename Pred>
void condvarWait(CondVar &cv, Lock &lock, std::stop_token token, Pred pred) {
  if (token.stop_requested())
    return;
  std::stop_callback wake(token, [&] { cv.notify_all(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: lost wakeup: 'notify_all' on 'cv' runs on a stop request without holding the mutex of 'lock', the lock its waiter uses; a waiter that has just tested its predicate can miss it and block forever; take that mutex before notifying, or wait with condition_variable_any::wait(lock, stop_token, pred) [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE+2]]:6: note: the wait on 'cv' that can miss it, in a scope with cancellation token 'token'
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: the stop callback registered here
  cv.wait(lock, [&] { return pred() || token.stop_requested(); });
}

// The fix: take the lock's mutex (and release it) before notifying.
template <typename CondVar, typename Mutex, typename Pred>
void condvarWaitFixed(CondVar &cv, std::unique_lock<Mutex> &lk,
                      std::stop_token token, Pred pred) {
  std::stop_callback wake(token, [&] {
    { std::scoped_lock g{*lk.mutex()}; }
    cv.notify_all();
  });
  cv.wait(lk, [&] { return pred() || token.stop_requested(); });
}

// A predicate that does not read the callback's token: not this rule's
// shape (the wake is not what ends the wait on a stop).
template <typename CondVar, typename Lock, typename Pred>
void unrelatedPredicate(CondVar &cv, Lock &lock, std::stop_token token,
                        Pred pred) {
  std::stop_callback wake(token, [&] { cv.notify_all(); });
  cv.wait(lock, [&] { return pred(); });
}

// A method of no condition variable of the model: `drain(lock, pred)`.
template <typename Queue, typename Lock>
void notACondVar(Queue &q, Lock &lock, std::stop_token token) {
  std::stop_callback wake(token, [&] { q.notify_all(); });
  q.drain(lock, [&] { return token.stop_requested(); });
}
