#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::media {

enum class WavSampleFormat { Pcm, Float };

// What a WAVE file's header says.
struct WavInfo {
    int sampleRate = 0;  // [Hz]
    int channels = 0;    // 1..8; interleaved in the file's (WAVE channel mask) order
    int bitsPerSample = 0;
    WavSampleFormat format = WavSampleFormat::Pcm;
    std::uint64_t frames = 0;  // sample frames (one sample per channel each)
    bool rf64 = false;         // an RF64 file (EBU Tech 3306), for mixes past 4 GiB
};

// Reads RIFF/WAVE and RF64 audio: PCM 16, 24 and 32-bit and IEEE float 32-bit (also as
// WAVE_FORMAT_EXTENSIBLE), 1 to 8 channels: the final mix of a film, stereo or 5.1 at 48 kHz.
// Samples come out as float, full scale +-1 (integer samples divided by 2^(bits-1): 16 and
// 24-bit values are exact; float samples are passed unchanged).
// Thread: one thread at a time.
class WavReader {
public:
    // Failure: NotFound (no such file), CorruptData (not a WAVE file, chunks that do not nest,
    // a data chunk past the end of the file), Unsupported (compressed or 8-bit audio, more
    // than 8 channels); messages name the file.
    static Result<std::unique_ptr<WavReader>> open(const std::filesystem::path& path);

    const WavInfo& info() const { return m_info; }
    const std::filesystem::path& path() const { return m_path; }

    // Reads up to `frames` sample frames from the current position into `out` (resized to
    // frames read x channels, interleaved); 0 frames at the end. IoError names the file.
    Result<std::size_t> read(std::size_t frames, std::vector<float>& out);

private:
    WavReader(std::filesystem::path path, std::ifstream file, WavInfo info,
              std::uint64_t dataOffset);

    std::filesystem::path m_path;
    std::ifstream m_file;
    WavInfo m_info;
    std::uint64_t m_dataOffset = 0;
    std::uint64_t m_position = 0;  // [frames] read so far
    std::vector<unsigned char> m_raw;
};

}  // namespace emu::media
