#include "TiffFile.h"

#include <cstdio>
#include <cstring>

namespace emu::media {

namespace {
constexpr std::size_t kMaxIfdEntries = 1000;
}

std::size_t tiffTypeSize(std::uint16_t type) {
    switch (type) {
        case kTiffByte:
        case kTiffAscii:
        case kTiffSByte:
        case kTiffUndefined:
            return 1;
        case kTiffShort:
        case kTiffSShort:
            return 2;
        case kTiffLong:
        case kTiffSLong:
        case kTiffFloat:
            return 4;
        case kTiffRational:
        case kTiffSRational:
        case kTiffDouble:
            return 8;
        default:
            return 0;
    }
}

Status TiffFile::corrupt(const std::string& what) const {
    return makeError(ErrorCode::CorruptData, m_path.string() + ": " + what);
}

Status TiffFile::readAt(std::uint64_t offset, void* out, std::size_t bytes) {
    if (offset > m_size || bytes > m_size - offset) {
        return corrupt("data at offset " + std::to_string(offset) + " (" + std::to_string(bytes) +
                       " bytes) lies beyond the end of the file (" + std::to_string(m_size) +
                       " bytes)");
    }
    m_in->clear();
    m_in->seekg(std::streamoff(offset));
    m_in->read(static_cast<char*>(out), std::streamsize(bytes));
    if (!*m_in) return corrupt("cannot read " + std::to_string(bytes) + " bytes");
    return Status::ok();
}

std::uint16_t TiffFile::u16(const std::uint8_t* p) const {
    return m_bigEndian ? std::uint16_t(p[0] << 8 | p[1]) : std::uint16_t(p[1] << 8 | p[0]);
}

std::uint32_t TiffFile::u32(const std::uint8_t* p) const {
    return m_bigEndian ? std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 |
                             std::uint32_t(p[2]) << 8 | p[3]
                       : std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 |
                             std::uint32_t(p[1]) << 8 | p[0];
}

Result<TiffFile> TiffFile::open(const std::filesystem::path& path) {
    TiffFile file;
    file.m_path = path;
    file.m_in = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file.m_in) return makeError(ErrorCode::NotFound, path.string() + ": cannot open");
    file.m_in->seekg(0, std::ios::end);
    file.m_size = std::uint64_t(file.m_in->tellg());
    std::uint8_t header[8];
    if (file.m_size < 8) return file.corrupt("too short for a TIFF header");
    EMU_RETURN_IF_ERROR(file.readAt(0, header, 8));
    if (header[0] == 'I' && header[1] == 'I') {
        file.m_bigEndian = false;
    } else if (header[0] == 'M' && header[1] == 'M') {
        file.m_bigEndian = true;
    } else {
        return file.corrupt("not a TIFF/DNG file (no II or MM byte order mark)");
    }
    if (file.u16(header + 2) != 42) return file.corrupt("not a TIFF/DNG file (no magic 42)");
    file.m_firstIfd = file.u32(header + 4);
    return file;
}

Result<std::vector<TiffEntry>> TiffFile::readIfd(std::uint64_t offset, std::uint64_t& next) {
    std::uint8_t countBytes[2];
    EMU_RETURN_IF_ERROR(readAt(offset, countBytes, 2));
    const std::size_t count = u16(countBytes);
    if (count == 0 || count > kMaxIfdEntries) {
        return corrupt("image file directory at offset " + std::to_string(offset) + " has " +
                       std::to_string(count) + " entries");
    }
    std::vector<std::uint8_t> raw(count * 12 + 4);
    EMU_RETURN_IF_ERROR(readAt(offset + 2, raw.data(), raw.size()));
    std::vector<TiffEntry> entries;
    entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* e = raw.data() + i * 12;
        TiffEntry entry;
        entry.tag = u16(e);
        entry.type = u16(e + 2);
        entry.count = u32(e + 4);
        const std::uint64_t bytes = std::uint64_t(entry.count) * tiffTypeSize(entry.type);
        entry.dataOffset = bytes <= 4 ? offset + 2 + i * 12 + 8 : u32(e + 8);
        entries.push_back(entry);
    }
    next = u32(raw.data() + count * 12);
    return entries;
}

Result<std::vector<std::uint8_t>> TiffFile::bytes(const TiffEntry& entry, std::size_t maxCount) {
    if (tiffTypeSize(entry.type) != 1) {
        return corrupt("tag " + std::to_string(entry.tag) + " is not a byte or text tag");
    }
    if (entry.count > maxCount) {
        return corrupt("tag " + std::to_string(entry.tag) + " has " + std::to_string(entry.count) +
                       " values, more than " + std::to_string(maxCount));
    }
    std::vector<std::uint8_t> out(entry.count);
    if (!out.empty()) EMU_RETURN_IF_ERROR(readAt(entry.dataOffset, out.data(), out.size()));
    return out;
}

Result<std::string> TiffFile::ascii(const TiffEntry& entry, std::size_t maxCount) {
    EMU_ASSIGN_OR_RETURN(std::vector<std::uint8_t> raw, bytes(entry, maxCount));
    std::string text(raw.begin(), raw.end());
    const std::size_t nul = text.find('\0');
    if (nul != std::string::npos) text.resize(nul);
    return text;
}

Result<std::vector<double>> TiffFile::numbers(const TiffEntry& entry, std::size_t maxCount) {
    const std::size_t size = tiffTypeSize(entry.type);
    if (size == 0 || entry.type == kTiffAscii || entry.type == kTiffUndefined) {
        return corrupt("tag " + std::to_string(entry.tag) + " has a non-numeric type " +
                       std::to_string(entry.type));
    }
    if (entry.count > maxCount) {
        return corrupt("tag " + std::to_string(entry.tag) + " has " + std::to_string(entry.count) +
                       " values, more than " + std::to_string(maxCount));
    }
    std::vector<std::uint8_t> raw(std::size_t(entry.count) * size);
    if (!raw.empty()) EMU_RETURN_IF_ERROR(readAt(entry.dataOffset, raw.data(), raw.size()));
    std::vector<double> out(entry.count);
    for (std::size_t i = 0; i < entry.count; ++i) {
        const std::uint8_t* p = raw.data() + i * size;
        switch (entry.type) {
            case kTiffByte:
                out[i] = p[0];
                break;
            case kTiffSByte:
                out[i] = std::int8_t(p[0]);
                break;
            case kTiffShort:
                out[i] = u16(p);
                break;
            case kTiffSShort:
                out[i] = std::int16_t(u16(p));
                break;
            case kTiffLong:
                out[i] = u32(p);
                break;
            case kTiffSLong:
                out[i] = std::int32_t(u32(p));
                break;
            case kTiffRational:
                out[i] = u32(p + 4) == 0 ? 0.0 : double(u32(p)) / u32(p + 4);
                break;
            case kTiffSRational: {
                const std::int32_t den = std::int32_t(u32(p + 4));
                out[i] = den == 0 ? 0.0 : double(std::int32_t(u32(p))) / den;
                break;
            }
            case kTiffFloat: {
                const std::uint32_t bits = u32(p);
                float f;
                std::memcpy(&f, &bits, 4);
                out[i] = f;
                break;
            }
            default: {  // double
                std::uint64_t bits = std::uint64_t(u32(m_bigEndian ? p : p + 4)) << 32 |
                                     u32(m_bigEndian ? p + 4 : p);
                double d;
                std::memcpy(&d, &bits, 8);
                out[i] = d;
            }
        }
    }
    return out;
}

const TiffEntry* findTag(const std::vector<TiffEntry>& entries, std::uint16_t tag) {
    for (const TiffEntry& e : entries) {
        if (e.tag == tag) return &e;
    }
    return nullptr;
}

namespace {
int bcd(std::uint8_t byte, std::uint8_t tensMask) {
    const int units = byte & 0x0F;
    const int tens = (byte >> 4) & tensMask;
    if (units > 9) return -1;
    return tens * 10 + units;
}
std::uint8_t toBcd(int value) {
    return std::uint8_t((value / 10) << 4 | (value % 10));
}
}  // namespace

std::string decodeSmpteTimecode(const std::uint8_t* b) {
    const int frames = bcd(b[0], 0x3);
    const int seconds = bcd(b[1], 0x7);
    const int minutes = bcd(b[2], 0x7);
    const int hours = bcd(b[3], 0x3);
    if (frames < 0 || seconds < 0 || seconds > 59 || minutes < 0 || minutes > 59 || hours < 0 ||
        hours > 23) {
        return {};
    }
    const bool drop = (b[0] & 0x40) != 0;
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d%c%02d", hours, minutes, seconds,
                  drop ? ';' : ':', frames);
    return text;
}

bool encodeSmpteTimecode(const std::string& tc, std::uint8_t* b) {
    int h = 0, m = 0, s = 0, f = 0;
    char sep = 0;
    if (tc.size() != 11 || std::sscanf(tc.c_str(), "%2d:%2d:%2d%c%2d", &h, &m, &s, &sep, &f) != 5 ||
        (sep != ':' && sep != ';') || h > 23 || m > 59 || s > 59 || f > 39 || h < 0 || m < 0 ||
        s < 0 || f < 0) {
        return false;
    }
    std::memset(b, 0, 8);
    b[0] = toBcd(f) | (sep == ';' ? 0x40 : 0);
    b[1] = toBcd(s);
    b[2] = toBcd(m);
    b[3] = toBcd(h);
    return true;
}

}  // namespace emu::media
