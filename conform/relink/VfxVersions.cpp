#include "emulsion/conform/VfxVersions.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace emu::conform {

std::optional<VfxVersion> parseVfxName(const std::string& fileStem) {
    static const std::regex kName("^(.+)_([A-Za-z0-9]+)_[vV]([0-9]+)$");
    std::smatch m;
    if (!std::regex_match(fileStem, m, kName)) return std::nullopt;
    const std::string digits = m[3].str();
    if (digits.size() > 9) return std::nullopt;  // not a version number anyone writes
    VfxVersion v;
    v.shot = m[1].str();
    v.task = m[2].str();
    v.version = std::stoi(digits);
    return v;
}

VfxIndex::VfxIndex(const MediaIndex& media) {
    for (const IndexedClip& clip : media.clips()) {
        std::optional<VfxVersion> v = parseVfxName(clip.fileStem);
        if (!v) continue;
        v->clip = clip;
        m_versions.push_back(std::move(*v));
    }
}

std::optional<VfxVersion> VfxIndex::newest(const std::string& shot, const std::string& task) const {
    const VfxVersion* best = nullptr;
    for (const VfxVersion& v : m_versions) {
        if (!equalsIgnoringCase(v.shot, shot)) continue;
        if (!task.empty() && !equalsIgnoringCase(v.task, task)) continue;
        if (!best || v.version > best->version ||
            (v.version == best->version && v.task < best->task)) {
            best = &v;
        }
    }
    if (!best) return std::nullopt;
    return *best;
}

std::string shotOf(const timeline::Clip& clip) {
    if (auto it = clip.metadata.find("shot"); it != clip.metadata.end() && !it->second.empty()) {
        return it->second;
    }
    for (const timeline::Marker& marker : clip.markers) {
        const std::string& n = marker.name;
        if (n.size() > 5 && equalsIgnoringCase(n.substr(0, 5), "shot:")) {
            std::string shot = n.substr(5);
            const auto space = [](unsigned char ch) { return std::isspace(ch) != 0; };
            shot.erase(shot.begin(), std::find_if_not(shot.begin(), shot.end(), space));
            while (!shot.empty() && space(shot.back())) shot.pop_back();
            if (!shot.empty()) return shot;
        }
    }
    return clip.name;
}

}  // namespace emu::conform
