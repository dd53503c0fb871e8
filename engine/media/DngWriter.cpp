#include "emulsion/media/DngWriter.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "TiffFile.h"
#include "emulsion/core/AtomicFile.h"

namespace emu::media {

namespace {

constexpr std::int32_t kMatrixDenominator = 10000;
constexpr std::uint32_t kNeutralDenominator = 1000000;

bool isBayer(const std::array<char, 4>& cfa) {
    const std::string s(cfa.begin(), cfa.end());
    return s == "RGGB" || s == "BGGR" || s == "GRBG" || s == "GBRG";
}

int channelOf(char c) {
    return c == 'R' ? 0 : c == 'G' ? 1 : 2;
}

// The matrix as it will be read back from the file.
Mat3 writtenMatrix(const Mat3& m) {
    Mat3 r{};
    for (int i = 0; i < 9; ++i) r[i] = std::round(m[i] * kMatrixDenominator) / kMatrixDenominator;
    return r;
}

Vec3 writtenNeutral(const Vec3& n) {
    Vec3 r{};
    for (int i = 0; i < 3; ++i) r[i] = std::round(n[i] * kNeutralDenominator) / kNeutralDenominator;
    return r;
}

// One IFD's entries, serialised into a little-endian TIFF by build().
class TiffBuilder {
public:
    void add(std::uint16_t tag, std::uint16_t type, std::uint32_t count, std::string data) {
        m_entries[tag] = {type, count, std::move(data)};
    }
    void shorts(std::uint16_t tag, std::initializer_list<std::uint32_t> values) {
        std::string d;
        for (std::uint32_t v : values) put16(d, std::uint16_t(v));
        add(tag, kTiffShort, std::uint32_t(values.size()), d);
    }
    void longs(std::uint16_t tag, std::initializer_list<std::uint32_t> values) {
        std::string d;
        for (std::uint32_t v : values) put32(d, v);
        add(tag, kTiffLong, std::uint32_t(values.size()), d);
    }
    void bytes(std::uint16_t tag, std::initializer_list<std::uint8_t> values) {
        add(tag, kTiffByte, std::uint32_t(values.size()),
            std::string(values.begin(), values.end()));
    }
    void ascii(std::uint16_t tag, const std::string& text) {
        add(tag, kTiffAscii, std::uint32_t(text.size() + 1), text + '\0');
    }

    // Header, IFD (entries in tag order), the values that do not fit inline, then `image`.
    // The StripOffsets entry (tag 273) is pointed at the image.
    std::string build(const std::string& image) {
        longs(273, {0});  // inline, so the layout below does not depend on its value
        const std::size_t ifdSize = 2 + m_entries.size() * 12 + 4;
        std::size_t extraSize = 0;
        for (auto& [tag, e] : m_entries) {
            if (e.data.size() > 4) extraSize += (e.data.size() + 1) & ~std::size_t(1);
        }
        const std::uint32_t imageOffset = std::uint32_t(8 + ifdSize + extraSize);
        longs(273, {imageOffset});

        std::string out = "II";
        put16(out, 42);
        put32(out, 8);
        put16(out, std::uint16_t(m_entries.size()));
        std::string extra;
        for (auto& [tag, e] : m_entries) {
            put16(out, tag);
            put16(out, e.type);
            put32(out, e.count);
            if (e.data.size() <= 4) {
                std::string inlineData = e.data;
                inlineData.resize(4, '\0');
                out += inlineData;
            } else {
                put32(out, std::uint32_t(8 + ifdSize + extra.size()));
                extra += e.data;
                if (extra.size() % 2) extra += '\0';
            }
        }
        put32(out, 0);
        out += extra;
        out += image;
        return out;
    }

    static void put16(std::string& s, std::uint16_t v) {
        s += char(v & 0xFF);
        s += char(v >> 8);
    }
    static void put32(std::string& s, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xFF);
    }

private:
    struct Entry {
        std::uint16_t type;
        std::uint32_t count;
        std::string data;
    };
    std::map<std::uint16_t, Entry> m_entries;
};

void addColourTags(TiffBuilder& tiff, const DngCamera& camera) {
    const Mat3 m = writtenMatrix(camera.xyzToCamera);
    std::string matrix;
    for (double v : m) {
        TiffBuilder::put32(matrix,
                           std::uint32_t(std::int32_t(std::lround(v * kMatrixDenominator))));
        TiffBuilder::put32(matrix, std::uint32_t(kMatrixDenominator));
    }
    tiff.add(50721, kTiffSRational, 9, matrix);  // ColorMatrix1
    tiff.shorts(50778, {21});                    // CalibrationIlluminant1: D65
    const Vec3 n = writtenNeutral(neutralForD65(m));
    std::string neutral;
    for (double v : n) {
        TiffBuilder::put32(neutral, std::uint32_t(std::lround(v * kNeutralDenominator)));
        TiffBuilder::put32(neutral, kNeutralDenominator);
    }
    tiff.add(50728, kTiffRational, 3, neutral);  // AsShotNeutral
}

Status addCinemaDngTags(TiffBuilder& tiff, const DngFrameTags& tags,
                        const std::filesystem::path& path) {
    if (!tags.timecode.empty()) {
        std::uint8_t tc[8];
        if (!encodeSmpteTimecode(tags.timecode, tc)) {
            return makeError(
                ErrorCode::InvalidArgument,
                path.string() + ": time code '" + tags.timecode + "' is not HH:MM:SS:FF");
        }
        tiff.add(51043, kTiffByte, 8, std::string(reinterpret_cast<char*>(tc), 8));  // TimeCodes
    }
    if (tags.rate.valid()) {
        std::string rate;
        TiffBuilder::put32(rate, std::uint32_t(tags.rate.numerator));
        TiffBuilder::put32(rate, std::uint32_t(tags.rate.denominator));
        tiff.add(51044, kTiffSRational, 1, rate);  // FrameRate
    }
    if (!tags.reel.empty()) tiff.ascii(51081, tags.reel);  // ReelName
    return Status::ok();
}

}  // namespace

Mat3 DngCamera::testCameraMatrix() {
    const Mat3 cameraToXyz = rgbToXyz({0.70, 0.29, 0.21, 0.73, 0.13, 0.04}, 0.3127, 0.3290);
    Mat3 m = *inverse(cameraToXyz);
    const double response[3] = {0.5, 1.0, 0.7};
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) m[r * 3 + c] *= response[r];
    }
    return m;
}

Result<RawMosaic> mosaicFromAces(const Image& aces, const DngCamera& camera) {
    if (aces.empty() || aces.width() % 2 || aces.height() % 2) {
        return makeError(ErrorCode::InvalidArgument,
                         "DNG: the image must have even, non-zero width and height");
    }
    if (!isBayer(camera.cfa)) {
        return makeError(ErrorCode::InvalidArgument, "DNG: the CFA must be a Bayer pattern");
    }
    for (std::uint16_t b : camera.black) {
        if (b >= camera.white) {
            return makeError(ErrorCode::InvalidArgument, "DNG: white level must exceed black");
        }
    }
    const Mat3 m = writtenMatrix(camera.xyzToCamera);
    const Vec3 neutral = writtenNeutral(neutralForD65(m));
    const std::optional<Mat3> toAces = dngCameraToAces(m, neutral);
    const std::optional<Mat3> fromAces = toAces ? inverse(*toAces) : std::nullopt;
    if (!fromAces) {
        return makeError(ErrorCode::InvalidArgument, "DNG: the camera matrix is singular");
    }

    RawMosaic mosaic;
    mosaic.width = aces.width();
    mosaic.height = aces.height();
    mosaic.cfa = camera.cfa;
    mosaic.white = camera.white;
    for (int i = 0; i < 4; ++i) mosaic.black[i] = camera.black[i];
    for (int i = 0; i < 3; ++i) mosaic.asShotNeutral[i] = float(neutral[i]);
    for (int i = 0; i < 9; ++i) mosaic.cameraToAces[i] = float((*toAces)[i]);
    mosaic.samples.resize(std::size_t(aces.width()) * aces.height());
    for (int y = 0; y < aces.height(); ++y) {
        for (int x = 0; x < aces.width(); ++x) {
            const int pos = (y % 2) * 2 + (x % 2);
            const int ch = channelOf(camera.cfa[pos]);
            const Vec3 ap0{aces.sample(x, y, 0), aces.sample(x, y, 1), aces.sample(x, y, 2)};
            const double balanced = multiply(*fromAces, ap0)[ch];
            const double black = camera.black[pos];
            const double value = black + balanced * neutral[ch] * (camera.white - black);
            mosaic.samples[std::size_t(y) * aces.width() + x] =
                std::uint16_t(std::clamp(std::round(value), 0.0, 65535.0));
        }
    }
    return mosaic;
}

Status writeCinemaDng(const std::filesystem::path& path, const Image& aces, const DngCamera& camera,
                      const DngFrameTags& tags) {
    Result<RawMosaic> mosaic = mosaicFromAces(aces, camera);
    if (!mosaic) return mosaic.status().withContext(path.string());
    const auto w = std::uint32_t(mosaic->width);
    const auto h = std::uint32_t(mosaic->height);

    TiffBuilder tiff;
    tiff.longs(254, {0});  // NewSubFileType: the main image
    tiff.longs(256, {w});
    tiff.longs(257, {h});
    tiff.shorts(258, {16});     // BitsPerSample
    tiff.shorts(259, {1});      // Compression: none
    tiff.shorts(262, {32803});  // PhotometricInterpretation: CFA
    tiff.ascii(271, camera.make);
    tiff.ascii(272, camera.model);
    tiff.shorts(274, {1});  // Orientation: top left
    tiff.shorts(277, {1});  // SamplesPerPixel
    tiff.longs(278, {h});   // RowsPerStrip
    tiff.longs(279, {w * h * 2});
    tiff.shorts(284, {1});  // PlanarConfiguration: chunky
    tiff.ascii(305, "Emulsion");
    tiff.shorts(33421, {2, 2});  // CFARepeatPatternDim
    std::string pattern;
    for (char c : camera.cfa) pattern += char(channelOf(c));
    tiff.add(33422, kTiffByte, 4, pattern);               // CFAPattern
    tiff.bytes(50706, {1, 4, 0, 0});                      // DNGVersion
    tiff.bytes(50707, {1, 3, 0, 0});                      // DNGBackwardVersion
    tiff.ascii(50708, camera.make + " " + camera.model);  // UniqueCameraModel
    tiff.bytes(50710, {0, 1, 2});                         // CFAPlaneColor
    tiff.shorts(50711, {1});                              // CFALayout: rectangular
    tiff.shorts(50713, {2, 2});                           // BlackLevelRepeatDim
    tiff.longs(50714, {camera.black[0], camera.black[1], camera.black[2], camera.black[3]});
    tiff.longs(50717, {camera.white});  // WhiteLevel
    tiff.longs(50719, {0, 0});          // DefaultCropOrigin
    tiff.longs(50720, {w, h});          // DefaultCropSize
    addColourTags(tiff, camera);
    EMU_RETURN_IF_ERROR(addCinemaDngTags(tiff, tags, path));

    std::string image;
    image.reserve(mosaic->samples.size() * 2);
    for (std::uint16_t s : mosaic->samples) TiffBuilder::put16(image, s);
    return core::writeFileAtomically(path, tiff.build(image), "DNG file");
}

}  // namespace emu::media
