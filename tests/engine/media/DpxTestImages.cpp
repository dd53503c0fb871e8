#include "DpxTestImages.h"

namespace emu::test {

Image makeCodeImage(int widthPx, int heightPx, int bits, int channels, std::uint32_t seed) {
    Image image(widthPx, heightPx, media::PixelType::Float);
    const std::uint32_t maxCode = (std::uint32_t(1) << bits) - 1;
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            for (int c = 0; c < 4; ++c) {
                std::uint32_t h = seed * 0x9E3779B9u ^
                                  std::uint32_t(y * widthPx + x) * 0x85EBCA6Bu ^
                                  std::uint32_t(c) * 0xC2B2AE35u;
                h ^= h >> 15;
                h *= 0x2C1B3C6Du;
                h ^= h >> 12;
                std::uint32_t code = h % (maxCode + 1);
                const int pixel = y * widthPx + x;
                if (pixel == 0) code = 0;
                if (pixel == 1) code = maxCode;
                image.setSample(x, y, c, float(code) / float(maxCode));
            }
            if (channels == 1) {
                image.setSample(x, y, 1, image.sample(x, y, 0));
                image.setSample(x, y, 2, image.sample(x, y, 0));
            }
            if (channels != 4) image.setSample(x, y, 3, 1.f);
        }
    }
    return image;
}

DpxDescriptor descriptorFor(int channels) {
    return channels == 1 ? DpxDescriptor::Luminance
                         : (channels == 4 ? DpxDescriptor::Rgba : DpxDescriptor::Rgb);
}

std::string describe(int bits, DpxPacking packing, int channels, bool bigEndian) {
    return std::to_string(bits) + "-bit " + media::toString(packing) + " " +
           media::toString(descriptorFor(channels)) + (bigEndian ? " big-endian" : " little-endian");
}

}  // namespace emu::test
