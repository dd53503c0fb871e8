// FCPXML out: the picture cut of a timeline as one spine, for handing a conformed cut to an
// editor's system. See FcpXml.h for what is written and what is refused.
#include <cctype>
#include <cstdio>
#include <set>

#include "emulsion/conform/FcpXml.h"
#include "emulsion/core/Markup.h"

namespace emu::conform {

namespace {

using timeline::Frames;

// Frames at `rate` as FCPXML rational seconds: f * den / num.
std::string seconds(Frames frames, const timeline::Rate& rate) {
    if (frames == 0) return "0s";
    return std::to_string(frames * rate.denominator) + "/" + std::to_string(rate.numerator) + "s";
}

// A file URL with everything outside the unreserved set and '/' percent-encoded.
std::string fileUrl(const std::filesystem::path& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string url = "file://";
    for (unsigned char c : std::filesystem::absolute(path).string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            url += char(c);
        } else {
            url += '%';
            url += hex[c >> 4];
            url += hex[c & 15];
        }
    }
    return url;
}

}  // namespace

Result<std::string> writeFcpxml(const timeline::Timeline& t) {
    auto refuse = [](const std::string& why) {
        return makeError(ErrorCode::InvalidArgument, "cannot write FCPXML: " + why);
    };
    if (!t.rate.valid()) return refuse("the timeline has no rate");
    const timeline::Track* picture = nullptr;
    for (const timeline::Track& track : t.tracks) {
        if (track.kind != timeline::Track::Kind::Video) continue;
        if (picture) return refuse("more than one video track (only V1 is written)");
        picture = &track;
    }
    std::string assets, spine;
    int nextId = 2;
    Frames cursor = t.startFrame;
    if (picture) {
        for (const timeline::Item& item : picture->items) {
            if (const auto* gap = std::get_if<timeline::Gap>(&item)) {
                spine += "  <gap offset=\"" + seconds(gap->record.start, t.rate) +
                         "\" duration=\"" + seconds(gap->record.duration, t.rate) + "\"/>\n";
                cursor = gap->record.end();
                continue;
            }
            if (std::holds_alternative<timeline::Transition>(item)) {
                return refuse("transitions are not written");
            }
            const auto& clip = std::get<timeline::Clip>(item);
            if (clip.speed.speed != 1.0) return refuse("speed changes are not written");
            if (!(clip.sourceRate == t.rate))
                return refuse("a source rate other than the timeline's");
            if (clip.record.start != cursor) {
                return refuse("clip '" + clip.name + "' does not start where the item before ends");
            }
            const std::string id = "r" + std::to_string(nextId++);
            assets += "  <asset id=\"" + id + "\" name=\"" + core::escapeMarkup(clip.name) +
                      "\" start=\"" + seconds(clip.source.start, t.rate) + "\" duration=\"" +
                      seconds(clip.source.duration, t.rate) + "\" hasVideo=\"1\" format=\"r1\">\n";
            if (clip.activeMedia >= 0 && std::size_t(clip.activeMedia) < clip.media.size()) {
                const timeline::MediaReference& m = clip.media[std::size_t(clip.activeMedia)];
                if (!m.path.empty()) {
                    assets += "    <media-rep kind=\"original-media\" src=\"" +
                              core::escapeMarkup(fileUrl(m.path)) + "\"/>\n";
                }
            }
            if (!clip.reel.empty()) {
                assets += "    <metadata><md key=\"com.apple.proapps.studio.reel\" value=\"" +
                          core::escapeMarkup(clip.reel) + "\"/></metadata>\n";
            }
            assets += "  </asset>\n";
            spine += "  <asset-clip ref=\"" + id + "\" offset=\"" +
                     seconds(clip.record.start, t.rate) + "\" start=\"" +
                     seconds(clip.source.start, t.rate) + "\" duration=\"" +
                     seconds(clip.record.duration, t.rate) + "\" name=\"" +
                     core::escapeMarkup(clip.name) + "\"/>\n";
            cursor = clip.record.end();
        }
    }
    std::string x =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n"
        "<fcpxml version=\"1.10\">\n<resources>\n";
    x += "  <format id=\"r1\" frameDuration=\"" + seconds(1, t.rate) + "\"/>\n";
    x += assets + "</resources>\n";
    x += "<library><event name=\"Emulsion\"><project name=\"" + core::escapeMarkup(t.title) +
         "\">\n";
    x += "<sequence format=\"r1\" tcStart=\"" + seconds(t.startFrame, t.rate) + "\" tcFormat=\"" +
         (t.dropFrame ? "DF" : "NDF") + "\">\n<spine>\n";
    x += spine + "</spine>\n</sequence></project></event></library>\n</fcpxml>\n";
    return x;
}

}  // namespace emu::conform
