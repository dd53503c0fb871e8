#pragma once

// What media a set of folders holds, for relinking a timeline to it: every clip (a numbered
// sequence or a movie) probed from its header, with its reel, the source frames its time code
// covers and its name. Files that cannot be read are listed with their error; they never stop a
// scan.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/timeline/Time.h"

namespace emu::conform {

// One clip found on disk. Thread: value type.
struct IndexedClip {
    enum class ReelOrigin { Metadata, Pattern, None };

    std::filesystem::path path;  // the file, or the sequence pattern (name.%07d.exr)
    bool sequence = false;       // frames are files
    std::string format;          // reader id: "exr", "dpx", "movie", ...
    std::string reel;            // embedded reel, else the user pattern's capture, else ""
    ReelOrigin reelOrigin = ReelOrigin::None;
    std::string clipName;  // as the reader reports it (embedded, else from the file name)
    std::string fileStem;  // file name without extension and frame number ("A001C003")
    timeline::Rate rate;   // the file's rate, else MediaIndexOptions::fallbackRate
    bool rateFromFile = false;
    std::string startTimecode;  // as the file carries it; "" when none
    // Source frames at `rate`: from the start time code, or from the frame numbers when the
    // file has no time code (hasTimecode false). Duration is the clip's frame count.
    timeline::FrameRange source;
    bool hasTimecode = false;
};

// A file that looked like media but could not be probed, and why.
struct UnreadableFile {
    std::filesystem::path path;
    std::string error;
};

struct MediaIndexOptions {
    // Reel from the file or folder name where the media carries none: a regular expression
    // (ECMAScript) with one capture group, searched in the file stem, then in each folder name
    // from the nearest up to the scanned root, e.g. "^([A-Z][0-9]{3})C". Empty: none.
    std::string reelPattern;
    bool recursive = true;
    // For media that does not say its rate (e.g. DPX without a frame rate).
    timeline::Rate fallbackRate{24, 1};
};

// Thread: build once (scan or add), then read from any thread.
class MediaIndex {
public:
    // Scans `folders` (recursively unless options say not), groups files into clips and probes
    // each through `registry`. InvalidArgument for a reel pattern that does not compile or
    // does not have exactly one capture group; NotFound for a folder that does not exist.
    // Files and folders that cannot be read are listed in unreadable(), not errors.
    static Result<MediaIndex> scan(const std::vector<std::filesystem::path>& folders,
                                   const MediaIndexOptions& options,
                                   const media::ClipRegistry& registry);

    void add(IndexedClip clip) { m_clips.push_back(std::move(clip)); }

    const std::vector<IndexedClip>& clips() const { return m_clips; }
    const std::vector<UnreadableFile>& unreadable() const { return m_unreadable; }
    // Files no reader recognises (sidecars, notes): skipped, listed for the report.
    const std::vector<std::filesystem::path>& ignored() const { return m_ignored; }

    // Clips whose reel equals `reel`, ignoring case. Indices into clips().
    std::vector<std::size_t> byReel(const std::string& reel) const;
    // Clips whose clip name or file stem equals `name`, ignoring case.
    std::vector<std::size_t> byName(const std::string& name) const;
    // Clips whose file (or sequence pattern) has the file name `fileName`, or whose first frame
    // file does, ignoring case.
    std::vector<std::size_t> byFileName(const std::string& fileName) const;

private:
    std::vector<IndexedClip> m_clips;
    std::vector<UnreadableFile> m_unreadable;
    std::vector<std::filesystem::path> m_ignored;
};

// The ClipInfo of a probe as an index entry (reel pattern not applied). Source frames come
// from the start time code at the clip's rate; a time code that does not parse at that rate
// counts as none. Thread: any.
IndexedClip indexedClipFrom(const media::ClipInfo& info, bool sequence,
                            const timeline::Rate& fallbackRate);

// The file name of `path` without extension and frame number or placeholder:
// "A001C003_%07d.exr" and "A001C003_0000123.exr" -> "A001C003", "SH010_comp_v002.mov" ->
// "SH010_comp_v002". Thread: any.
std::string fileStemOf(const std::filesystem::path& path);

// Equal ignoring ASCII case.
bool equalsIgnoringCase(const std::string& a, const std::string& b);

}  // namespace emu::conform
