#include "emulsion/media/Image.h"

#include <Imath/half.h>

#include <cassert>
#include <cstring>

namespace emu::media {

const char* toString(PixelType t) {
    return t == PixelType::Half ? "half" : "float";
}

std::uint16_t floatToHalf(float value) {
    return Imath::half(value).bits();
}

float halfToFloat(std::uint16_t bits) {
    Imath::half h;
    h.setBits(bits);
    return float(h);
}

Image::Image(int widthPx, int heightPx, PixelType type)
    : m_width(widthPx), m_height(heightPx), m_type(type) {
    assert(widthPx > 0 && heightPx > 0);
    m_bytes.resize(pixelCount() * bytesPerPixel());
}

float Image::sample(int x, int y, int c) const {
    const std::byte* p = m_bytes.data() + offset(x, y, c);
    if (m_type == PixelType::Half) {
        std::uint16_t bits;
        std::memcpy(&bits, p, 2);
        return halfToFloat(bits);
    }
    float v;
    std::memcpy(&v, p, 4);
    return v;
}

void Image::setSample(int x, int y, int c, float value) {
    std::byte* p = m_bytes.data() + offset(x, y, c);
    if (m_type == PixelType::Half) {
        std::uint16_t bits = floatToHalf(value);
        std::memcpy(p, &bits, 2);
        return;
    }
    std::memcpy(p, &value, 4);
}

Image Image::converted(PixelType type) const {
    if (type == m_type || empty()) {
        Image copy = *this;
        copy.m_type = m_type;
        return copy;
    }
    Image out(m_width, m_height, type);
    const std::size_t n = pixelCount() * kChannels;
    if (m_type == PixelType::Half) {
        const auto* src = reinterpret_cast<const std::uint16_t*>(data());
        auto* dst = reinterpret_cast<float*>(out.data());
        for (std::size_t i = 0; i < n; ++i) dst[i] = halfToFloat(src[i]);
    } else {
        const auto* src = reinterpret_cast<const float*>(data());
        auto* dst = reinterpret_cast<std::uint16_t*>(out.data());
        for (std::size_t i = 0; i < n; ++i) dst[i] = floatToHalf(src[i]);
    }
    return out;
}

}  // namespace emu::media
