#pragma once

#include <filesystem>
#include <string>

#include "emulsion/media/Image.h"

namespace emu::test {

// The region [x0, x1) x [y0, y1) of a display-referred frame as an 8-bit grey PGM (Rec. 709
// luma), scaled up by `zoom` (nearest neighbour) so that tesseract sees text of its liking.
void writeGreyPgm(const media::Image& frame, int x0, int y0, int x1, int y1, int zoom,
                  const std::filesystem::path& path);

// What `tesseract` reads on one line of the image (--psm 7), restricted to `characters`
// (empty: any), with surrounding white space trimmed.
std::string ocrLine(const std::filesystem::path& image, const std::string& characters);

}  // namespace emu::test
