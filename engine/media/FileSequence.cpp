#include "emulsion/media/FileSequence.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

namespace emu::media {

namespace {

// A file name split around its frame number: the last run of digits before the extension.
struct NumberedName {
    std::string prefix;  // up to the digits
    std::string digits;
    std::string suffix;  // from the end of the digits: ".exr"
};

std::optional<NumberedName> splitNumbered(const std::string& name) {
    const std::size_t dot = name.find_last_of('.');
    const std::size_t end = dot == std::string::npos || dot == 0 ? name.size() : dot;
    std::size_t begin = end;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(name[begin - 1]))) --begin;
    // More than 9 digits is a date or an id, not a frame number that fits an int.
    if (begin == end || end - begin > 9) return std::nullopt;
    return NumberedName{name.substr(0, begin), name.substr(begin, end - begin), name.substr(end)};
}

// The printf pattern for names of one group: zero-padded to the digits' width when any of them
// starts with 0 or all have one width, else unpadded.
std::string patternFor(const std::filesystem::path& dir, const NumberedName& name,
                       const std::vector<std::string>& digitsOfGroup) {
    bool padded = true;
    bool leadingZero = false;
    for (const std::string& d : digitsOfGroup) {
        if (d.size() != name.digits.size()) padded = false;
        if (d.size() > 1 && d[0] == '0') leadingZero = true;
    }
    std::string placeholder =
        padded || leadingZero ? "%0" + std::to_string(name.digits.size()) + "d" : "%d";
    const std::string file = name.prefix + placeholder + name.suffix;
    return dir.empty() ? file : (dir / file).string();
}

bool hidden(const std::string& name) {
    return !name.empty() && name[0] == '.';
}

std::vector<std::string> listNames(const std::filesystem::path& dir, std::error_code& ec) {
    std::vector<std::string> names;
    for (const auto& entry :
         std::filesystem::directory_iterator(dir.empty() ? std::filesystem::path(".") : dir, ec)) {
        std::error_code typeError;
        if (!entry.is_regular_file(typeError)) continue;
        const std::string name = entry.path().filename().string();
        if (!hidden(name)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

Result<FileSequence> sequenceOf(const std::string& patternText) {
    EMU_ASSIGN_OR_RETURN(FramePattern pattern, FramePattern::parse(patternText));
    FileSequence s{pattern, pattern.framesOnDisk()};
    if (s.frames.empty()) {
        return makeError(ErrorCode::NotFound, patternText + ": no frames found on disk");
    }
    return s;
}

}  // namespace

bool FileSequence::has(int frame) const {
    return isSequence() ? std::binary_search(frames.begin(), frames.end(), frame) : frame == 0;
}

std::vector<int> FileSequence::missing() const {
    std::vector<int> gaps;
    for (std::size_t i = 1; i < frames.size(); ++i) {
        for (int f = frames[i - 1] + 1; f < frames[i]; ++f) gaps.push_back(f);
    }
    return gaps;
}

std::filesystem::path FileSequence::firstPath() const {
    return pattern.path(first());
}

Result<FileSequence> findSequence(const std::filesystem::path& path) {
    const std::string text = path.string();
    const std::string name = path.filename().string();
    if (name.find('#') != std::string::npos || name.find('%') != std::string::npos) {
        return sequenceOf(text);
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return makeError(ErrorCode::NotFound, text + ": no such file");
    }
    if (std::filesystem::is_directory(path, ec)) {
        return makeError(ErrorCode::InvalidArgument,
                         text + ": is a folder (name a file of the clip, or a pattern)");
    }
    const std::optional<NumberedName> numbered = splitNumbered(name);
    if (!numbered) {
        EMU_ASSIGN_OR_RETURN(FramePattern single, FramePattern::parse(text));
        return FileSequence{single, {}};
    }
    // The neighbours: every name with the same prefix and suffix around a run of digits.
    std::vector<std::string> digits;
    for (const std::string& other : listNames(path.parent_path(), ec)) {
        const std::optional<NumberedName> n = splitNumbered(other);
        if (n && n->prefix == numbered->prefix && n->suffix == numbered->suffix) {
            digits.push_back(n->digits);
        }
    }
    if (ec)
        return makeError(ErrorCode::IoError, text + ": cannot list its folder: " + ec.message());
    return sequenceOf(patternFor(path.parent_path(), *numbered, digits));
}

Result<std::vector<FileSequence>> findSequencesInFolder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        return makeError(ErrorCode::NotFound, folder.string() + ": no such folder");
    }
    const std::vector<std::string> names = listNames(folder, ec);
    if (ec) {
        return makeError(ErrorCode::IoError, folder.string() + ": cannot list: " + ec.message());
    }
    // Group numbered names by what surrounds their digits.
    std::map<std::pair<std::string, std::string>, std::vector<NumberedName>> groups;
    std::vector<FileSequence> clips;
    for (const std::string& name : names) {
        if (std::optional<NumberedName> n = splitNumbered(name)) {
            groups[{n->prefix, n->suffix}].push_back(*n);
        } else {
            EMU_ASSIGN_OR_RETURN(FramePattern single,
                                 FramePattern::parse((folder / name).string()));
            clips.push_back(FileSequence{single, {}});
        }
    }
    for (const auto& [key, members] : groups) {
        std::vector<std::string> digits;
        for (const NumberedName& n : members) digits.push_back(n.digits);
        EMU_ASSIGN_OR_RETURN(FileSequence s,
                             sequenceOf(patternFor(folder, members.front(), digits)));
        clips.push_back(std::move(s));
    }
    std::sort(clips.begin(), clips.end(), [](const FileSequence& a, const FileSequence& b) {
        return a.pattern.text() < b.pattern.text();
    });
    return clips;
}

}  // namespace emu::media
