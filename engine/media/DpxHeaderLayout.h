#pragma once

// Private to the media module: where SMPTE 268M (DPX) puts its header fields, in bytes from the
// start of the file. Numbers are 8-, 16- and 32-bit unsigned or 32-bit IEEE floats in the file's
// byte order; text fields are fixed-size ASCII, NUL-terminated unless they fill the field.
// A field with every bit set is "undefined".

#include <cstddef>
#include <cstdint>

namespace emu::media::dpx {

constexpr std::uint32_t kMagicBig = 0x53445058;     // "SDPX"
constexpr std::uint32_t kMagicLittle = 0x58504453;  // "XPDS" read as big-endian
constexpr std::uint32_t kUndefined32 = 0xFFFFFFFF;

constexpr std::size_t kGenericHeaderBytes = 1664;  // file, image and orientation headers
constexpr std::size_t kIndustryHeaderBytes = 384;  // film and television headers
constexpr std::size_t kHeaderBytes = kGenericHeaderBytes + kIndustryHeaderBytes;
constexpr int kMaxElements = 8;

struct TextField {
    std::size_t offset;
    std::size_t size;
};

// File information header.
constexpr std::size_t kMagic = 0;
constexpr std::size_t kImageDataOffset = 4;
constexpr TextField kVersion{8, 8};
constexpr std::size_t kFileSize = 16;
constexpr std::size_t kDittoKey = 20;
constexpr std::size_t kGenericSize = 24;
constexpr std::size_t kIndustrySize = 28;
constexpr std::size_t kUserSize = 32;
constexpr TextField kFileName{36, 100};
constexpr TextField kCreationTime{136, 24};
constexpr TextField kCreator{160, 100};
constexpr TextField kProject{260, 200};
constexpr TextField kCopyright{460, 200};
constexpr std::size_t kEncryptionKey = 660;

// Image information header.
constexpr std::size_t kOrientation = 768;   // 16-bit
constexpr std::size_t kElementCount = 770;  // 16-bit
constexpr std::size_t kPixelsPerLine = 772;
constexpr std::size_t kLinesPerElement = 776;
constexpr std::size_t kElements = 780;
constexpr std::size_t kElementBytes = 72;

// Within an image element.
constexpr std::size_t kDataSign = 0;
constexpr std::size_t kLowData = 4;
constexpr std::size_t kLowQuantity = 8;
constexpr std::size_t kHighData = 12;
constexpr std::size_t kHighQuantity = 16;
constexpr std::size_t kDescriptor = 20;    // 8-bit
constexpr std::size_t kTransfer = 21;      // 8-bit
constexpr std::size_t kColorimetric = 22;  // 8-bit
constexpr std::size_t kBitSize = 23;       // 8-bit
constexpr std::size_t kPacking = 24;       // 16-bit
constexpr std::size_t kEncoding = 26;      // 16-bit
constexpr std::size_t kDataOffset = 28;
constexpr std::size_t kEndOfLinePadding = 32;
constexpr std::size_t kEndOfImagePadding = 36;
constexpr TextField kElementDescription{40, 32};

// Image source (orientation) header.
constexpr std::size_t kXOffset = 1408;
constexpr std::size_t kYOffset = 1412;
constexpr std::size_t kXCenter = 1416;
constexpr std::size_t kYCenter = 1420;
constexpr std::size_t kXOriginalSize = 1424;
constexpr std::size_t kYOriginalSize = 1428;
constexpr TextField kSourceFileName{1432, 100};
constexpr TextField kSourceTime{1532, 24};
constexpr TextField kInputDevice{1556, 32};
constexpr TextField kInputDeviceSerial{1588, 32};
constexpr std::size_t kBorder = 1620;  // four 16-bit values
constexpr std::size_t kAspectH = 1628;
constexpr std::size_t kAspectV = 1632;
constexpr std::size_t kXScannedSize = 1636;
constexpr std::size_t kYScannedSize = 1640;

// Film industry header.
constexpr TextField kFilmManufacturer{1664, 2};
constexpr TextField kFilmType{1666, 2};
constexpr TextField kPerfOffset{1668, 2};
constexpr TextField kPrefix{1670, 6};
constexpr TextField kCount{1676, 4};
constexpr TextField kFilmFormat{1680, 32};
constexpr std::size_t kFramePosition = 1712;
constexpr std::size_t kSequenceLength = 1716;
constexpr std::size_t kHeldCount = 1720;
constexpr std::size_t kFilmFrameRate = 1724;
constexpr std::size_t kShutterAngle = 1728;
constexpr TextField kFrameId{1732, 32};
constexpr TextField kSlateInfo{1764, 100};

// Television industry header.
constexpr std::size_t kTimeCode = 1920;
constexpr std::size_t kUserBits = 1924;
constexpr std::size_t kInterlace = 1928;       // 8-bit
constexpr std::size_t kFieldNumber = 1929;     // 8-bit
constexpr std::size_t kVideoSignal = 1930;     // 8-bit
constexpr std::size_t kHorizontalRate = 1932;  // then vertical rate, frame rate, time offset,
constexpr std::size_t kTvFrameRate = 1940;     // gamma, black level, black gain, break point,
constexpr std::size_t kGamma = 1948;           // white level, integration times: all floats
constexpr std::size_t kBlackLevel = 1952;
constexpr std::size_t kWhiteLevel = 1964;
constexpr std::size_t kTvFloatsBegin = 1932;
constexpr std::size_t kTvFloatsEnd = 1972;

}  // namespace emu::media::dpx
