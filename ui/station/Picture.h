#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::station {

// A display-encoded picture: 8-bit RGBA, rows top to bottom, what the viewer shows.
// Thread: value type.
struct Picture {
    int width = 0;  // [px]
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4

    bool empty() const { return width <= 0 || height <= 0; }
    const std::uint8_t* pixel(int x, int y) const {
        return rgba.data() + (std::size_t(y) * width + x) * 4;
    }
};

// Writes `picture` as an 8-bit RGB file (PNG, or what the extension names) under a temporary
// name renamed into place. IoError names the file.
Status writePicture(const std::filesystem::path& path, const Picture& picture);

// `picture` encoded as PNG bytes (RGB), for stills and thumbnails stored in the project.
Result<std::vector<std::uint8_t>> encodePng(const Picture& picture);

// `a` and `b` side by side, `gapPx` black columns between them, as tall as the taller (the
// shorter one's rows below it black): the viewer's split screen.
Picture sideBySide(const Picture& a, const Picture& b, int gapPx);

// `picture` shrunk by an integer factor (every `factor`-th pixel), for thumbnails.
Picture decimate(const Picture& picture, int factor);

}  // namespace emu::station
