#include "Ffmpeg.h"

#include <cstdio>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/timecode.h>
}

namespace emu::media::ffmpeg {

std::string errorText(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

const int* yuvCoefficients(AVColorSpace matrix, int widthPx, int heightPx) {
    switch (matrix) {
        case AVCOL_SPC_BT709:
            return sws_getCoefficients(SWS_CS_ITU709);
        case AVCOL_SPC_FCC:
            return sws_getCoefficients(SWS_CS_FCC);
        case AVCOL_SPC_BT470BG:
        case AVCOL_SPC_SMPTE170M:
            return sws_getCoefficients(SWS_CS_ITU601);
        case AVCOL_SPC_SMPTE240M:
            return sws_getCoefficients(SWS_CS_SMPTE240M);
        case AVCOL_SPC_BT2020_NCL:
        case AVCOL_SPC_BT2020_CL:
            return sws_getCoefficients(SWS_CS_BT2020);
        default:
            break;
    }
    const bool hd = widthPx >= 1280 || heightPx >= 720;
    return sws_getCoefficients(hd ? SWS_CS_ITU709 : SWS_CS_ITU601);
}

namespace {

bool parseTimecode(const std::string& text, FrameRate rate, AVTimecode& tc) {
    if (text.empty() || !rate.valid()) return false;
    // FFmpeg logs why a time code is refused; the caller reports it, so keep the log quiet.
    return av_timecode_init_from_string(&tc, AVRational{rate.numerator, rate.denominator},
                                        text.c_str(), nullptr) == 0;
}

}  // namespace

std::string timecodeAt(const std::string& start, FrameRate rate, int offset) {
    AVTimecode tc{};
    if (!parseTimecode(start, rate, tc)) return {};
    tc.flags |= AV_TIMECODE_FLAG_24HOURSMAX;
    char text[AV_TIMECODE_STR_SIZE] = {};
    av_timecode_make_string(&tc, text, offset);
    return text;
}

bool validTimecode(const std::string& timecode, FrameRate rate) {
    AVTimecode tc{};
    if (!parseTimecode(timecode, rate, tc)) return false;
    // FFmpeg only counts frames; a time code also has a clock's ranges.
    int h = 0, m = 0, s = 0, f = 0;
    char separator = 0;
    if (timecode.size() != 11 ||
        std::sscanf(timecode.c_str(), "%2d:%2d:%2d%c%2d", &h, &m, &s, &separator, &f) != 5)
        return false;
    if (h > 23 || m > 59 || s > 59 || f >= tc.fps) return false;
    // Drop frame skips frame numbers 0 and 1 (0 to 3 at 59.94) at each minute but every tenth.
    const int dropped = tc.fps / 30 * 2;
    return !(tc.flags & AV_TIMECODE_FLAG_DROPFRAME) || s != 0 || m % 10 == 0 || f >= dropped;
}

}  // namespace emu::media::ffmpeg
