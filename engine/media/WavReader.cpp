#include "emulsion/media/WavReader.h"

#include <cstring>
#include <optional>
#include <string>
#include <system_error>

namespace emu::media {

namespace {

constexpr std::uint16_t kFormatPcm = 1;
constexpr std::uint16_t kFormatFloat = 3;
constexpr std::uint16_t kFormatExtensible = 0xFFFE;

std::uint16_t le16(const unsigned char* p) {
    return std::uint16_t(p[0] | (p[1] << 8));
}
std::uint32_t le32(const unsigned char* p) {
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
}
std::uint64_t le64(const unsigned char* p) {
    return std::uint64_t(le32(p)) | (std::uint64_t(le32(p + 4)) << 32);
}

struct Header {
    WavInfo info;
    std::uint64_t dataOffset = 0;
    std::uint64_t dataBytes = 0;
    int blockAlign = 0;
};

// Walks the chunk list of a file already read into `bytes` up to its data chunk's start.
class HeaderParser {
public:
    HeaderParser(const std::filesystem::path& path, std::uint64_t fileSize)
        : m_path(path), m_fileSize(fileSize) {}

    Result<Header> parse(std::ifstream& in) {
        unsigned char riff[12];
        if (!in.read(reinterpret_cast<char*>(riff), 12)) return corrupt("shorter than a header");
        const bool rf64 = std::memcmp(riff, "RF64", 4) == 0;
        if ((!rf64 && std::memcmp(riff, "RIFF", 4) != 0) || std::memcmp(riff + 8, "WAVE", 4) != 0)
            return corrupt("not a RIFF/WAVE or RF64 file");
        Header h;
        h.info.rf64 = rf64;
        std::optional<std::uint64_t> ds64Data;
        bool haveFormat = false;
        std::uint64_t offset = 12;
        for (;;) {
            unsigned char chunk[8];
            in.seekg(std::streamoff(offset));
            if (offset + 8 > m_fileSize || !in.read(reinterpret_cast<char*>(chunk), 8))
                return corrupt("no data chunk");
            std::uint64_t size = le32(chunk + 4);
            const std::string id(reinterpret_cast<char*>(chunk), 4);
            if (id == "ds64") {
                unsigned char ds[24];
                if (size < 24 || !in.read(reinterpret_cast<char*>(ds), 24))
                    return corrupt("ds64 chunk too short");
                ds64Data = le64(ds + 8);
            } else if (id == "fmt ") {
                EMU_RETURN_IF_ERROR(parseFormat(in, size, h));
                haveFormat = true;
            } else if (id == "data") {
                if (!haveFormat) return corrupt("data chunk before the fmt chunk");
                if (rf64 && size == 0xFFFFFFFFu) {
                    if (!ds64Data) return corrupt("RF64 file without a ds64 chunk");
                    size = *ds64Data;
                }
                h.dataOffset = offset + 8;
                h.dataBytes = size;
                if (h.dataOffset + size > m_fileSize) {
                    return corrupt("the data chunk claims " + std::to_string(size) +
                                   " bytes but the file ends after " +
                                   std::to_string(m_fileSize - h.dataOffset) + " (truncated?)");
                }
                h.info.frames = size / std::uint64_t(h.blockAlign);
                return h;
            }
            offset += 8 + size + (size & 1);  // chunks are padded to even sizes
        }
    }

private:
    Status corrupt(const std::string& what) const {
        return makeError(ErrorCode::CorruptData, m_path.string() + ": " + what);
    }
    Status unsupported(const std::string& what) const {
        return makeError(ErrorCode::Unsupported, m_path.string() + ": " + what);
    }

    Status parseFormat(std::ifstream& in, std::uint64_t size, Header& h) const {
        if (size < 16 || size > 256)
            return corrupt("fmt chunk of " + std::to_string(size) + " bytes");
        unsigned char f[256] = {};
        if (!in.read(reinterpret_cast<char*>(f), std::streamsize(size)))
            return corrupt("fmt chunk cut short");
        std::uint16_t tag = le16(f);
        const int channels = le16(f + 2);
        h.info.sampleRate = int(le32(f + 4));
        h.blockAlign = le16(f + 12);
        h.info.bitsPerSample = le16(f + 14);
        if (tag == kFormatExtensible) {
            if (size < 40) return corrupt("WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
            tag = le16(f + 24);  // the sub-format GUID starts with the format tag
        }
        if (tag != kFormatPcm && tag != kFormatFloat)
            return unsupported("compressed audio (format tag " + std::to_string(tag) + ")");
        h.info.format = tag == kFormatFloat ? WavSampleFormat::Float : WavSampleFormat::Pcm;
        const int bits = h.info.bitsPerSample;
        if (tag == kFormatPcm && bits != 16 && bits != 24 && bits != 32)
            return unsupported(std::to_string(bits) + "-bit PCM (16, 24 or 32-bit are read)");
        if (tag == kFormatFloat && bits != 32)
            return unsupported(std::to_string(bits) + "-bit float (32-bit is read)");
        if (channels < 1 || channels > 8)
            return unsupported(std::to_string(channels) + " channels (1 to 8 are read)");
        if (h.info.sampleRate <= 0) return corrupt("sample rate 0");
        if (h.blockAlign != channels * bits / 8)
            return corrupt("block align " + std::to_string(h.blockAlign) + " for " +
                           std::to_string(channels) + " channels of " + std::to_string(bits) +
                           " bits");
        h.info.channels = channels;
        return Status::ok();
    }

    const std::filesystem::path& m_path;
    std::uint64_t m_fileSize;
};

}  // namespace

Result<std::unique_ptr<WavReader>> WavReader::open(const std::filesystem::path& path) {
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return makeError(ErrorCode::NotFound, path.string() + ": no such audio file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::IoError, path.string() + ": cannot be read");
    EMU_ASSIGN_OR_RETURN(Header h, HeaderParser(path, size).parse(in));
    in.clear();
    in.seekg(std::streamoff(h.dataOffset));
    return std::unique_ptr<WavReader>(new WavReader(path, std::move(in), h.info, h.dataOffset));
}

WavReader::WavReader(std::filesystem::path path, std::ifstream file, WavInfo info,
                     std::uint64_t dataOffset)
    : m_path(std::move(path)), m_file(std::move(file)), m_info(info), m_dataOffset(dataOffset) {}

Result<std::size_t> WavReader::read(std::size_t frames, std::vector<float>& out) {
    const std::uint64_t left = m_info.frames - m_position;
    const std::size_t n = std::size_t(std::min<std::uint64_t>(frames, left));
    const int bytes = m_info.bitsPerSample / 8;
    const std::size_t samples = n * std::size_t(m_info.channels);
    m_raw.resize(samples * bytes);
    out.resize(samples);
    if (n == 0) return std::size_t(0);
    if (!m_file.read(reinterpret_cast<char*>(m_raw.data()), std::streamsize(m_raw.size())))
        return makeError(ErrorCode::IoError, m_path.string() + ": read failed in the audio data");
    const unsigned char* p = m_raw.data();
    for (std::size_t i = 0; i < samples; ++i, p += bytes) {
        if (m_info.format == WavSampleFormat::Float) {
            const std::uint32_t bits = le32(p);
            std::memcpy(&out[i], &bits, 4);
        } else if (bytes == 2) {
            out[i] = float(std::int16_t(le16(p))) / 32768.0f;
        } else if (bytes == 3) {
            // Sign-extend through the top byte of a 32-bit word.
            const std::int32_t v = std::int32_t(std::uint32_t(p[0] << 8 | p[1] << 16 | p[2] << 24));
            out[i] = float(v >> 8) / 8388608.0f;
        } else {
            out[i] = float(double(std::int32_t(le32(p))) / 2147483648.0);
        }
    }
    m_position += n;
    return n;
}

}  // namespace emu::media
