#include "LibraryVersions.h"

#include <OpenColorIO/OpenColorIO.h>
#include <OpenEXR/openexr_base.h>
#include <OpenImageIO/imageio.h>
#include <libraw/libraw.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace emu::cli {

namespace {
std::string dotted(unsigned packed) {
    return std::to_string(packed >> 16) + "." + std::to_string((packed >> 8) & 0xff) + "." +
           std::to_string(packed & 0xff);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> libraryVersions() {
    int major = 0, minor = 0, patch = 0;
    const char* extra = nullptr;
    exr_get_library_version(&major, &minor, &patch, &extra);
    std::string exr = std::to_string(major) + "." + std::to_string(minor) + "." +
                      std::to_string(patch) + (extra && *extra ? extra : "");
    int oiio = OIIO::openimageio_version();  // 10000 * major + 100 * minor + patch
    std::string oiioText = std::to_string(oiio / 10000) + "." + std::to_string(oiio / 100 % 100) +
                           "." + std::to_string(oiio % 100);
    std::string ffmpeg = std::string(av_version_info()) + " (libavcodec " +
                         dotted(avcodec_version()) + ", libavformat " + dotted(avformat_version()) +
                         ")";
    return {
        {"OpenColorIO", OCIO_NAMESPACE::GetVersion()},
        {"OpenImageIO", oiioText},
        {"OpenEXR", exr},
        {"LibRaw", libraw_version()},
        {"FFmpeg", ffmpeg},
    };
}

}  // namespace emu::cli
