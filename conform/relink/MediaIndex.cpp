#include "emulsion/conform/MediaIndex.h"

#include "emulsion/media/FramePattern.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace emu::conform {
namespace {

namespace fs = std::filesystem;

struct ReelPattern {
    std::optional<std::regex> regex;

    // The capture of the first match in the file stem, else in each folder name from the
    // nearest up to (and including) the scanned root.
    std::string reelFor(const IndexedClip& clip, const fs::path& root) const {
        if (!regex) return {};
        std::smatch m;
        if (std::regex_search(clip.fileStem, m, *regex) && m[1].matched) return m[1].str();
        for (fs::path dir = clip.path.parent_path(); !dir.empty(); dir = dir.parent_path()) {
            const std::string name = dir.filename().string();
            if (std::regex_search(name, m, *regex) && m[1].matched) return m[1].str();
            if (dir == root || dir == dir.parent_path()) break;
        }
        return {};
    }
};

Result<ReelPattern> compileReelPattern(const std::string& text) {
    ReelPattern pattern;
    if (text.empty()) return pattern;
    try {
        pattern.regex.emplace(text, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        return makeError(ErrorCode::InvalidArgument,
                         "reel pattern '" + text + "': " + std::string(e.what()));
    }
    if (pattern.regex->mark_count() != 1) {
        return makeError(ErrorCode::InvalidArgument,
                         "reel pattern '" + text + "': needs exactly one capture group, has " +
                             std::to_string(pattern.regex->mark_count()));
    }
    return pattern;
}

// The folders to list: `root` and, when recursive, every folder below it (hidden ones
// skipped, as findSequencesInFolder skips hidden files). Folders that cannot be listed are
// reported, not fatal.
std::vector<fs::path> foldersUnder(const fs::path& root, bool recursive,
                                   std::vector<UnreadableFile>& unreadable) {
    std::vector<fs::path> folders{root};
    if (!recursive) return folders;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        unreadable.push_back({root, "cannot list: " + ec.message()});
        return folders;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            unreadable.push_back({it->path(), "cannot list: " + ec.message()});
            break;
        }
        std::error_code typeError;
        if (!it->is_directory(typeError)) continue;
        if (it->path().filename().string().starts_with(".")) {
            it.disable_recursion_pending();
            continue;
        }
        folders.push_back(it->path());
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

// The clips one group of files makes: the whole sequence for sequence formats, each file on
// its own for formats that hold a clip per file (movies whose names end in digits).
std::vector<media::FileSequence> clipsOf(const media::FileSequence& files,
                                         const media::ClipReaderType& type) {
    if (type.sequences || !files.isSequence()) return {files};
    std::vector<media::FileSequence> singles;
    for (int frame : files.frames) {
        Result<media::FramePattern> single = media::FramePattern::parse(files.pattern.path(frame));
        if (single.isOk()) singles.push_back({*single, {}});
    }
    return singles;
}

// Whether `fileName` is a frame of the sequence whose file name is `patternName`
// (name.%07d.exr or name.#######.exr): the same text around the placeholder, digits in it.
bool isFrameOf(const std::string& patternName, const std::string& fileName) {
    const std::size_t at = patternName.find_first_of("%#");
    if (at == std::string::npos) return false;
    std::size_t after = at + 1;
    if (patternName[at] == '%') {
        after = patternName.find('d', at);
        if (after == std::string::npos) return false;
        ++after;
    } else {
        while (after < patternName.size() && patternName[after] == '#') ++after;
    }
    const std::string prefix = patternName.substr(0, at);
    const std::string suffix = patternName.substr(after);
    if (fileName.size() <= prefix.size() + suffix.size()) return false;
    const std::string digits =
        fileName.substr(prefix.size(), fileName.size() - prefix.size() - suffix.size());
    return equalsIgnoringCase(fileName.substr(0, prefix.size()), prefix) &&
           equalsIgnoringCase(fileName.substr(fileName.size() - suffix.size()), suffix) &&
           std::all_of(digits.begin(), digits.end(),
                       [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

}  // namespace

bool equalsIgnoringCase(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string fileStemOf(const fs::path& path) {
    auto pattern = media::FramePattern::parse(path.string());
    return pattern.isOk() ? pattern->clipName() : path.stem().string();
}

IndexedClip indexedClipFrom(const media::ClipInfo& info, bool sequence,
                            const timeline::Rate& fallbackRate) {
    IndexedClip clip;
    clip.path = info.path;
    clip.sequence = sequence;
    clip.format = info.format;
    clip.reel = info.reel;
    clip.reelOrigin =
        info.reel.empty() ? IndexedClip::ReelOrigin::None : IndexedClip::ReelOrigin::Metadata;
    clip.clipName = info.clipName;
    clip.fileStem = fileStemOf(info.path);
    clip.rateFromFile = info.rate.valid();
    clip.rate = clip.rateFromFile ? timeline::Rate{info.rate.numerator, info.rate.denominator}
                                  : fallbackRate;
    clip.startTimecode = info.startTimecode;
    clip.source = {info.firstFrame, info.frameCount};
    if (!info.startTimecode.empty()) {
        Result<timeline::Frames> start = timeline::timecodeToFrames(info.startTimecode, clip.rate);
        if (start.isOk()) {
            clip.source.start = *start;
            clip.hasTimecode = true;
        }
    }
    return clip;
}

Result<MediaIndex> MediaIndex::scan(const std::vector<fs::path>& roots,
                                    const MediaIndexOptions& options,
                                    const media::ClipRegistry& registry) {
    EMU_ASSIGN_OR_RETURN(const ReelPattern reelPattern, compileReelPattern(options.reelPattern));
    MediaIndex index;
    for (const fs::path& root : roots) {
        std::error_code ec;
        if (!fs::is_directory(root, ec)) {
            return makeError(ErrorCode::NotFound, root.string() + ": no such folder");
        }
        for (const fs::path& folder : foldersUnder(root, options.recursive, index.m_unreadable)) {
            Result<std::vector<media::FileSequence>> groups = media::findSequencesInFolder(folder);
            if (!groups.isOk()) {
                index.m_unreadable.push_back({folder, groups.status().message()});
                continue;
            }
            for (const media::FileSequence& group : *groups) {
                const media::ClipReaderType* type = registry.find(group.firstPath());
                if (!type) {
                    index.m_ignored.push_back(group.pattern.text());
                    continue;
                }
                for (const media::FileSequence& files : clipsOf(group, *type)) {
                    Result<std::unique_ptr<media::ClipReader>> reader = type->open(files);
                    if (!reader.isOk()) {
                        index.m_unreadable.push_back(
                            {files.pattern.text(), reader.status().message()});
                        continue;
                    }
                    IndexedClip clip = indexedClipFrom((*reader)->info(), files.isSequence(),
                                                       options.fallbackRate);
                    if (clip.reel.empty()) {
                        clip.reel = reelPattern.reelFor(clip, root);
                        if (!clip.reel.empty()) clip.reelOrigin = IndexedClip::ReelOrigin::Pattern;
                    }
                    index.m_clips.push_back(std::move(clip));
                }
            }
        }
    }
    return index;
}

std::vector<std::size_t> MediaIndex::byReel(const std::string& reel) const {
    std::vector<std::size_t> found;
    if (reel.empty()) return found;
    for (std::size_t i = 0; i < m_clips.size(); ++i) {
        if (equalsIgnoringCase(m_clips[i].reel, reel)) found.push_back(i);
    }
    return found;
}

std::vector<std::size_t> MediaIndex::byName(const std::string& name) const {
    std::vector<std::size_t> found;
    if (name.empty()) return found;
    for (std::size_t i = 0; i < m_clips.size(); ++i) {
        if (equalsIgnoringCase(m_clips[i].clipName, name) ||
            equalsIgnoringCase(m_clips[i].fileStem, name)) {
            found.push_back(i);
        }
    }
    return found;
}

std::vector<std::size_t> MediaIndex::byFileName(const std::string& fileName) const {
    std::vector<std::size_t> found;
    if (fileName.empty()) return found;
    for (std::size_t i = 0; i < m_clips.size(); ++i) {
        const IndexedClip& c = m_clips[i];
        const bool same = equalsIgnoringCase(c.path.filename().string(), fileName) ||
                          (c.sequence && isFrameOf(c.path.filename().string(), fileName));
        if (same) found.push_back(i);
    }
    return found;
}

}  // namespace emu::conform
