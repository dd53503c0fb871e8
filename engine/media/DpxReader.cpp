#include "emulsion/media/DpxReader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "DpxHeaderLayout.h"
#include "DpxPixels.h"

namespace emu::media {

namespace {

using namespace dpx;

Status fileError(ErrorCode code, const std::filesystem::path& path, const std::string& what) {
    return makeError(code, path.string() + ": " + what);
}

// An open file, closed on every path out.
class InputFile {
public:
    ~InputFile() {
        if (m_fd >= 0) ::close(m_fd);
    }

    Status open(const std::filesystem::path& path) {
        std::error_code ec;
        const auto st = std::filesystem::status(path, ec);
        if (st.type() == std::filesystem::file_type::not_found) {
            return fileError(ErrorCode::NotFound, path, "no such file");
        }
        if (ec) return fileError(ErrorCode::IoError, path, ec.message());
        if (st.type() == std::filesystem::file_type::directory) {
            return fileError(ErrorCode::IoError, path, "is a directory");
        }
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat info {};
        if (m_fd < 0 || ::fstat(m_fd, &info) != 0) {
            return fileError(ErrorCode::IoError, path, std::strerror(errno));
        }
        m_size = std::uint64_t(info.st_size);
        return Status::ok();
    }

    std::uint64_t size() const { return m_size; }

    // Reads exactly `count` bytes at `offset`; the caller has checked they lie in the file.
    Status read(const std::filesystem::path& path, std::uint64_t offset, std::uint8_t* out,
                std::uint64_t count) const {
        std::uint64_t done = 0;
        while (done < count) {
            const ssize_t n = ::pread(m_fd, out + done, count - done, off_t(offset + done));
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return fileError(ErrorCode::IoError, path, std::strerror(errno));
            if (n == 0) return fileError(ErrorCode::CorruptData, path, "file shrank while read");
            done += std::uint64_t(n);
        }
        return Status::ok();
    }

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

// The first header bytes of a file (zeros past its end) in the file's byte order.
struct HeaderBytes {
    std::array<std::uint8_t, kHeaderBytes> bytes{};
    bool big = true;

    std::uint8_t u8(std::size_t at) const { return bytes[at]; }
    std::uint16_t u16(std::size_t at) const { return load16(&bytes[at], big); }
    std::uint32_t u32(std::size_t at) const { return load32(&bytes[at], big); }
    std::optional<std::uint32_t> definedU32(std::size_t at) const {
        const std::uint32_t v = u32(at);
        return v == kUndefined32 ? std::nullopt : std::optional<std::uint32_t>(v);
    }
    // Undefined (all bits set) and non-finite values read as absent.
    std::optional<float> r32(std::size_t at) const {
        const float v = std::bit_cast<float>(u32(at));
        return std::isfinite(v) ? std::optional<float>(v) : std::nullopt;
    }
    // A rate or gamma: zero and negative values mean "not set" as well.
    std::optional<float> positive(std::size_t at) const {
        const auto v = r32(at);
        return v && *v > 0.f ? v : std::nullopt;
    }
    std::string text(TextField field) const {
        const char* begin = reinterpret_cast<const char*>(&bytes[field.offset]);
        std::size_t n = 0;
        while (n < field.size && begin[n] != '\0') ++n;
        std::string out(begin, n);
        // Some writers fill unused text with 0xFF, as they do numbers.
        if (out.find_first_not_of('\xFF') == std::string::npos) out.clear();
        return out;
    }
};

// What the pixels need, taken from the first image element.
struct ElementLayout {
    RowLayout row;
    int channels = 3;
    std::uint64_t dataOffset = 0;
    std::uint64_t dataBytes = 0;  // from dataOffset to the end of the last row's samples
};

Status checkDimensions(const std::filesystem::path& path, std::uint32_t w, std::uint32_t h) {
    if (w == 0 || h == 0) {
        return fileError(ErrorCode::CorruptData, path,
                         "image is " + std::to_string(w) + " x " + std::to_string(h) + " pixels");
    }
    if (w > std::uint32_t(kMaxDpxDimensionPx) || h > std::uint32_t(kMaxDpxDimensionPx) ||
        std::int64_t(w) * std::int64_t(h) > kMaxDpxPixels) {
        return fileError(ErrorCode::CorruptData, path,
                         "image of " + std::to_string(w) + " x " + std::to_string(h) +
                             " pixels exceeds the limit of " + std::to_string(kMaxDpxPixels) +
                             " pixels (damaged header?)");
    }
    return Status::ok();
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

// Checks the first element's sample format; fills the header's element fields.
Status readElement(const std::filesystem::path& path, const HeaderBytes& hb, DpxHeader& header) {
    const std::size_t e = kElements;
    if (hb.u32(e + kDataSign) == 1) {
        return fileError(ErrorCode::Unsupported, path, "signed samples are not supported");
    }
    header.descriptor = DpxDescriptor(hb.u8(e + kDescriptor));
    if (channelsOf(header.descriptor) == 0) {
        return fileError(ErrorCode::Unsupported, path,
                         "descriptor " + std::to_string(int(header.descriptor)) + " (" +
                             toString(header.descriptor) +
                             ") is not supported (luminance, RGB and RGBA are)");
    }
    header.bitDepth = hb.u8(e + kBitSize);
    const std::uint16_t packing = hb.u16(e + kPacking);
    header.packing = DpxPacking(packing);
    if (header.bitDepth != 8 && header.bitDepth != 10 && header.bitDepth != 12 &&
        header.bitDepth != 16) {
        return fileError(ErrorCode::Unsupported, path,
                         "bit depth " + std::to_string(header.bitDepth) +
                             " is not supported (8, 10, 12 and 16 are)");
    }
    if (packing > 2) {
        return fileError(ErrorCode::Unsupported, path,
                         "packing " + std::to_string(packing) +
                             " is not supported (0 packed, 1 and 2 filled are)");
    }
    const std::uint16_t encoding = hb.u16(e + kEncoding);
    if (encoding != 0) {
        return fileError(ErrorCode::Unsupported, path,
                         encoding == 1
                             ? "run-length encoded data is not supported"
                             : "encoding " + std::to_string(encoding) + " is not supported");
    }
    header.transfer = DpxCharacteristic(hb.u8(e + kTransfer));
    header.colorimetric = DpxCharacteristic(hb.u8(e + kColorimetric));
    header.referenceLowCode = hb.definedU32(e + kLowData);
    header.referenceLowQuantity = hb.r32(e + kLowQuantity);
    header.referenceHighCode = hb.definedU32(e + kHighData);
    header.referenceHighQuantity = hb.r32(e + kHighQuantity);
    return Status::ok();
}

// Where the pixels are and how many bytes they take; checked against the file's size.
Result<ElementLayout> locatePixels(const std::filesystem::path& path, const HeaderBytes& hb,
                                   DpxHeader& header, std::uint64_t fileSize) {
    ElementLayout layout;
    layout.channels = channelsOf(header.descriptor);
    std::uint32_t offset = hb.u32(kElements + kDataOffset);
    if (offset == 0 || offset == kUndefined32) offset = hb.u32(kImageDataOffset);
    if (offset < kGenericHeaderBytes) {
        return fileError(ErrorCode::CorruptData, path,
                         "image data offset " + std::to_string(offset) + " lies inside the header");
    }
    header.dataOffset = offset;
    layout.dataOffset = offset;
    layout.row.bits = header.bitDepth;
    layout.row.packing = header.packing;
    layout.row.bigEndian = header.bigEndian;
    layout.row.samplesPerRow = std::uint64_t(header.widthPx) * unsigned(layout.channels);
    layout.row.oneComponent = layout.channels == 1;
    const std::uint32_t padding = hb.u32(kElements + kEndOfLinePadding);
    layout.row.endOfLinePadding = padding == kUndefined32 ? 0 : padding;
    // The last row needs no padding after it.
    layout.dataBytes =
        layout.row.rowBytes() * std::uint64_t(header.heightPx - 1) + layout.row.sampleBytes();
    if (offset > fileSize || layout.dataBytes > fileSize - offset) {
        return fileError(ErrorCode::CorruptData, path,
                         "truncated: the image needs " + std::to_string(layout.dataBytes) +
                             " bytes from offset " + std::to_string(offset) + " but the file has " +
                             std::to_string(fileSize) + " bytes");
    }
    return layout;
}

void readFileHeader(const HeaderBytes& hb, DpxHeader& header) {
    header.version = hb.text(kVersion);
    header.fileName = hb.text(kFileName);
    header.creationTime = hb.text(kCreationTime);
    header.creator = hb.text(kCreator);
    header.project = hb.text(kProject);
    header.copyright = hb.text(kCopyright);
    header.orientation = hb.u16(kOrientation);
    header.inputDevice = hb.text(kInputDevice);
    header.inputDeviceSerial = hb.text(kInputDeviceSerial);
    header.pixelAspectH = hb.definedU32(kAspectH);
    header.pixelAspectV = hb.definedU32(kAspectV);
}

void readIndustryHeaders(const HeaderBytes& hb, DpxHeader& header, DpxFrame* frame) {
    DpxEdgeCode edge{hb.text(kFilmManufacturer), hb.text(kFilmType), hb.text(kPerfOffset),
                     hb.text(kPrefix), hb.text(kCount)};
    if (edge != DpxEdgeCode{}) header.edgeCode = edge;
    header.filmFormat = hb.text(kFilmFormat);
    header.filmFrameRate = hb.positive(kFilmFrameRate);
    header.frameId = hb.text(kFrameId);
    header.slateInfo = hb.text(kSlateInfo);

    const std::uint32_t word = hb.u32(kTimeCode);
    if (word != kUndefined32) {
        const std::uint32_t userBits = hb.u32(kUserBits);
        header.timecode = SmpteTimecode::fromPacked(word, userBits == kUndefined32 ? 0 : userBits);
        if (!header.timecode && frame) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "0x%08X", word);
            frame->warnings.push_back(std::string("time code ") + hex +
                                      " is not valid BCD; left out");
        }
    }
    header.tvFrameRate = hb.positive(kTvFrameRate);
    header.gamma = hb.positive(kGamma);
    header.blackLevel = hb.r32(kBlackLevel);
    header.whiteLevel = hb.r32(kWhiteLevel);
}

// Reads and checks everything but the pixels. `frame` (may be null) collects warnings.
Result<ElementLayout> readHeader(const std::filesystem::path& path, const InputFile& file,
                                 DpxHeader& header, DpxFrame* frame) {
    const std::uint64_t size = file.size();
    HeaderBytes hb;
    EMU_RETURN_IF_ERROR(
        file.read(path, 0, hb.bytes.data(), std::min<std::uint64_t>(size, kHeaderBytes)));
    if (size >= 4) {
        const std::uint32_t magic = load32(hb.bytes.data(), true);
        if (magic != kMagicBig && magic != kMagicLittle) {
            return fileError(ErrorCode::CorruptData, path,
                             "not a DPX file (no SDPX or XPDS magic number)");
        }
        hb.big = magic == kMagicBig;
    }
    if (size < kGenericHeaderBytes) {
        return fileError(ErrorCode::CorruptData, path,
                         "truncated: " + std::to_string(size) + " bytes, shorter than the " +
                             std::to_string(kGenericHeaderBytes) + "-byte DPX header");
    }
    header.bigEndian = hb.big;
    const std::uint16_t elements = hb.u16(kElementCount);
    if (elements == 0 || elements > kMaxElements) {
        return fileError(
            ErrorCode::CorruptData, path,
            "header says " + std::to_string(elements) + " image elements (1 to 8 are possible)");
    }
    header.imageElements = elements;
    if (elements > 1 && frame) {
        frame->warnings.push_back(std::to_string(elements) +
                                  " image elements; only the first is read");
    }
    const std::uint32_t w = hb.u32(kPixelsPerLine);
    const std::uint32_t h = hb.u32(kLinesPerElement);
    EMU_RETURN_IF_ERROR(checkDimensions(path, w, h));
    header.widthPx = int(w);
    header.heightPx = int(h);
    EMU_RETURN_IF_ERROR(readElement(path, hb, header));
    EMU_ASSIGN_OR_RETURN(ElementLayout layout, locatePixels(path, hb, header, size));
    readFileHeader(hb, header);
    // The industry headers are there unless the file ends, or its pixels start, before them,
    // or the header says it has none.
    if (size >= kHeaderBytes && layout.dataOffset >= kHeaderBytes && hb.u32(kIndustrySize) != 0) {
        readIndustryHeaders(hb, header, frame);
    }
    return layout;
}

// Code values to float RGBA, row by row.
Image decodePixels(const ElementLayout& layout, const DpxHeader& header,
                   const std::vector<std::uint8_t>& data) {
    Image image(header.widthPx, header.heightPx, PixelType::Float);
    const float maxCode = float(header.maxCode());
    std::vector<std::uint32_t> codes(layout.row.samplesPerRow);
    const std::uint64_t rowBytes = layout.row.rowBytes();
    float* out = reinterpret_cast<float*>(image.data());
    for (int y = 0; y < header.heightPx; ++y) {
        unpackRow(layout.row, data.data() + rowBytes * std::uint64_t(y), codes.data());
        const std::uint32_t* c = codes.data();
        for (int x = 0; x < header.widthPx; ++x, out += 4) {
            // Division, not a product with the reciprocal: code / max is then the float
            // nearest the exact quotient, which the writer inverts exactly.
            if (layout.channels == 1) {
                out[0] = out[1] = out[2] = float(*c++) / maxCode;
                out[3] = 1.f;
                continue;
            }
            out[0] = float(*c++) / maxCode;
            out[1] = float(*c++) / maxCode;
            out[2] = float(*c++) / maxCode;
            out[3] = layout.channels == 4 ? float(*c++) / maxCode : 1.f;
        }
    }
    return image;
}

template <typename Body>
Status guarded(const std::filesystem::path& path, Body&& body) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fileError(ErrorCode::IoError, path, "not enough memory to decode");
    } catch (const std::exception& e) {
        return fileError(ErrorCode::Internal, path, e.what());
    }
}

}  // namespace

Result<DpxFrame> readDpx(const std::filesystem::path& path) {
    DpxFrame frame;
    const Status status = guarded(path, [&]() -> Status {
        InputFile file;
        EMU_RETURN_IF_ERROR(file.open(path));
        EMU_ASSIGN_OR_RETURN(const ElementLayout layout,
                             readHeader(path, file, frame.header, &frame));
        std::vector<std::uint8_t> data(layout.dataBytes);
        EMU_RETURN_IF_ERROR(file.read(path, layout.dataOffset, data.data(), layout.dataBytes));
        frame.image = decodePixels(layout, frame.header, data);
        return Status::ok();
    });
    if (!status.isOk()) return status;
    return frame;
}

Result<DpxHeader> probeDpx(const std::filesystem::path& path) {
    DpxHeader header;
    const Status status = guarded(path, [&]() -> Status {
        InputFile file;
        EMU_RETURN_IF_ERROR(file.open(path));
        return readHeader(path, file, header, nullptr).status();
    });
    if (!status.isOk()) return status;
    return header;
}

}  // namespace emu::media
