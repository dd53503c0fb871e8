#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::color {

// One ASC colour decision: out = (in * slope + offset)^power, then saturation around Rec. 709
// luma. How values outside [0, 1] are treated is up to whoever applies it (the cdl node's
// style), not part of the file.
struct Cdl {
    std::string id;
    std::array<float, 3> slope{1.0f, 1.0f, 1.0f};
    std::array<float, 3> offset{0.0f, 0.0f, 0.0f};
    std::array<float, 3> power{1.0f, 1.0f, 1.0f};
    float saturation = 1.0f;
    std::string description;

    bool operator==(const Cdl&) const = default;
};

// Reads an ASC CDL file: a ColorCorrection (.cc), a ColorCorrectionCollection (.ccc) or a
// ColorDecisionList (.cdl), told apart by the root element. Returns every correction in file
// order. A missing SOPNode or SATNode means identity; a SOPNode needs Slope, Offset and Power
// with three numbers each; slope and saturation must not be negative, power must be positive.
// Documents with a DOCTYPE are refused, and no external entity is ever loaded. Errors are
// "file:line: what is wrong" (NotFound / IoError for an unreadable file, CorruptData for bad
// content, Unsupported for references to corrections in other files). Thread: any.
Result<std::vector<Cdl>> readCdlFile(const std::filesystem::path& path);

// The correction named `id`, or with an empty id the only one (the first when there are
// several). NotFound lists the ids there are. Thread: any.
Result<Cdl> pickCdl(const std::vector<Cdl>& cdls, const std::string& id);

// Writes a .cc (one ColorCorrection) or a .ccc (a ColorCorrectionCollection), numbers written
// so that reading them back gives the same floats. Through core::AtomicFile: an existing file
// is replaced only by a complete one. Fails with IoError naming the path. Thread: any.
Status writeCc(const std::filesystem::path& path, const Cdl& cdl);
Status writeCcc(const std::filesystem::path& path, const std::vector<Cdl>& cdls);

}  // namespace emu::color
