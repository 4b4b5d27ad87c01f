// Mock shaped like goincpp: camelCase factories returning a struct.
#pragma once
#include <chrono>
#include <functional>
#include <memory>

namespace goincpp {
struct error {
  const char *what;
};
template <typename T> class Chan {
public:
  void send(T v);
  T recv();
};
class Context {
public:
  virtual ~Context() = default;
  virtual Chan<int> &done() = 0;
  virtual error *err() = 0;
};
using ContextPtr = std::shared_ptr<Context>;
struct CancelFunc {
  void operator()() const;
};
using CancelCauseFunc = std::function<void(error)>;
struct CancelContext {
  ContextPtr ctx;
  CancelFunc cancel;
};
struct CancelCauseContext {
  ContextPtr ctx;
  CancelCauseFunc cancel;
};
ContextPtr background();
CancelContext withCancel(ContextPtr parent);
CancelContext withTimeout(ContextPtr parent, std::chrono::nanoseconds timeout);
CancelContext withDeadline(ContextPtr parent, std::chrono::system_clock::time_point deadline);
CancelCauseContext withCancelCause(ContextPtr parent);
ContextPtr withValue(ContextPtr parent, const char *key, std::shared_ptr<void> value);
} // namespace goincpp
