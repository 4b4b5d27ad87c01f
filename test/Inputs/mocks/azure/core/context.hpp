// Mock of the Azure SDK for C++ <azure/core/context.hpp>.
#pragma once
#include <chrono>
#include <memory>

namespace Azure {
using DateTime = std::chrono::system_clock::time_point;
namespace Core {
class Context {
public:
  class Key {};
  Context() = default;
  Context WithDeadline(DateTime const &deadline) const;
  template <class T> Context WithValue(Key const &key, T &&value) const;
  void Cancel();
  bool IsCancelled() const;
  void ThrowIfCancelled() const;
  DateTime GetDeadline() const;
  static Context ApplicationContext;
  // Before azure-core 1.0.0-beta.8 the root was returned by a function.
  static Context &GetApplicationContext();
};
} // namespace Core
} // namespace Azure
