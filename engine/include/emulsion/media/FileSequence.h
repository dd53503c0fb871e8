#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/FramePattern.h"

namespace emu::media {

// Files of one clip on disk: a numbered sequence (pattern with a frame placeholder and the
// frames present) or a single file (pattern without one, no frames). Thread: value type.
struct FileSequence {
    FramePattern pattern;
    std::vector<int> frames;  // present on disk, ascending; empty for a single file

    bool isSequence() const { return pattern.isSequence(); }
    int first() const { return frames.empty() ? 0 : frames.front(); }
    int last() const { return frames.empty() ? 0 : frames.back(); }
    // Whether the clip has `frame`: on disk for a sequence, 0 for a single file.
    bool has(int frame) const;
    // Frames between first() and last() that are not on disk.
    std::vector<int> missing() const;
    // A file of the clip: the first frame, or the single file.
    std::filesystem::path firstPath() const;
};

// The clip a path names. A pattern (name.%07d.exr, name.####.exr) lists its frames on disk. A
// plain file name whose name ends in digits before the extension (A001C003_0000123.exr) is a
// frame of a sequence: the last run of digits becomes the placeholder, zero-padded to its width
// when it starts with 0 or when its neighbours all have that width, and the sequence is every
// file of that pattern in the folder. Any other existing file is a single file.
// NotFound names a path that does not exist or a pattern with no frames on disk.
// Thread: any (reads the folder).
Result<FileSequence> findSequence(const std::filesystem::path& path);

// Every clip in a folder (not recursive), sequences grouped by pattern, single files on their
// own, sorted by pattern text. Hidden files (a leading '.') are skipped: they include the
// temporary files of writes in progress. NotFound / IoError name the folder.
// Thread: any.
Result<std::vector<FileSequence>> findSequencesInFolder(const std::filesystem::path& folder);

}  // namespace emu::media
