#include "WavTestFiles.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <string>

namespace emu::test {

namespace {

void put(std::string& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(char((v >> (8 * i)) & 0xFF));
}

}  // namespace

std::vector<double> testSignal(int frames, int channels, int sampleRate) {
    std::vector<double> s;
    s.reserve(std::size_t(frames) * channels);
    for (int i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c) {
            const double t = double(i) / sampleRate;
            s.push_back(0.5 * std::sin(2.0 * M_PI * 440.0 * (c + 1) * t) +
                        0.001 * ((i * 7 + c * 13) % 100) / 100.0);
        }
    return s;
}

std::vector<float> writeWav(const std::filesystem::path& path, const WavSpec& spec,
                            const std::vector<double>& samples) {
    const int bytes = spec.bitsPerSample / 8;
    std::string data;
    std::vector<float> meaning;
    for (double x : samples) {
        if (spec.floatSamples) {
            const float f = float(x);
            std::uint32_t bits = 0;
            std::memcpy(&bits, &f, 4);
            put(data, bits, 4);
            meaning.push_back(f);
            continue;
        }
        const double full = std::ldexp(1.0, spec.bitsPerSample - 1);
        const std::int64_t v = std::max<std::int64_t>(
            -std::int64_t(full),
            std::min<std::int64_t>(std::int64_t(full) - 1, std::llround(x * full)));
        put(data, std::uint64_t(v), bytes);
        meaning.push_back(float(double(v) / full));
    }
    const int tag = spec.formatTag ? spec.formatTag : (spec.floatSamples ? 3 : 1);
    std::string fmt;
    put(fmt, spec.extensible ? 0xFFFE : tag, 2);
    put(fmt, spec.channels, 2);
    put(fmt, spec.sampleRate, 4);
    put(fmt, std::uint64_t(spec.sampleRate) * spec.channels * bytes, 4);
    put(fmt, spec.channels * bytes, 2);
    put(fmt, spec.bitsPerSample, 2);
    if (spec.extensible) {
        put(fmt, 22, 2);
        put(fmt, spec.bitsPerSample, 2);
        put(fmt, spec.channels == 6 ? 0x60F : 0x3, 4);  // 5.1 (side) or stereo
        put(fmt, tag, 2);  // sub-format GUID: tag + the fixed tail 0000-0010-8000-00AA00389B71
        const unsigned char tail[14] = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                        0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
        fmt.append(reinterpret_cast<const char*>(tail), 14);
    }
    std::string body = "WAVE";
    if (spec.rf64) {
        body += "ds64";
        put(body, 28, 4);
        put(body, 4 + 36 + 8 + fmt.size() + 8 + data.size(), 8);  // RIFF size
        put(body, data.size(), 8);
        put(body, samples.size() / spec.channels, 8);
        put(body, 0, 4);  // no table
    }
    body += "fmt ";
    put(body, fmt.size(), 4);
    body += fmt;
    body += "LIST";  // a chunk readers must step over
    put(body, 4, 4);
    body += "INFO";
    body += "data";
    put(body, spec.rf64 ? 0xFFFFFFFFu : data.size(), 4);
    body += data;
    std::ofstream out(path, std::ios::binary);
    out << (spec.rf64 ? "RF64" : "RIFF");
    std::string size;
    put(size, spec.rf64 ? 0xFFFFFFFFu : body.size(), 4);
    out << size << body;
    return meaning;
}

}  // namespace emu::test
