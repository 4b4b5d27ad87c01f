#pragma once

// A header among the target's srcs, seen by its own sources only.
namespace service {
constexpr int kMaxSessions = 64;
} // namespace service
