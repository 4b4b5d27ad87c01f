// Mock shaped like gocxx's context: Result<std::pair<ContextPtr, CancelFunc>>.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace gocxx {
struct Error {
  std::string message;
};
template <typename T> class Result {
public:
  bool ok() const;
  bool Ok() const { return ok(); }
  explicit operator bool() const { return ok(); }
  T &value();
  T &Value() { return value(); }
  T &operator*();
  T *operator->();
  T unwrap();
  const Error &error() const;
};
template <typename T> class Chan {
public:
  void Send(T v);
  T Recv();
  void Close();
};

namespace context {
class Context {
public:
  virtual ~Context() = default;
  virtual Chan<bool> &Done() = 0;
  virtual Error *Err() = 0;
  virtual std::chrono::system_clock::time_point Deadline() = 0;
};
using ContextPtr = std::shared_ptr<Context>;
using CancelFunc = std::function<void()>;
using CancelCauseFunc = std::function<void(const Error &)>;

ContextPtr Background();
ContextPtr TODO();
Result<std::pair<ContextPtr, CancelFunc>> WithCancel(ContextPtr parent);
Result<std::pair<ContextPtr, CancelFunc>>
WithTimeout(ContextPtr parent, std::chrono::milliseconds timeout);
Result<std::pair<ContextPtr, CancelFunc>>
WithDeadline(ContextPtr parent, std::chrono::system_clock::time_point deadline);
Result<std::pair<ContextPtr, CancelCauseFunc>> WithCancelCause(ContextPtr parent);
ContextPtr WithValue(ContextPtr parent, const std::string &key, std::shared_ptr<void> value);
} // namespace context
} // namespace gocxx
