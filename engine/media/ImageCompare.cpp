#include "emulsion/media/ImageCompare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace emu::media {

namespace {

// Equal in the sense of ImageDiff: NaN matches NaN, an infinity the same infinity.
bool nonFiniteMatch(float a, float b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b;  // at least one is infinite here
}

}  // namespace

std::string ImageDiff::describe() const {
    if (identical()) {
        return "identical (" + std::to_string(comparedSamples) + " samples)";
    }
    char text[256];
    std::snprintf(text, sizeof text,
                  "max abs %.6g (rel %.6g) at (%d, %d) ch %d, PSNR %.2f dB, "
                  "%zu non-finite mismatches, %zu samples",
                  maxAbsError, maxRelError, worstX, worstY, worstChannel, psnrDb,
                  mismatchedNonFinite, comparedSamples);
    return text;
}

Result<ImageDiff> compareImages(const Image& a, const Image& b, int channels) {
    if (channels < 1 || channels > Image::kChannels) {
        return makeError(
            ErrorCode::InvalidArgument,
            "compareImages: channel count " + std::to_string(channels) + " is not in 1..4");
    }
    if (a.width() != b.width() || a.height() != b.height()) {
        return makeError(ErrorCode::InvalidArgument,
                         "compareImages: sizes differ (" + std::to_string(a.width()) + " x " +
                             std::to_string(a.height()) + " vs " + std::to_string(b.width()) +
                             " x " + std::to_string(b.height()) + ")");
    }
    // Work in float whatever the storage: half converts exactly.
    const Image fa = a.converted(PixelType::Float);
    const Image fb = b.converted(PixelType::Float);
    const auto* pa = reinterpret_cast<const float*>(fa.data());
    const auto* pb = reinterpret_cast<const float*>(fb.data());

    ImageDiff diff;
    double sumSquares = 0.0;
    std::size_t finite = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const std::size_t base = (std::size_t(y) * a.width() + x) * Image::kChannels;
            for (int c = 0; c < channels; ++c) {
                const float va = pa[base + c];
                const float vb = pb[base + c];
                ++diff.comparedSamples;
                if (!std::isfinite(va) || !std::isfinite(vb)) {
                    if (nonFiniteMatch(va, vb)) continue;
                    if (diff.mismatchedNonFinite++ == 0) {
                        diff.worstX = x;
                        diff.worstY = y;
                        diff.worstChannel = c;
                    }
                    continue;
                }
                ++finite;
                const double err = std::abs(double(va) - double(vb));
                sumSquares += err * err;
                const double scale = std::max(
                    {std::abs(double(va)), std::abs(double(vb)), ImageDiff::kRelativeFloor});
                diff.maxRelError = std::max(diff.maxRelError, err / scale);
                if (err > diff.maxAbsError) {
                    diff.maxAbsError = err;
                    if (diff.mismatchedNonFinite == 0) {
                        diff.worstX = x;
                        diff.worstY = y;
                        diff.worstChannel = c;
                    }
                }
            }
        }
    }
    const double mse = finite > 0 ? sumSquares / double(finite) : 0.0;
    diff.psnrDb =
        mse > 0.0 ? 10.0 * std::log10(1.0 / mse) : std::numeric_limits<double>::infinity();
    return diff;
}

}  // namespace emu::media
