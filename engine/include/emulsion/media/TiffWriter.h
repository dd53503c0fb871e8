#pragma once

#include <filesystem>
#include <string>

#include "emulsion/core/Status.h"
#include "emulsion/media/Image.h"

namespace emu::media {

struct TiffWriteOptions {
    bool alpha = false;       // RGBA; else RGB
    std::string software;     // the "Software" tag; "" = none
    std::string description;  // the "ImageDescription" tag (e.g. the frame's time code)
};

// Writes `image` as an uncompressed 16-bit unsigned integer TIFF (RGB or RGBA, contiguous),
// samples round(clamp(v, 0, 1) * 65535), NaN as 0, through OpenImageIO's TIFF writer.
// The file is written under a temporary name in the same directory and renamed into place once
// complete: on any failure nothing appears under `path` and a file already there is untouched.
// Failure: InvalidArgument (empty image), IoError naming `path` (missing directory,
// permission, disk full). Thread: safe to call concurrently for different paths.
Status writeTiff16(const std::filesystem::path& path, const Image& image,
                   const TiffWriteOptions& options = {});

}  // namespace emu::media
