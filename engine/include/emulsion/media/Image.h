#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace emu::media {

enum class PixelType { Half, Float };

inline std::size_t bytesPerSample(PixelType t) {
    return t == PixelType::Half ? 2 : 4;
}
const char* toString(PixelType t);

// An integer rectangle with inclusive corners, as EXR defines windows.
struct Box2i {
    int minX = 0;
    int minY = 0;
    int maxX = -1;
    int maxY = -1;

    int width() const { return maxX - minX + 1; }
    int height() const { return maxY - minY + 1; }
    bool empty() const { return maxX < minX || maxY < minY; }
    bool operator==(const Box2i&) const = default;
};

// RGBA pixels in memory, interleaved, rows top to bottom, of half or float samples. Half
// samples are stored as their IEEE 754 binary16 bit patterns so copies are bit-exact.
// Thread: value type; concurrent reads are safe.
class Image {
public:
    static constexpr int kChannels = 4;

    Image() = default;
    // Zero-filled. Widths and heights must be positive.
    Image(int widthPx, int heightPx, PixelType type);

    int width() const { return m_width; }
    int height() const { return m_height; }
    PixelType type() const { return m_type; }
    bool empty() const { return m_width == 0 || m_height == 0; }
    std::size_t pixelCount() const { return std::size_t(m_width) * std::size_t(m_height); }
    std::size_t bytesPerPixel() const { return kChannels * bytesPerSample(m_type); }
    std::size_t sizeBytes() const { return m_bytes.size(); }
    std::size_t rowBytes() const { return std::size_t(m_width) * bytesPerPixel(); }

    std::byte* data() { return m_bytes.data(); }
    const std::byte* data() const { return m_bytes.data(); }

    // Sample access with conversion; c in [0, 4). Not for inner loops over big images.
    float sample(int x, int y, int c) const;
    void setSample(int x, int y, int c, float value);

    // The same pixels as another sample type (half rounds to nearest even).
    Image converted(PixelType type) const;

    bool operator==(const Image&) const = default;  // bit-exact

private:
    std::size_t offset(int x, int y, int c) const {
        return ((std::size_t(y) * m_width + x) * kChannels + c) * bytesPerSample(m_type);
    }

    int m_width = 0;
    int m_height = 0;
    PixelType m_type = PixelType::Float;
    std::vector<std::byte> m_bytes;
};

// binary16 <-> binary32, round to nearest even; NaN and Inf preserved.
std::uint16_t floatToHalf(float value);
float halfToFloat(std::uint16_t bits);

}  // namespace emu::media
