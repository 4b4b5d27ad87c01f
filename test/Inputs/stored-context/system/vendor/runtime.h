// A third-party library installed as a system header: it keeps contexts
// and sources in globals, statics, maps and members.  context-stored-context
// says nothing about it.
#pragma once
#include <gocxx/context.h>
#include <map>
#include <stop_token>

namespace vendor {
inline gocxx::context::ContextPtr g_default_context;
inline std::stop_source g_shutdown;
inline std::map<int, gocxx::context::ContextPtr> g_sessions;

inline std::stop_source &processSource() {
  static std::stop_source source;
  return source;
}

struct Runtime {
  static std::stop_source stop;
  std::map<int, gocxx::context::CancelFunc> cancels;
  gocxx::context::ContextPtr ctx;
};

template <class T> struct Singleton {
  static T &get() {
    static T instance;
    return instance;
  }
};

inline gocxx::context::ContextPtr tag(gocxx::context::ContextPtr parent) {
  return gocxx::context::WithValue(parent, "self", parent);
}
} // namespace vendor

// A macro of the library that declares a variable where it is used.
#define VENDOR_DECLARE_STOP(name) std::stop_source name
