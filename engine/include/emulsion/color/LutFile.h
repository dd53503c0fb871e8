#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::color {

// A 3D look-up table sampled on a size x size x size lattice over [0, 1] per channel.
// `rgb` holds size^3 triples, red changing fastest, then green, then blue: the entry for
// lattice point (r, g, b) is at 3 * (r + size * (g + size * b)). Values are unclamped.
// Thread: value type.
struct Lut3d {
    int size = 0;
    std::vector<float> rgb;
    std::string title;                  // a short name written into the file
    std::vector<std::string> comments;  // one line each, e.g. what was baked and from what

    bool valid() const { return size >= 2 && rgb.size() == std::size_t(size) * size * size * 3; }
};

// Sizes a bake may have: what on-set monitors and dailies systems load.
inline constexpr int kLutBakeSizes[] = {17, 33, 65};

// The identity lattice for `size`: each entry holds its own coordinates, (r, g, b) / (size - 1).
std::vector<float> identityLattice(int size);

// Writes `lut` as a Resolve/Adobe .cube file (LUT_3D_SIZE, DOMAIN_MIN/MAX, red fastest), each
// number in the shortest form that reads back as the same float. Through an AtomicFile: on
// failure nothing is left under `path` and an existing file is untouched. InvalidArgument for
// an invalid table or a non-finite value, IoError naming the path otherwise. Thread: any.
Status writeCubeLut(const std::filesystem::path& path, const Lut3d& lut);

// Writes `lut` as an Academy/ASC Common LUT Format (CLF) ProcessList holding one LUT3D with
// tetrahedral interpolation, through OpenColorIO's CLF writer and an AtomicFile. Same errors
// as writeCubeLut. Thread: any.
Status writeClfLut(const std::filesystem::path& path, const Lut3d& lut);

}  // namespace emu::color
