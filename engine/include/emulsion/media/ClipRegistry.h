#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/Clip.h"
#include "emulsion/media/FileSequence.h"

namespace emu::media {

// One kind of file a clip can be made of. Thread: value type.
struct ClipReaderType {
    std::string id;                       // "exr", "dpx", "tiff", "dng", "movie"
    std::vector<std::string> extensions;  // lowercase, with the dot: ".exr"
    bool sequences = true;                // frames are files (else one file holds the clip)
    // The leading bytes that identify the format (any one of them), for files whose extension
    // is missing or unknown. Empty: recognised by extension only.
    std::vector<std::string> magics;
    // Opens the clip. For sequence formats `files` is the sequence (or a single file); for the
    // others it is always a single file.
    Result<std::unique_ptr<ClipReader>> (*open)(const FileSequence& files) = nullptr;
};

// The readers Emulsion knows, chosen by extension first and by the file's first bytes when
// the extension says nothing. Explicit: a reader exists because it was added here.
// Thread: build once, then read from any thread.
class ClipRegistry {
public:
    void add(ClipReaderType type);
    const std::vector<ClipReaderType>& types() const { return m_types; }

    // The reader type for a file, by extension, else by its first bytes; nullptr if none.
    const ClipReaderType* find(const std::filesystem::path& file) const;

    // Opens the clip a path names: a file of a sequence (the whole sequence is found, see
    // findSequence), a pattern, or a movie. NotFound for a missing path; Unsupported naming the
    // file when no reader knows it; the reader's own errors otherwise.
    Result<std::unique_ptr<ClipReader>> open(const std::filesystem::path& path) const;

private:
    std::vector<ClipReaderType> m_types;
};

// EXR, DPX, TIFF, camera raw (LibRaw) and movie (FFmpeg) readers.
ClipRegistry builtinClipReaders();

// The individual readers, for the registry and for tests.
Result<std::unique_ptr<ClipReader>> openExrClip(const FileSequence& files);
Result<std::unique_ptr<ClipReader>> openDpxClip(const FileSequence& files);
Result<std::unique_ptr<ClipReader>> openTiffClip(const FileSequence& files);

}  // namespace emu::media
