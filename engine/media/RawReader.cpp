#include "emulsion/media/RawReader.h"

#include <libraw/libraw.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "DngTags.h"
#include "emulsion/media/CameraColour.h"

namespace emu::media {

namespace {

Status libRawError(const std::filesystem::path& path, const char* step, int code) {
    return makeError(ErrorCode::CorruptData,
                     path.string() + ": LibRaw " + step + " failed: " + libraw_strerror(code));
}

Status unsupported(const std::filesystem::path& path, const std::string& what) {
    return makeError(ErrorCode::Unsupported, path.string() + ": " + what);
}

// The visible area's 2x2 CFA pattern as R/G/B letters; Unsupported for other layouts.
Result<std::array<char, 4>> cfaPattern(LibRaw& raw, const std::filesystem::path& path) {
    const libraw_iparams_t& ip = raw.imgdata.idata;
    if (ip.filters == 0) return unsupported(path, "not a colour filter array raw (linear DNG?)");
    if (ip.filters < 1000) return unsupported(path, "X-Trans and other non-Bayer CFAs");
    if (ip.colors != 3)
        return unsupported(path, "a CFA of " + std::to_string(ip.colors) + " colours");
    auto letter = [&](int r, int c) { return ip.cdesc[raw.COLOR(r, c)]; };
    std::array<char, 4> cfa{};
    for (int i = 0; i < 4; ++i) cfa[i] = letter(i / 2, i % 2) == 'G' ? 'G' : letter(i / 2, i % 2);
    for (int r = 0; r < 16; ++r) {
        for (int c = 0; c < 16; ++c) {
            const char l = letter(r, c);
            if (l != cfa[(r % 2) * 2 + c % 2]) return unsupported(path, "a CFA that is not 2x2");
        }
    }
    const std::string s(cfa.begin(), cfa.end());
    if (s != "RGGB" && s != "BGGR" && s != "GRBG" && s != "GBRG") {
        return unsupported(path, "a CFA pattern " + s + " that is not Bayer");
    }
    return cfa;
}

// Black per 2x2 position: the common level, the per-colour one and the repeat pattern's.
std::array<float, 4> blackLevels(LibRaw& raw) {
    const libraw_colordata_t& c = raw.imgdata.color;
    std::array<float, 4> black{};
    const unsigned rows = c.cblack[4], cols = c.cblack[5];
    const bool pattern = rows > 0 && cols > 0 && rows * cols <= LIBRAW_CBLACK_SIZE - 6;
    for (int i = 0; i < 4; ++i) {
        const int r = i / 2, col = i % 2;
        float b = float(c.black) + float(c.cblack[raw.COLOR(r, col)]);
        if (pattern) b += float(c.cblack[6 + (r % rows) * cols + col % cols]);
        black[i] = b;
    }
    return black;
}

std::array<float, 3> neutral(LibRaw& raw) {
    const libraw_colordata_t& c = raw.imgdata.color;
    const float* asn = c.dng_levels.asshotneutral;
    if (asn[0] > 0 && asn[1] > 0 && asn[2] > 0) return {asn[0] / asn[1], 1.0f, asn[2] / asn[1]};
    for (const float* mul : {c.cam_mul, c.pre_mul}) {
        if (mul[0] > 0 && mul[1] > 0 && mul[2] > 0) return {mul[1] / mul[0], 1.0f, mul[1] / mul[2]};
    }
    return {1.0f, 1.0f, 1.0f};
}

// XYZ -> camera for a DNG: AnalogBalance x CameraCalibration x ColorMatrix (DNG 1.4,
// chapter 6) of the calibration illuminant closest to daylight (D65 first).
std::optional<Mat3> dngXyzToCamera(LibRaw& raw) {
    const libraw_colordata_t& c = raw.imgdata.color;
    int best = -1;
    for (int i = 0; i < 2; ++i) {
        bool any = false;
        for (int r = 0; r < 3; ++r) {
            for (int k = 0; k < 3; ++k) any = any || c.dng_color[i].colormatrix[r][k] != 0.0f;
        }
        if (!any) continue;
        if (best < 0 || c.dng_color[i].illuminant == 21) best = i;
    }
    if (best < 0) return std::nullopt;
    const libraw_dng_color_t& dc = c.dng_color[best];
    Mat3 cm{}, cc{1, 0, 0, 0, 1, 0, 0, 0, 1};
    bool calibrated = false;
    for (int r = 0; r < 3; ++r) {
        for (int k = 0; k < 3; ++k) {
            cm[r * 3 + k] = dc.colormatrix[r][k];
            calibrated = calibrated || dc.calibration[r][k] != 0.0f;
        }
    }
    if (calibrated) {
        for (int r = 0; r < 3; ++r) {
            for (int k = 0; k < 3; ++k) cc[r * 3 + k] = dc.calibration[r][k];
        }
    }
    Mat3 m = multiply(cc, cm);
    for (int r = 0; r < 3; ++r) {
        const float ab = c.dng_levels.analogbalance[r];
        if (ab > 0.0f) {
            for (int k = 0; k < 3; ++k) m[r * 3 + k] *= ab;
        }
    }
    return m;
}

// XYZ (D65) -> camera: the DNG's matrices, else LibRaw's table (cam_xyz), else its rgb_cam
// (camera balanced by pre_mul -> linear sRGB).
std::optional<Mat3> xyzToCamera(LibRaw& raw) {
    if (std::optional<Mat3> dng = dngXyzToCamera(raw)) return dng;
    const libraw_colordata_t& c = raw.imgdata.color;
    Mat3 m{};
    bool any = false;
    for (int r = 0; r < 3; ++r) {
        for (int k = 0; k < 3; ++k) {
            m[r * 3 + k] = c.cam_xyz[r][k];
            any = any || c.cam_xyz[r][k] != 0.0f;
        }
    }
    if (any) return m;
    Mat3 rgbCam{};
    for (int r = 0; r < 3; ++r) {
        for (int k = 0; k < 3; ++k) rgbCam[r * 3 + k] = c.rgb_cam[r][k] * c.pre_mul[k];
    }
    return inverse(multiply(rec709ToXyz(), rgbCam));
}

Status copySamples(LibRaw& raw, RawMosaic& mosaic, const std::filesystem::path& path) {
    const libraw_image_sizes_t& s = raw.imgdata.sizes;
    const std::uint16_t* data = raw.imgdata.rawdata.raw_image;
    if (!data) return unsupported(path, "raw data that is not one sample per pixel");
    if (s.width == 0 || s.height == 0 || s.top_margin + s.height > s.raw_height ||
        s.left_margin + s.width > s.raw_width || s.raw_pitch < s.raw_width * 2u) {
        return makeError(ErrorCode::CorruptData, path.string() + ": inconsistent raw image size");
    }
    mosaic.width = s.width;
    mosaic.height = s.height;
    mosaic.samples.resize(std::size_t(s.width) * s.height);
    const std::size_t pitch = s.raw_pitch / 2;
    for (int y = 0; y < s.height; ++y) {
        const std::uint16_t* row = data + (std::size_t(y) + s.top_margin) * pitch + s.left_margin;
        std::memcpy(&mosaic.samples[std::size_t(y) * s.width], row, std::size_t(s.width) * 2);
    }
    return Status::ok();
}

Result<RawMosaic> mosaicOf(LibRaw& raw, const std::filesystem::path& path) {
    RawMosaic mosaic;
    EMU_ASSIGN_OR_RETURN(mosaic.cfa, cfaPattern(raw, path));
    EMU_RETURN_IF_ERROR(copySamples(raw, mosaic, path));
    mosaic.black = blackLevels(raw);
    mosaic.white = float(raw.imgdata.color.maximum);
    if (!(mosaic.white > *std::max_element(mosaic.black.begin(), mosaic.black.end()))) {
        return makeError(ErrorCode::CorruptData, path.string() + ": white level " +
                                                     std::to_string(mosaic.white) +
                                                     " is not above the black level");
    }
    mosaic.asShotNeutral = neutral(raw);
    const std::optional<Mat3> matrix = xyzToCamera(raw);
    const Vec3 n{mosaic.asShotNeutral[0], mosaic.asShotNeutral[1], mosaic.asShotNeutral[2]};
    const std::optional<Mat3> toAces = matrix ? dngCameraToAces(*matrix, n) : std::nullopt;
    if (!toAces)
        return makeError(ErrorCode::CorruptData, path.string() + ": singular colour matrix");
    for (int i = 0; i < 9; ++i) mosaic.cameraToAces[i] = float((*toAces)[i]);
    return mosaic;
}

void describe(LibRaw& raw, const DngTags& tags, const std::filesystem::path& path, ClipInfo& info) {
    const libraw_iparams_t& ip = raw.imgdata.idata;
    info.format = tags.isDng ? "dng" : "raw";
    info.codec = info.format;
    info.path = path;
    info.width = raw.imgdata.sizes.width;
    info.height = raw.imgdata.sizes.height;
    info.pixelAspect = float(raw.imgdata.sizes.pixel_aspect);
    info.camera = std::string(ip.make) + (ip.make[0] && ip.model[0] ? " " : "") + ip.model;
    info.clipName = path.stem().string();
    info.startTimecode = tags.timecode;
    info.reel = tags.reel;
    info.rate = tags.rate;
    info.raw = true;
    info.colourSpaceHint = "camera RAW";
    info.bitDepth = tags.bitsPerSample;
    if (info.bitDepth == 0) {
        for (unsigned m = raw.imgdata.color.maximum; m; m >>= 1) ++info.bitDepth;
    }
}

}  // namespace

Result<Frame> readRawFile(const std::filesystem::path& path, ClipInfo* info) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return makeError(ErrorCode::NotFound, path.string() + ": no such file");
    }
    DngTags tags;
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char ch) { return std::tolower(ch); });
    if (looksLikeTiff(path)) {
        EMU_ASSIGN_OR_RETURN(tags, readDngTags(path));
    } else if (ext == ".dng") {
        return makeError(ErrorCode::CorruptData, path.string() + ": not a TIFF/DNG file");
    }

    // LibRaw's object is large (hundreds of kB): on the heap.
    auto raw = std::make_unique<LibRaw>(LIBRAW_OPTIONS_NONE);
    if (int rc = raw->open_file(path.c_str()); rc != LIBRAW_SUCCESS) {
        return libRawError(path, "open", rc);
    }
    if (int rc = raw->unpack(); rc != LIBRAW_SUCCESS) return libRawError(path, "unpack", rc);
    Frame frame;
    EMU_ASSIGN_OR_RETURN(RawMosaic mosaic, mosaicOf(*raw, path));
    frame.mosaic = std::move(mosaic);
    frame.timecode = tags.timecode;
    if (info) describe(*raw, tags, path, *info);
    return frame;
}

RawReader::~RawReader() = default;

Result<std::unique_ptr<RawReader>> RawReader::open(const std::filesystem::path& path) {
    EMU_ASSIGN_OR_RETURN(FramePattern pattern, FramePattern::parse(path.string()));
    std::unique_ptr<RawReader> reader(new RawReader());
    reader->m_pattern = pattern;
    reader->m_frames = pattern.isSequence() ? pattern.framesOnDisk() : std::vector<int>{0};
    if (reader->m_frames.empty()) {
        return makeError(ErrorCode::NotFound, path.string() + ": no frames of the sequence exist");
    }
    const int firstFrame = reader->m_frames.front();
    const std::filesystem::path firstPath = pattern.isSequence() ? pattern.path(firstFrame) : path;
    EMU_ASSIGN_OR_RETURN(Frame probe, readRawFile(firstPath, &reader->m_info));
    ClipInfo& info = reader->m_info;
    info.path = path;
    info.firstFrame = firstFrame;
    info.frameCount = reader->m_frames.back() - firstFrame + 1;
    for (int f = firstFrame, i = 0; f <= reader->m_frames.back(); ++f) {
        if (reader->m_frames[i] == f) {
            ++i;
        } else {
            info.missingFrames.push_back(f);
        }
    }
    if (pattern.isSequence()) info.clipName = pattern.clipName();
    return reader;
}

Result<Frame> RawReader::read(int frame) {
    if (!std::binary_search(m_frames.begin(), m_frames.end(), frame)) {
        return makeError(ErrorCode::NotFound, m_info.path.string() + ": no frame " +
                                                  std::to_string(frame) + " in the clip");
    }
    const std::filesystem::path path = m_pattern.isSequence() ? m_pattern.path(frame) : m_info.path;
    ClipInfo frameInfo;
    EMU_ASSIGN_OR_RETURN(Frame result, readRawFile(path, &frameInfo));
    if (frameInfo.width != m_info.width || frameInfo.height != m_info.height) {
        return makeError(ErrorCode::CorruptData,
                         path.string() + ": frame size differs from the clip's first frame");
    }
    return result;
}

}  // namespace emu::media
