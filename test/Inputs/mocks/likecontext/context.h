// Mock shaped like cppGOLikeContext: the "factories" are classes, and
// cancellation is a method of the derived context.
#pragma once
#include <chrono>
#include <memory>

namespace likectx {
class Context {
public:
  virtual ~Context() = default;
  virtual bool Done() = 0;
  virtual const char *Err() = 0;
  virtual void Cancel() = 0;
};
class Background : public Context {
public:
  bool Done() override;
  const char *Err() override;
  void Cancel() override;
};
class WithCancel : public Context {
public:
  explicit WithCancel(std::shared_ptr<Context> parent);
  bool Done() override;
  const char *Err() override;
  void Cancel() override;
};
class WithDeadline : public Context {
public:
  WithDeadline(std::shared_ptr<Context> parent, std::chrono::system_clock::time_point deadline);
  bool Done() override;
  const char *Err() override;
  void Cancel() override;
};
} // namespace likectx
