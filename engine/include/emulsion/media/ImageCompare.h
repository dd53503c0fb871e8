#pragma once

#include <cstddef>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/media/Image.h"

namespace emu::media {

// How two images differ, sample by sample. NaN equals NaN and an infinity equals the same
// infinity; a non-finite sample against anything else is a non-finite mismatch and is left
// out of the error statistics, which are over pairs of finite samples only.
struct ImageDiff {
    double maxAbsError = 0.0;
    // |a - b| / max(|a|, |b|, kRelativeFloor): relative where values are large, absolute
    // (scaled) where both are near zero, so a tiny difference around 0 does not read as 100%.
    double maxRelError = 0.0;
    // 10 log10(1 / MSE), peak 1.0 (scene-linear, so values above 1 can push it below 0);
    // +inf when the finite samples are identical.
    double psnrDb = 0.0;
    std::size_t mismatchedNonFinite = 0;  // NaN vs number, Inf vs other value or sign
    std::size_t comparedSamples = 0;
    // The worst sample: the first non-finite mismatch if any, else the largest absolute error;
    // -1 when the images are equal.
    int worstX = -1;
    int worstY = -1;
    int worstChannel = -1;

    static constexpr double kRelativeFloor = 1e-6;

    bool identical() const { return mismatchedNonFinite == 0 && maxAbsError == 0.0; }
    // One line for test failures and logs, e.g. "max abs 0.002 (rel 0.01) at (3, 4) ch 1,
    // PSNR 61.2 dB, 0 non-finite mismatches, 1024 samples".
    std::string describe() const;
};

// Compares the first `channels` channels (1..4) of two images of the same size; the sample
// types may differ (compared as float). Failure: InvalidArgument for different sizes or a bad
// channel count. Thread: pure, safe from any thread.
Result<ImageDiff> compareImages(const Image& a, const Image& b, int channels = 4);

}  // namespace emu::media
