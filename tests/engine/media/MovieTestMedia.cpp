#include "MovieTestMedia.h"

#include <fstream>

#include "TempDir.h"

namespace emu::test {

CommandResult makeMovie(const std::filesystem::path& path, const std::string& source,
                        const std::string& options) {
    return runCommand(shellQuote(FFMPEG_BINARY) + " -nostdin -hide_banner -loglevel error -y" +
                      " -f lavfi -i " + shellQuote(source) + " " + options + " " + quotePath(path));
}

CommandResult runFfprobe(const std::filesystem::path& path, const std::string& arguments) {
    return runCommand(shellQuote(FFPROBE_BINARY) + " -hide_banner -v error " + arguments + " " +
                      quotePath(path));
}

media::Image ffmpegFrame(const std::filesystem::path& path, int n, int widthPx, int heightPx,
                         bool alpha) {
    TempDir dir;
    const auto raw = dir / "frame.raw";
    const CommandResult r = runCommand(
        shellQuote(FFMPEG_BINARY) + " -nostdin -hide_banner -loglevel error -y -i " +
        quotePath(path) + " -vf " + shellQuote("select=eq(n\\," + std::to_string(n) + ")") +
        " -frames:v 1 -pix_fmt " + (alpha ? "rgba64le" : "rgb48le") + " -f rawvideo " +
        quotePath(raw));
    if (r.exitCode != 0) return {};
    std::ifstream in(raw, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    const int channels = alpha ? 4 : 3;
    if (bytes.size() != std::size_t(widthPx) * heightPx * channels * 2) return {};

    media::Image image(widthPx, heightPx, media::PixelType::Float);
    std::size_t at = 0;
    for (int y = 0; y < heightPx; ++y) {
        for (int x = 0; x < widthPx; ++x) {
            for (int c = 0; c < 4; ++c) {
                if (c == 3 && !alpha) {
                    image.setSample(x, y, c, 1.0f);
                    continue;
                }
                const unsigned v = std::uint8_t(bytes[at]) | (std::uint8_t(bytes[at + 1]) << 8);
                image.setSample(x, y, c, float(v) / 65535.0f);
                at += 2;
            }
        }
    }
    return image;
}

}  // namespace emu::test
