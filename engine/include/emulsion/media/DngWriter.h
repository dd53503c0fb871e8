#pragma once

// CinemaDNG frames made from a known scene, as test media for the camera RAW path: the
// scene's exact values are known, so what a decoder makes of the file can be measured.

#include <array>
#include <filesystem>
#include <string>

#include "emulsion/core/Result.h"
#include "emulsion/media/CameraColour.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/Image.h"

namespace emu::media {

// A made-up camera: its name, its colour response and its levels. Thread: value type.
struct DngCamera {
    std::string make = "Emulsion";
    std::string model = "Test Camera";
    // ColorMatrix1 under CalibrationIlluminant1 D65: XYZ -> camera RGB. Written as SRATIONAL
    // with denominator 10000; the written (rounded) values are the ones the mosaic follows.
    Mat3 xyzToCamera = testCameraMatrix();
    std::array<char, 4> cfa{'R', 'G', 'G', 'B'};                 // 2x2, row major from the top left
    std::array<std::uint16_t, 4> black{1020, 1024, 1028, 1022};  // per CFA position
    std::uint16_t white = 15000;

    // A plausible sensor: primaries wider than Rec. 709 and a strongly green-weighted response
    // to D65 (as-shot neutral about 0.5, 1, 0.7).
    static Mat3 testCameraMatrix();
};

// CinemaDNG per-frame metadata. Empty strings and an invalid rate are left out of the file.
struct DngFrameTags {
    std::string timecode;  // "HH:MM:SS:FF" or with ';' before FF for drop frame
    FrameRate rate;
    std::string reel;
};

// The mosaic a DngCamera records of `aces` (linear ACES2065-1, alpha ignored) lit by D65:
// AP0 -> white-balanced camera RGB by the inverse of dngCameraToAces() for the written
// matrix and neutral, times the neutral (un-balancing), scaled from [0, 1] to [black, white]
// per CFA position, rounded to nearest, clamped to [0, 65535], sampled through the CFA.
// No noise: the same image always gives the same samples. Fails with InvalidArgument for an
// odd-sized or empty image, a CFA that is not a Bayer pattern of R, G, B, or white <= black.
Result<RawMosaic> mosaicFromAces(const Image& aces, const DngCamera& camera);

// Writes `aces` as one uncompressed little-endian DNG 1.4 (one 16-bit CFA IFD, no preview)
// with the CinemaDNG tags of `tags`, through core::AtomicFile. IoError names the path.
// Thread: any.
Status writeCinemaDng(const std::filesystem::path& path, const Image& aces, const DngCamera& camera,
                      const DngFrameTags& tags = {});

}  // namespace emu::media
