#include "emulsion/media/WavWriter.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "emulsion/core/AtomicFile.h"

namespace emu::media {

namespace {

void putLe(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(char((value >> (8 * i)) & 0xff));
}

}  // namespace

Status writeWav24(const std::filesystem::path& path, int sampleRate, int channels,
                  const std::vector<float>& interleaved) {
    if (channels < 1 || channels > 8 || sampleRate <= 0 || interleaved.size() % channels) {
        return makeError(ErrorCode::InvalidArgument,
                         path.string() +
                             ": a WAV needs 1 to 8 channels, a positive rate and "
                             "whole sample frames");
    }
    const std::uint64_t dataBytes = std::uint64_t(interleaved.size()) * 3;
    if (dataBytes + 36 > 0xffffffffull) {
        return makeError(ErrorCode::InvalidArgument, path.string() + ": past RIFF's 4 GiB");
    }
    std::string out;
    out.reserve(44 + dataBytes);
    out += "RIFF";
    putLe(out, std::uint32_t(36 + dataBytes), 4);
    out += "WAVEfmt ";
    putLe(out, 16, 4);
    putLe(out, 1, 2);  // PCM
    putLe(out, std::uint32_t(channels), 2);
    putLe(out, std::uint32_t(sampleRate), 4);
    putLe(out, std::uint32_t(sampleRate * channels * 3), 4);  // bytes per second
    putLe(out, std::uint32_t(channels * 3), 2);               // block align
    putLe(out, 24, 2);
    out += "data";
    putLe(out, std::uint32_t(dataBytes), 4);
    for (float v : interleaved) {
        const double clipped = std::isnan(v) ? 0.0 : std::fmax(-1.0, std::fmin(1.0, double(v)));
        const long code = std::lround(clipped * 8388607.0);  // 2^23 - 1: +1 stays in range
        putLe(out, std::uint32_t(code) & 0xffffffu, 3);
    }
    return core::writeFileAtomically(path, out, "WAV file");
}

}  // namespace emu::media
