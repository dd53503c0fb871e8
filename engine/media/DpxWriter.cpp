#include "emulsion/media/DpxWriter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <new>
#include <vector>

#include "DpxHeaderLayout.h"
#include "DpxPixels.h"
#include "emulsion/core/AtomicFile.h"

namespace emu::media {

namespace {

using namespace dpx;

// Where the writer puts the pixels: the offset most DPX writers use, which leaves room after
// the headers for user data.
constexpr std::uint32_t kWrittenDataOffset = 8192;

Status fileError(ErrorCode code, const std::filesystem::path& path, const std::string& what) {
    return makeError(code, path.string() + ": " + what);
}

int channelsOf(DpxDescriptor d) {
    switch (d) {
        case DpxDescriptor::Luminance:
            return 1;
        case DpxDescriptor::Rgb:
            return 3;
        case DpxDescriptor::Rgba:
            return 4;
        default:
            return 0;
    }
}

// The header being written, in the file's byte order.
struct HeaderWriter {
    std::vector<std::uint8_t>& bytes;
    bool big;

    void u8(std::size_t at, std::uint8_t v) { bytes[at] = v; }
    void u16(std::size_t at, std::uint16_t v) { store16(&bytes[at], v, big); }
    void u32(std::size_t at, std::uint32_t v) { store32(&bytes[at], v, big); }
    void u32(std::size_t at, const std::optional<std::uint32_t>& v) {
        u32(at, v.value_or(kUndefined32));
    }
    void r32(std::size_t at, const std::optional<float>& v) {
        u32(at, v ? std::bit_cast<std::uint32_t>(*v) : kUndefined32);
    }
    void text(TextField field, const std::string& value) {
        std::memcpy(&bytes[field.offset], value.data(), std::min(value.size(), field.size));
    }
};

struct NamedText {
    const char* name;
    TextField field;
    const std::string* value;
};

std::vector<NamedText> textFields(const DpxHeader& h) {
    std::vector<NamedText> out = {
        {"creation time", kCreationTime, &h.creationTime},
        {"creator", kCreator, &h.creator},
        {"project", kProject, &h.project},
        {"copyright", kCopyright, &h.copyright},
        {"input device", kInputDevice, &h.inputDevice},
        {"input device serial", kInputDeviceSerial, &h.inputDeviceSerial},
        {"film format", kFilmFormat, &h.filmFormat},
        {"frame id", kFrameId, &h.frameId},
        {"slate info", kSlateInfo, &h.slateInfo},
    };
    if (h.edgeCode) {
        const DpxEdgeCode& e = *h.edgeCode;
        out.push_back({"edge code manufacturer", kFilmManufacturer, &e.manufacturer});
        out.push_back({"edge code film type", kFilmType, &e.filmType});
        out.push_back({"edge code perforation offset", kPerfOffset, &e.perfOffset});
        out.push_back({"edge code prefix", kPrefix, &e.prefix});
        out.push_back({"edge code count", kCount, &e.count});
    }
    return out;
}

Status validate(const std::filesystem::path& path, const DpxFrame& frame) {
    auto invalid = [&](const std::string& what) {
        return fileError(ErrorCode::InvalidArgument, path, what);
    };
    const DpxHeader& h = frame.header;
    if (frame.image.empty()) return invalid("empty image");
    RowLayout row{h.bitDepth, h.packing, h.bigEndian, 1, 0, false};
    if (!row.supported()) {
        return invalid("cannot write " + std::to_string(h.bitDepth) + "-bit samples " +
                       toString(h.packing) + " (8, 10, 12 and 16 bits; packed, filled A or B)");
    }
    if (channelsOf(h.descriptor) == 0) {
        return invalid("cannot write descriptor " + toString(h.descriptor) +
                       " (luminance, RGB and RGBA)");
    }
    for (const NamedText& t : textFields(h)) {
        if (t.value->size() > t.field.size) {
            return invalid(std::string(t.name) + " is " + std::to_string(t.value->size()) +
                           " bytes; the field holds " + std::to_string(t.field.size));
        }
    }
    return Status::ok();
}

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y:%m:%d:%H:%M:%SZ", &utc);
    return text;
}

void writeFileAndImageHeaders(HeaderWriter& w, const DpxFrame& frame, const std::string& name,
                              std::uint64_t fileSize) {
    const DpxHeader& h = frame.header;
    // "SDPX" in the file's byte order: a little-endian file starts "XPDS".
    w.u32(kMagic, kMagicBig);
    w.u32(kImageDataOffset, kWrittenDataOffset);
    w.text(kVersion, "V2.0");
    w.u32(kFileSize, std::uint32_t(fileSize));
    w.u32(kDittoKey, 1);  // 1: this frame's header is not a copy of the previous frame's
    w.u32(kGenericSize, std::uint32_t(kGenericHeaderBytes));
    w.u32(kIndustrySize, std::uint32_t(kIndustryHeaderBytes));
    w.u32(kUserSize, 0);
    w.text(kFileName, name.substr(0, kFileName.size));
    w.text(kCreationTime, h.creationTime.empty() ? utcNow() : h.creationTime);
    w.text(kCreator, h.creator);
    w.text(kProject, h.project);
    w.text(kCopyright, h.copyright);
    w.u32(kEncryptionKey, kUndefined32);  // not encrypted

    w.u16(kOrientation, 0);
    w.u16(kElementCount, 1);
    w.u32(kPixelsPerLine, std::uint32_t(frame.image.width()));
    w.u32(kLinesPerElement, std::uint32_t(frame.image.height()));
    for (int i = 0; i < kMaxElements; ++i) {
        // Unused elements are undefined throughout, their description empty.
        const std::size_t e = kElements + std::size_t(i) * kElementBytes;
        std::memset(&w.bytes[e], 0xFF, kElementDescription.offset);
    }
    const std::size_t e = kElements;
    w.u32(e + kDataSign, 0);
    w.u32(e + kLowData, h.referenceLowCode);
    w.r32(e + kLowQuantity, h.referenceLowQuantity);
    w.u32(e + kHighData, h.referenceHighCode);
    w.r32(e + kHighQuantity, h.referenceHighQuantity);
    w.u8(e + kDescriptor, std::uint8_t(h.descriptor));
    w.u8(e + kTransfer, std::uint8_t(h.transfer));
    w.u8(e + kColorimetric, std::uint8_t(h.colorimetric));
    w.u8(e + kBitSize, std::uint8_t(h.bitDepth));
    w.u16(e + kPacking, std::uint16_t(h.packing));
    w.u16(e + kEncoding, 0);
    w.u32(e + kDataOffset, kWrittenDataOffset);
    w.u32(e + kEndOfLinePadding, 0);
    w.u32(e + kEndOfImagePadding, 0);
}

void writeSourceAndIndustryHeaders(HeaderWriter& w, const DpxFrame& frame) {
    const DpxHeader& h = frame.header;
    w.u32(kXOffset, 0);
    w.u32(kYOffset, 0);
    w.r32(kXCenter, std::nullopt);
    w.r32(kYCenter, std::nullopt);
    w.u32(kXOriginalSize, std::uint32_t(frame.image.width()));
    w.u32(kYOriginalSize, std::uint32_t(frame.image.height()));
    w.text(kInputDevice, h.inputDevice);
    w.text(kInputDeviceSerial, h.inputDeviceSerial);
    std::memset(&w.bytes[kBorder], 0xFF, 8);
    w.u32(kAspectH, h.pixelAspectH);
    w.u32(kAspectV, h.pixelAspectV);
    w.r32(kXScannedSize, std::nullopt);
    w.r32(kYScannedSize, std::nullopt);

    if (h.edgeCode) {
        w.text(kFilmManufacturer, h.edgeCode->manufacturer);
        w.text(kFilmType, h.edgeCode->filmType);
        w.text(kPerfOffset, h.edgeCode->perfOffset);
        w.text(kPrefix, h.edgeCode->prefix);
        w.text(kCount, h.edgeCode->count);
    }
    w.text(kFilmFormat, h.filmFormat);
    w.u32(kFramePosition, kUndefined32);
    w.u32(kSequenceLength, kUndefined32);
    w.u32(kHeldCount, kUndefined32);
    w.r32(kFilmFrameRate, h.filmFrameRate);
    w.r32(kShutterAngle, std::nullopt);
    w.text(kFrameId, h.frameId);
    w.text(kSlateInfo, h.slateInfo);

    w.u32(kTimeCode, h.timecode ? h.timecode->packedTime() : kUndefined32);
    w.u32(kUserBits, h.timecode ? h.timecode->userData : kUndefined32);
    w.u8(kInterlace, 0xFF);
    w.u8(kFieldNumber, 0xFF);
    w.u8(kVideoSignal, 0xFF);
    for (std::size_t at = kTvFloatsBegin; at < kTvFloatsEnd; at += 4) w.r32(at, std::nullopt);
    w.r32(kTvFrameRate, h.tvFrameRate);
    w.r32(kGamma, h.gamma);
    w.r32(kBlackLevel, h.blackLevel);
    w.r32(kWhiteLevel, h.whiteLevel);
}

std::uint32_t toCode(float v, float maxCode) {
    if (!(v > 0.f)) return 0;  // NaN too
    if (v >= 1.f) return std::uint32_t(maxCode);
    return std::uint32_t(std::lround(v * maxCode));
}

void encodePixels(const DpxFrame& frame, const RowLayout& row, std::uint8_t* out) {
    const Image image = frame.image.converted(PixelType::Float);
    const int channels = channelsOf(frame.header.descriptor);
    const float maxCode = float(frame.header.maxCode());
    std::vector<std::uint32_t> codes(row.samplesPerRow);
    const float* in = reinterpret_cast<const float*>(image.data());
    for (int y = 0; y < image.height(); ++y) {
        std::uint32_t* c = codes.data();
        for (int x = 0; x < image.width(); ++x, in += 4) {
            for (int k = 0; k < channels; ++k) *c++ = toCode(in[k], maxCode);
        }
        packRow(row, codes.data(), out + row.rowBytes() * std::uint64_t(y));
    }
}

// Writes all of `bytes` to a new file and syncs it.
Status writeAndSync(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        return makeError(ErrorCode::IoError,
                         "cannot create " + file.string() + ": " + std::strerror(errno));
    std::size_t done = 0;
    int error = 0;
    while (done < bytes.size() && error == 0) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        // A write that makes no progress is how a full disk can look.
        if (n <= 0) error = n < 0 ? errno : ENOSPC;
        if (n > 0) done += std::size_t(n);
    }
    if (error == 0 && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0)
        return makeError(ErrorCode::IoError, std::string("write failed: ") + std::strerror(error));
    return Status::ok();
}

}  // namespace

Status writeDpx(const std::filesystem::path& path, const DpxFrame& frame) {
    EMU_RETURN_IF_ERROR(validate(path, frame));
    const std::filesystem::path dir =
        path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return fileError(ErrorCode::NotFound, path,
                         "directory " + dir.string() + " does not exist");
    }
    try {
        const DpxHeader& h = frame.header;
        RowLayout row;
        row.bits = h.bitDepth;
        row.packing = h.packing;
        row.bigEndian = h.bigEndian;
        row.samplesPerRow = std::uint64_t(frame.image.width()) * unsigned(channelsOf(h.descriptor));
        row.oneComponent = channelsOf(h.descriptor) == 1;
        const std::uint64_t fileSize =
            kWrittenDataOffset + row.rowBytes() * std::uint64_t(frame.image.height());
        std::vector<std::uint8_t> bytes(fileSize, 0);
        HeaderWriter w{bytes, h.bigEndian};
        writeFileAndImageHeaders(w, frame, path.filename().string(), fileSize);
        writeSourceAndIndustryHeaders(w, frame);
        encodePixels(frame, row, bytes.data() + kWrittenDataOffset);

        core::AtomicFile target(path);
        const Status written = writeAndSync(target.temporaryPath(), bytes);
        if (!written.isOk()) return written.withContext(path.string());
        return target.commit();
    } catch (const std::bad_alloc&) {
        return fileError(ErrorCode::IoError, path, "not enough memory to encode");
    }
}

}  // namespace emu::media
