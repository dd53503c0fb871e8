#pragma once

// WAVE files for the audio tests, written byte by byte from the RIFF/WAVE and RF64 layouts.

#include <cstdint>
#include <filesystem>
#include <vector>

namespace emu::test {

struct WavSpec {
    int sampleRate = 48000;
    int channels = 2;
    int bitsPerSample = 24;
    bool floatSamples = false;
    bool extensible = false;  // WAVE_FORMAT_EXTENSIBLE fmt chunk
    bool rf64 = false;        // RF64 with a ds64 chunk and 0xFFFFFFFF sizes
    int formatTag = 0;        // overrides the format tag when non-zero (for refusals)
};

// A deterministic test signal: a different sine per channel (440 Hz x (channel + 1)) at
// -6 dBFS plus a channel-and-frame dependent ramp, so every sample differs. Interleaved.
std::vector<double> testSignal(int frames, int channels, int sampleRate);

// Writes `samples` (interleaved, full scale +-1) quantised to the spec's integer format
// (round to nearest) or as float; returns what each stored sample means as a float
// (integer / 2^(bits - 1)), the values a reader must give back.
std::vector<float> writeWav(const std::filesystem::path& path, const WavSpec& spec,
                            const std::vector<double>& samples);

}  // namespace emu::test
