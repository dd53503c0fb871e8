#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace emu::core {

// 64-bit FNV-1a over bytes: stable across runs and builds, so it can key on-disk caches.
// Not cryptographic.
class Hasher {
public:
    Hasher& add(const void* data, std::size_t sizeBytes);
    Hasher& add(std::string_view text) { return add(text.data(), text.size()); }
    Hasher& add(std::uint64_t value) { return add(&value, sizeof value); }
    std::uint64_t value() const { return m_state; }
    // 16 lowercase hex digits.
    std::string hex() const;

private:
    std::uint64_t m_state = 0xcbf29ce484222325ull;
};

inline std::uint64_t hashOf(std::string_view text) {
    return Hasher().add(text).value();
}

}  // namespace emu::core
