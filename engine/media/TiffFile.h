#pragma once

// A bounded reader of TIFF directories, for the DNG tags LibRaw does not hand out (CinemaDNG
// time code, frame rate, reel name) and for checking a DNG's layout before LibRaw reads it.
// Every offset and count is checked against the file's size before anything is read or
// allocated. Internal to emu_media.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::media {

enum TiffType : std::uint16_t {
    kTiffByte = 1,
    kTiffAscii = 2,
    kTiffShort = 3,
    kTiffLong = 4,
    kTiffRational = 5,
    kTiffSByte = 6,
    kTiffUndefined = 7,
    kTiffSShort = 8,
    kTiffSLong = 9,
    kTiffSRational = 10,
    kTiffFloat = 11,
    kTiffDouble = 12,
};

// Size in bytes of one value of a type; 0 for types this reader does not know.
std::size_t tiffTypeSize(std::uint16_t type);

struct TiffEntry {
    std::uint16_t tag = 0;
    std::uint16_t type = 0;
    std::uint32_t count = 0;
    std::uint64_t dataOffset = 0;  // where the values are in the file (inline ones included)
};

// One opened TIFF file. Errors are CorruptData naming the file. Thread: one owner.
class TiffFile {
public:
    // Reads and checks the 8-byte header ("II*\0" or "MM\0*").
    static Result<TiffFile> open(const std::filesystem::path& path);

    std::uint64_t firstIfd() const { return m_firstIfd; }
    std::uint64_t size() const { return m_size; }
    const std::filesystem::path& path() const { return m_path; }

    // The entries of the directory at `offset` (at most 1000) and the next one's offset.
    Result<std::vector<TiffEntry>> readIfd(std::uint64_t offset, std::uint64_t& next);

    // The values of an entry as numbers (integer, rational or float types), at most
    // `maxCount` of them.
    Result<std::vector<double>> numbers(const TiffEntry& entry, std::size_t maxCount);
    // The raw bytes of a BYTE/UNDEFINED/ASCII entry, at most `maxCount`.
    Result<std::vector<std::uint8_t>> bytes(const TiffEntry& entry, std::size_t maxCount);
    // An ASCII entry up to its first NUL.
    Result<std::string> ascii(const TiffEntry& entry, std::size_t maxCount);

private:
    Status corrupt(const std::string& what) const;
    Status readAt(std::uint64_t offset, void* out, std::size_t bytes);
    std::uint16_t u16(const std::uint8_t* p) const;
    std::uint32_t u32(const std::uint8_t* p) const;

    std::filesystem::path m_path;
    std::unique_ptr<std::ifstream> m_in;
    std::uint64_t m_size = 0;
    std::uint64_t m_firstIfd = 0;
    bool m_bigEndian = false;
};

// The first entry with `tag`, or null.
const TiffEntry* findTag(const std::vector<TiffEntry>& entries, std::uint16_t tag);

// CinemaDNG TimeCodes (tag 51043): SMPTE 12M time code as 8 bytes of BCD (frames, seconds,
// minutes, hours, then binary groups), drop frame in bit 6 of the frames byte.
// "HH:MM:SS:FF" (';' before FF for drop frame) <-> bytes; empty/false when malformed.
std::string decodeSmpteTimecode(const std::uint8_t* bytes);
bool encodeSmpteTimecode(const std::string& timecode, std::uint8_t* bytes);

}  // namespace emu::media
