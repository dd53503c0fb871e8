#include "emulsion/conform/GradeKey.h"

#include <cctype>
#include <filesystem>
#include <tuple>

namespace emu::conform {

bool GradeKey::operator<(const GradeKey& other) const {
    return std::tie(media, source.start, source.duration) <
           std::tie(other.media, other.source.start, other.source.duration);
}

std::string mediaIdentity(const timeline::Clip& clip) {
    std::string id = clip.reel;
    if (id.empty()) id = clip.name;
    if (id.empty()) id = std::filesystem::path(clip.sourceFile).filename().string();
    for (char& ch : id) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return id;
}

GradeKey gradeKeyOf(const timeline::Clip& clip) {
    return {mediaIdentity(clip), clip.source};
}

std::vector<timeline::FrameRange> framesOutside(const timeline::FrameRange& shown,
                                                const timeline::FrameRange& graded) {
    if (!shown.overlaps(graded)) return {shown};
    std::vector<timeline::FrameRange> outside;
    if (shown.start < graded.start) outside.push_back({shown.start, graded.start - shown.start});
    if (shown.end() > graded.end()) outside.push_back({graded.end(), shown.end() - graded.end()});
    return outside;
}

}  // namespace emu::conform
