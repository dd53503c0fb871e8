#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::media {

// A file name with a frame-number placeholder: printf style (`shot.%06d.exr`, `%d`) or hashes
// (`shot.####.exr`, one # per digit). A name without a placeholder is a single file.
// Thread: value type.
class FramePattern {
public:
    // Fails with InvalidArgument for two placeholders or a malformed printf field.
    static Result<FramePattern> parse(const std::string& text);

    bool isSequence() const { return m_padding.has_value(); }
    // The path of frame `frame` (negative frames get a minus sign before the padded digits).
    std::filesystem::path path(int frame) const;
    const std::string& text() const { return m_text; }

    // The frames of this pattern present on disk, sorted. Empty for a single file.
    std::vector<int> framesOnDisk() const;

    // The clip's name from the file name: no folder, no extension, and for a sequence nothing
    // from the placeholder on nor the separators ('.', '_', '-') before it:
    // "day1/A001C003_%07d.exr" -> "A001C003", "plate.exr" -> "plate".
    std::string clipName() const;

private:
    std::string m_text;
    std::string m_prefix;
    std::string m_suffix;
    std::optional<int> m_padding;  // digits, 0 = no padding
};

// A frame range "A-B" (inclusive, A <= B) or a single frame "A".
struct FrameRange {
    int first = 0;
    int last = 0;
    int count() const { return last - first + 1; }
};
Result<FrameRange> parseFrameRange(const std::string& text);

}  // namespace emu::media
