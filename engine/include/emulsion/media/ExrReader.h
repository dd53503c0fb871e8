#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/ExrFrame.h"

namespace emu::media {

struct ExrReadOptions {
    std::string part;   // the part's name or its decimal index; empty = the first part
    std::string layer;  // channel prefix without the dot, e.g. "diffuse"; empty = default layer
};

// What a part of an EXR file holds, from its header alone.
struct ExrPartInfo {
    std::string name;  // empty if the part has no name
    int index = 0;
    Box2i dataWindow;
    Box2i displayWindow;
    std::vector<std::string> layers;    // sorted; "" stands for the default (unprefixed) layer
    std::vector<std::string> channels;  // full channel names, sorted
    bool tiled = false;
    bool deep = false;  // deep parts are listed but readExr refuses them
};

// Decodes one part and layer of an OpenEXR file into an RGBA Image covering the data window.
// Reads R,G,B[,A] (missing colour channels read as 0, missing alpha as 1), Y[,A] (as R=G=B=Y),
// and Y,RY,BY[,A] luminance/chroma (reconstructed by OpenEXR, always half). Half, float and
// uint channels; uint becomes float. The image is half when every channel read is half.
// Scanline and tiled parts (level 0 of multi-resolution files) are read alike.
// Headers are checked before any pixel memory is sized from them: data windows over 2^20 px on
// a side or 2^28 px in all, and more chunks than the file can hold, are refused.
// Failure: NotFound for a missing file, an unknown part or layer (the message lists those that
// exist); IoError for a directory or an unreadable file; CorruptData for damaged or truncated
// content; Unsupported for deep parts, subsampled channels outside luminance/chroma, a layer
// without colour channels, and luminance/chroma in any part but the first. Every message names
// the file. No exception escapes.
// Thread: safe to call concurrently on any files; decoding uses OpenEXR's global thread pool
// (see setExrThreadCount).
Result<ExrFrame> readExr(const std::filesystem::path& path, const ExrReadOptions& options = {});

// Lists the parts of an OpenEXR file and their channels without decoding pixels.
// Failure and thread: as readExr.
Result<std::vector<ExrPartInfo>> probeExr(const std::filesystem::path& path);

// Sets the size of OpenEXR's process-wide worker pool used to decode and encode chunks in
// parallel (0 = decode on the calling thread). Negative values count as 0.
// Thread: call from one thread while no EXR read or write is in progress, typically at start
// up; OpenEXR's pool is shared by the whole process, including other libraries that use it.
void setExrThreadCount(int threads);

}  // namespace emu::media
