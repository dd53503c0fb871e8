#include "emulsion/core/Hash.h"

#include <cstdio>

namespace emu::core {

Hasher& Hasher::add(const void* data, std::size_t sizeBytes) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < sizeBytes; ++i) {
        m_state ^= bytes[i];
        m_state *= 0x100000001b3ull;
    }
    return *this;
}

std::string Hasher::hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(m_state));
    return text;
}

}  // namespace emu::core
