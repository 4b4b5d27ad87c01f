// Mock shaped like bongo's bongo/context/context.h: shared_ptr contexts,
// tuple results, chrono timeouts, channels with a select helper.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <system_error>
#include <tuple>

namespace bongo {
template <typename T> class channel {
public:
  void send(T v);
  T recv();
  void close();
};
struct select_case {};
template <typename T> select_case recv_case(channel<T> &ch, std::function<void(T)> f);
template <typename T> select_case send_case(channel<T> &ch, T v);
select_case default_case(std::function<void()> f);
template <typename... Cases> void select(Cases &&...cases);

namespace context {
class context {
public:
  virtual ~context() = default;
  virtual channel<bool> &done() = 0;
  virtual std::error_code err() const = 0;
};
using context_type = std::shared_ptr<context>;
context_type background();
context_type todo();
std::tuple<context_type, std::function<void()>> with_cancel(context_type parent);
template <typename Clock = std::chrono::steady_clock>
std::tuple<context_type, std::function<void()>>
with_timeout(context_type parent, typename Clock::duration timeout);
template <typename Clock = std::chrono::system_clock>
std::tuple<context_type, std::function<void()>>
with_deadline(context_type parent, typename Clock::time_point deadline);
context_type with_value(context_type parent, const void *key,
                        std::shared_ptr<void> value);
} // namespace context
} // namespace bongo
