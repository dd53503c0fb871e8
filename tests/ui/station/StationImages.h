#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace emu::test {

// An 8-bit RGB picture as the station's screenshots and viewer images are written.
struct Rgb8 {
    int width = 0, height = 0;
    std::vector<std::uint8_t> px;  // RGB, rows top to bottom
    const std::uint8_t* at(int x, int y) const {
        return px.data() + (std::size_t(y) * width + x) * 3;
    }
    bool empty() const { return width <= 0 || height <= 0; }
};

// Reads a PNG (or anything OpenImageIO reads) as 8-bit RGB; empty when it cannot.
Rgb8 readPng(const std::filesystem::path& path);

// Display-referred floats to 8-bit code values: round(clamp(v, 0, 1) * 255).
std::uint8_t code(float v);

// The EXR that `emulsion grade` wrote, as 8-bit code values; empty when it cannot be read.
Rgb8 readGradedExr(const std::filesystem::path& path);

// Where `small` sits inside `big`, matching every pixel within `tolerance` codes.
std::optional<std::pair<int, int>> find(const Rgb8& big, const Rgb8& small, int tolerance);

// The mean code value of each channel over the rectangle (x, y, w, h) of `p`.
std::vector<double> meanOf(const Rgb8& p, int x, int y, int w, int h);

// Renders `frame` through the grade saved in `gradeJson` as the station shows it: from
// `inputSpace` to the config's default display and view, written to `out` (EXR) and returned
// as code values. Fails the test (and returns empty) when `emulsion grade` fails.
Rgb8 gradeWithEmulsion(const std::filesystem::path& frame, const std::filesystem::path& gradeJson,
                       const std::string& inputSpace, const std::filesystem::path& out);

}  // namespace emu::test
