#include "DngTags.h"

#include <cmath>
#include <fstream>

#include "TiffFile.h"

namespace emu::media {

namespace {

constexpr std::size_t kMaxStrips = 1 << 20;
constexpr int kMaxSubIfds = 16;

Status corrupt(const TiffFile& tiff, const std::string& what) {
    return makeError(ErrorCode::CorruptData, tiff.path().string() + ": " + what);
}

// The first value of a numeric tag, or `fallback` when the tag is absent.
Result<double> first(TiffFile& tiff, const std::vector<TiffEntry>& ifd, std::uint16_t tag,
                     double fallback) {
    const TiffEntry* e = findTag(ifd, tag);
    if (!e) return fallback;
    EMU_ASSIGN_OR_RETURN(std::vector<double> v, tiff.numbers(*e, kMaxStrips));
    if (v.empty()) return corrupt(tiff, "tag " + std::to_string(tag) + " has no value");
    return v[0];
}

// Checks the raw image's strips or tiles against the file; returns its bits per sample.
Result<int> checkRawImage(TiffFile& tiff, const std::vector<TiffEntry>& ifd) {
    EMU_ASSIGN_OR_RETURN(double width, first(tiff, ifd, 256, 0));
    EMU_ASSIGN_OR_RETURN(double height, first(tiff, ifd, 257, 0));
    EMU_ASSIGN_OR_RETURN(double bits, first(tiff, ifd, 258, 1));
    EMU_ASSIGN_OR_RETURN(double spp, first(tiff, ifd, 277, 1));
    EMU_ASSIGN_OR_RETURN(double compression, first(tiff, ifd, 259, 1));
    if (width < 1 || height < 1 || width > 65535 || height > 65535) {
        return corrupt(tiff, "raw image size " + std::to_string(std::int64_t(width)) + "x" +
                                 std::to_string(std::int64_t(height)) + " is out of range");
    }
    if (bits < 1 || bits > 32 || spp < 1 || spp > 4) {
        return corrupt(tiff, "raw image has " + std::to_string(std::int64_t(bits)) + " bits and " +
                                 std::to_string(std::int64_t(spp)) + " samples per pixel");
    }
    const bool tiled = findTag(ifd, 324) != nullptr;
    const TiffEntry* offsets = findTag(ifd, tiled ? 324 : 273);
    const TiffEntry* counts = findTag(ifd, tiled ? 325 : 279);
    if (!offsets || !counts) return corrupt(tiff, "raw image has no strip or tile offsets");
    EMU_ASSIGN_OR_RETURN(std::vector<double> off, tiff.numbers(*offsets, kMaxStrips));
    EMU_ASSIGN_OR_RETURN(std::vector<double> len, tiff.numbers(*counts, kMaxStrips));
    if (off.size() != len.size() || off.empty()) {
        return corrupt(tiff, "raw image has " + std::to_string(off.size()) + " offsets and " +
                                 std::to_string(len.size()) + " byte counts");
    }
    double total = 0;
    for (std::size_t i = 0; i < off.size(); ++i) {
        if (off[i] < 0 || len[i] < 0 || off[i] + len[i] > double(tiff.size())) {
            return corrupt(tiff, "raw image data at offset " +
                                     std::to_string(std::int64_t(off[i])) + " (" +
                                     std::to_string(std::int64_t(len[i])) +
                                     " bytes) lies beyond the end of the file (" +
                                     std::to_string(tiff.size()) + " bytes); is it truncated?");
        }
        total += len[i];
    }
    const double needed = std::ceil(width * height * spp * bits / 8.0);
    if (compression == 1 && !tiled && total < needed) {
        return corrupt(tiff, "raw image strips hold " + std::to_string(std::int64_t(total)) +
                                 " bytes, fewer than the " + std::to_string(std::int64_t(needed)) +
                                 " its size needs");
    }
    return int(bits);
}

// Every tag's values must lie inside the file, or LibRaw would read what is not there.
Status checkEntries(const TiffFile& tiff, const std::vector<TiffEntry>& ifd) {
    for (const TiffEntry& e : ifd) {
        const std::uint64_t bytes = std::uint64_t(e.count) * tiffTypeSize(e.type);
        if (e.dataOffset > tiff.size() || bytes > tiff.size() - e.dataOffset) {
            return corrupt(tiff, "the values of tag " + std::to_string(e.tag) + " (" +
                                     std::to_string(bytes) + " bytes at offset " +
                                     std::to_string(e.dataOffset) +
                                     ") lie beyond the end of the file");
        }
    }
    return Status::ok();
}

bool isRawIfd(TiffFile& tiff, const std::vector<TiffEntry>& ifd) {
    const Result<double> kind = first(tiff, ifd, 254, 0);
    const Result<double> photometric = first(tiff, ifd, 262, 0);
    return kind && *kind == 0 && photometric && (*photometric == 32803 || *photometric == 34892);
}

FrameRate rateFromDouble(double fps) {
    if (!(fps > 0) || fps > 1000) return {};
    if (std::fabs(fps - std::round(fps)) < 1e-6) return {int(std::round(fps)), 1};
    return {int(std::round(fps * 1001)), 1001};
}

Status readCinemaDngTags(TiffFile& tiff, const std::vector<TiffEntry>& ifd0, DngTags& tags) {
    if (const TiffEntry* e = findTag(ifd0, 51043)) {
        EMU_ASSIGN_OR_RETURN(std::vector<std::uint8_t> tc, tiff.bytes(*e, 8 * 64));
        if (tc.size() < 8) return corrupt(tiff, "TimeCodes tag holds fewer than 8 bytes");
        tags.timecode = decodeSmpteTimecode(tc.data());
        if (tags.timecode.empty()) return corrupt(tiff, "TimeCodes tag is not valid SMPTE BCD");
    }
    if (findTag(ifd0, 51044)) {
        EMU_ASSIGN_OR_RETURN(double fps, first(tiff, ifd0, 51044, 0));
        tags.rate = rateFromDouble(fps);
    }
    if (const TiffEntry* e = findTag(ifd0, 51081)) {
        EMU_ASSIGN_OR_RETURN(tags.reel, tiff.ascii(*e, 1024));
    }
    return Status::ok();
}

}  // namespace

bool looksLikeTiff(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char h[4] = {};
    if (!in.read(h, 4)) return false;
    return (h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) ||
           (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42);
}

Result<DngTags> readDngTags(const std::filesystem::path& path) {
    EMU_ASSIGN_OR_RETURN(TiffFile tiff, TiffFile::open(path));
    std::uint64_t next = 0;
    EMU_ASSIGN_OR_RETURN(std::vector<TiffEntry> ifd0, tiff.readIfd(tiff.firstIfd(), next));
    DngTags tags;
    tags.isDng = findTag(ifd0, 50706) != nullptr;
    if (!tags.isDng) return tags;
    EMU_RETURN_IF_ERROR(checkEntries(tiff, ifd0));
    EMU_RETURN_IF_ERROR(readCinemaDngTags(tiff, ifd0, tags));

    if (isRawIfd(tiff, ifd0)) {
        EMU_ASSIGN_OR_RETURN(tags.bitsPerSample, checkRawImage(tiff, ifd0));
        return tags;
    }
    if (const TiffEntry* sub = findTag(ifd0, 330)) {
        EMU_ASSIGN_OR_RETURN(std::vector<double> subs, tiff.numbers(*sub, kMaxSubIfds));
        for (double offset : subs) {
            std::uint64_t ignored = 0;
            EMU_ASSIGN_OR_RETURN(std::vector<TiffEntry> ifd,
                                 tiff.readIfd(std::uint64_t(offset), ignored));
            if (isRawIfd(tiff, ifd)) {
                EMU_RETURN_IF_ERROR(checkEntries(tiff, ifd));
                EMU_ASSIGN_OR_RETURN(tags.bitsPerSample, checkRawImage(tiff, ifd));
                return tags;
            }
        }
    }
    return corrupt(tiff, "DNG has no raw (CFA or linear) image");
}

}  // namespace emu::media
