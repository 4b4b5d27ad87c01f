// Mock of pygolang's golang/context.h (C++ API of pygolang).
#pragma once
#include <functional>
#include <memory>
#include <utility>

namespace golang {
template <typename T> class refptr {
public:
  refptr() = default;
  T *operator->() const { return p; }
  T &operator*() const { return *p; }
  explicit operator bool() const { return p != nullptr; }

private:
  T *p = nullptr;
};
template <typename F> using func = std::function<F>;
struct structZ {};
struct _selcase {};
extern const _selcase _default;
template <typename T> class chan {
public:
  void send(const T &v);
  T recv();
  std::pair<T, bool> recv_();
  void close();
  _selcase sends(T *ptx);
  _selcase recvs(T *prx = nullptr, bool *pok = nullptr);
};
int select(std::initializer_list<_selcase> cases);
using error = std::shared_ptr<void>;
using interface = std::shared_ptr<void>;

namespace context {
struct _Context {
  virtual ~_Context() = default;
  virtual double deadline() = 0;
  virtual chan<structZ> done() = 0;
  virtual error err() = 0;
  virtual interface value(const void *key) = 0;
};
typedef refptr<_Context> Context;
Context background();
std::pair<Context, func<void()>> with_cancel(Context parent);
std::pair<Context, func<void()>> with_timeout(Context parent, double timeout);
std::pair<Context, func<void()>> with_deadline(Context parent, double deadline);
Context with_value(Context parent, const void *key, interface value);
extern const error canceled;
extern const error deadlineExceeded;
} // namespace context
} // namespace golang
