// goctx: a small Go-style context library, shaped like the C++ ports of Go's
// context package (gocxx, bongo, pygolang): contexts are shared pointers,
// WithCancel/WithTimeout/WithDeadline return the child context and the
// CancelFunc that must be called to release it from its parent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace goctx {

using Clock = std::chrono::steady_clock;
using CancelFunc = std::function<void()>;

class Context {
public:
  virtual ~Context() = default;
  /// Blocks until the context is cancelled or its deadline passes.
  virtual void Done() = 0;
  /// Empty while the context is live; "canceled" or "deadline exceeded".
  virtual std::string Err() = 0;
  virtual Clock::time_point Deadline() = 0;
};
using ContextPtr = std::shared_ptr<Context>;

namespace detail {
class CancelCtx : public Context, public std::enable_shared_from_this<CancelCtx> {
public:
  CancelCtx(ContextPtr parent, Clock::time_point deadline)
      : parent_(std::move(parent)), deadline_(deadline) {}
  void Done() override {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_until(lock, deadline_, [&] { return !err_.empty(); });
  }
  std::string Err() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (err_.empty() && Clock::now() >= deadline_)
      err_ = "deadline exceeded";
    return err_;
  }
  Clock::time_point Deadline() override { return deadline_; }
  void Cancel(const std::string &why) {
    std::set<std::shared_ptr<CancelCtx>> children;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!err_.empty())
        return;
      err_ = why;
      children.swap(children_);
    }
    cv_.notify_all();
    for (const auto &child : children)
      child->Cancel(why);
    if (auto parent = std::dynamic_pointer_cast<CancelCtx>(parent_))
      parent->Remove(this);
  }
  void Add(std::shared_ptr<CancelCtx> child) {
    std::lock_guard<std::mutex> lock(mu_);
    children_.insert(std::move(child));
  }
  void Remove(CancelCtx *child) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = children_.begin(); it != children_.end(); ++it)
      if (it->get() == child) {
        children_.erase(it);
        return;
      }
  }

private:
  ContextPtr parent_;
  Clock::time_point deadline_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string err_;
  // A child stays registered here until it is cancelled: a child whose
  // CancelFunc is never called lives as long as its parent.
  std::set<std::shared_ptr<CancelCtx>> children_;
};
} // namespace detail

inline ContextPtr Background() {
  static ContextPtr root = std::make_shared<detail::CancelCtx>(nullptr, Clock::time_point::max());
  return root;
}

inline std::pair<ContextPtr, CancelFunc> WithDeadline(ContextPtr parent,
                                                      Clock::time_point deadline) {
  auto child = std::make_shared<detail::CancelCtx>(parent, std::min(deadline, parent->Deadline()));
  if (auto p = std::dynamic_pointer_cast<detail::CancelCtx>(parent))
    p->Add(child);
  return {child, [child] { child->Cancel("canceled"); }};
}

inline std::pair<ContextPtr, CancelFunc> WithTimeout(ContextPtr parent, Clock::duration timeout) {
  return WithDeadline(std::move(parent), Clock::now() + timeout);
}

inline std::pair<ContextPtr, CancelFunc> WithCancel(ContextPtr parent) {
  return WithDeadline(std::move(parent), Clock::time_point::max());
}

} // namespace goctx
