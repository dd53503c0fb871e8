#include "StationImages.h"

#include <gtest/gtest.h>

#include <OpenImageIO/imageio.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "StationRunner.h"
#include "emulsion/color/ColorConfig.h"
#include "emulsion/media/ExrReader.h"

namespace emu::test {

Rgb8 readPng(const std::filesystem::path& path) {
    Rgb8 out;
    auto in = OIIO::ImageInput::open(path.string());
    if (!in) return out;
    const OIIO::ImageSpec& spec = in->spec();
    std::vector<std::uint8_t> all(std::size_t(spec.width) * spec.height * spec.nchannels);
    if (!in->read_image(0, 0, 0, -1, OIIO::TypeDesc::UINT8, all.data())) return out;
    out.width = spec.width;
    out.height = spec.height;
    out.px.resize(std::size_t(spec.width) * spec.height * 3);
    for (std::size_t i = 0; i < std::size_t(spec.width) * spec.height; ++i) {
        for (int c = 0; c < 3; ++c) out.px[i * 3 + c] = all[i * spec.nchannels + c];
    }
    return out;
}

std::uint8_t code(float v) {
    if (!(v > 0.0f)) return 0;
    return std::uint8_t(std::lround(std::min(v, 1.0f) * 255.0f));
}

Rgb8 readGradedExr(const std::filesystem::path& path) {
    Rgb8 out;
    auto exr = media::readExr(path);
    if (!exr.isOk()) return out;
    out.width = exr->image.width();
    out.height = exr->image.height();
    out.px.resize(std::size_t(out.width) * out.height * 3);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                out.px[(std::size_t(y) * out.width + x) * 3 + c] = code(exr->image.sample(x, y, c));
            }
        }
    }
    return out;
}

std::optional<std::pair<int, int>> find(const Rgb8& big, const Rgb8& small, int tolerance) {
    for (int y = 0; y + small.height <= big.height; ++y) {
        for (int x = 0; x + small.width <= big.width; ++x) {
            bool match = true;
            for (int sy = 0; sy < small.height && match; ++sy) {
                for (int sx = 0; sx < small.width && match; ++sx) {
                    for (int c = 0; c < 3; ++c) {
                        match = match && std::abs(big.at(x + sx, y + sy)[c] -
                                                  small.at(sx, sy)[c]) <= tolerance;
                    }
                }
            }
            if (match) return std::make_pair(x, y);
        }
    }
    return std::nullopt;
}

std::vector<double> meanOf(const Rgb8& p, int x, int y, int w, int h) {
    std::vector<double> sum(3, 0.0);
    for (int j = y; j < y + h; ++j) {
        for (int i = x; i < x + w; ++i) {
            for (int c = 0; c < 3; ++c) sum[c] += p.at(i, j)[c];
        }
    }
    for (double& s : sum) s /= std::max(1, w * h);
    return sum;
}

Rgb8 gradeWithEmulsion(const std::filesystem::path& frame, const std::filesystem::path& gradeJson,
                       const std::string& inputSpace, const std::filesystem::path& out) {
    auto config = color::ColorConfig::builtin();
    EXPECT_TRUE(config.isOk());
    if (!config.isOk()) return {};
    const std::string display = config->defaultDisplay();
    const std::string view = config->defaultView(display);
    CommandResult graded =
        runEmulsion("grade -q " + quotePath(frame) + " " + quotePath(out) + " --grade " +
                    quotePath(gradeJson) + " --from " + shellQuote(inputSpace) + " --display " +
                    shellQuote(display) + " --view " + shellQuote(view));
    EXPECT_EQ(graded.exitCode, 0) << graded.output;
    return readGradedExr(out);
}

}  // namespace emu::test
