// Mock of absl/container/flat_hash_map.h.
#pragma once
#include <functional>
#include <memory>
#include <utility>

namespace absl {
template <class K, class V, class Hash = std::hash<K>,
          class Eq = std::equal_to<K>,
          class Allocator = std::allocator<std::pair<const K, V>>>
class flat_hash_map {
public:
  V &operator[](const K &key);
};
} // namespace absl
