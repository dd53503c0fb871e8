#include "OcrSupport.h"

#include <algorithm>
#include <cmath>
#include <fstream>

#include "Shell.h"

namespace emu::test {

void writeGreyPgm(const media::Image& frame, int x0, int y0, int x1, int y1, int zoom,
                  const std::filesystem::path& path) {
    const int w = (x1 - x0) * zoom, h = (y1 - y0) * zoom;
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << w << " " << h << "\n255\n";
    std::string row(std::size_t(w), '\0');
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const int sx = x0 + x / zoom, sy = y0 + y / zoom;
            const float luma = 0.2126f * frame.sample(sx, sy, 0) +
                               0.7152f * frame.sample(sx, sy, 1) +
                               0.0722f * frame.sample(sx, sy, 2);
            row[std::size_t(x)] = char(std::lround(std::clamp(luma, 0.0f, 1.0f) * 255.0f));
        }
        out.write(row.data(), std::streamsize(row.size()));
    }
}

std::string ocrLine(const std::filesystem::path& image, const std::string& characters) {
    std::string command = "tesseract " + quotePath(image) + " stdout --psm 7 -l eng";
    if (!characters.empty()) command += " -c tessedit_char_whitelist=" + shellQuote(characters);
    const CommandResult r = runCommand(command + " 2>/dev/null");
    std::string text = r.output;
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    text.erase(text.begin(), std::find_if(text.begin(), text.end(), notSpace));
    text.erase(std::find_if(text.rbegin(), text.rend(), notSpace).base(), text.end());
    return text;
}

}  // namespace emu::test
