#pragma once

// The editorial model a conform reads into and renders from: timeline -> tracks -> items
// (clips, gaps, transitions). Plain data; readers fill it (conform/), relink resolves its media
// references, the project store saves it. Times are whole frames at the timeline's rate, record
// frames absolute (record time code as frames, from startFrame on);
// source times are frames at the source's own rate where it differs (Clip::sourceRate).

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "emulsion/timeline/Time.h"

namespace emu::timeline {

// A point of interest on a clip or a track.
struct Marker {
    std::string name;
    Frames frame = 0;  // on the record side for track markers, on the source side for clips
    Frames duration = 0;
    std::string colour;  // "red", "blue", ... as the editor named it
    std::string comment;
    bool operator==(const Marker&) const = default;
};

// Where a clip's media is, or was expected to be. Several per clip (camera original, proxy,
// VFX versions); one active. A missing reference is a state, not an error.
struct MediaReference {
    enum class Kind { External, ImageSequence, Missing, Generator };
    Kind kind = Kind::Missing;
    std::string name;                          // "camera original", "proxy", "vfx v003"
    std::filesystem::path path;                // file, or sequence pattern (name.%07d.exr)
    std::string generator;                     // "black", "bars", "colour" for generators
    std::optional<FrameRange> availableRange;  // source frames the media holds, when known
    bool operator==(const MediaReference&) const = default;
};

// Constant speed, freeze or reverse; `speed` is 1 for normal, 0 for a freeze, negative for
// reverse (from EDL M2, FCP time remaps, FCPXML timeMap, OTIO LinearTimeWarp/FreezeFrame).
struct SpeedEffect {
    double speed = 1.0;
    bool operator==(const SpeedEffect&) const = default;
};

// ASC CDL values carried by the edit list (EDL *ASC_SOP/*ASC_SAT, FCP/OTIO metadata).
struct CdlValues {
    double slope[3] = {1, 1, 1};
    double offset[3] = {0, 0, 0};
    double power[3] = {1, 1, 1};
    double saturation = 1;
    bool operator==(const CdlValues&) const = default;
};

struct Clip {
    std::string name;        // clip name (EDL FROM CLIP NAME, FCP name, OTIO name)
    std::string reel;        // tape / reel name
    std::string sourceFile;  // EDL * SOURCE FILE, or the file name a reference had
    int event = 0;           // EDL event number; 0 when the format has none
    FrameRange record;       // on the timeline
    FrameRange source;       // in the media, at sourceRate: the frames the clip shows
    Rate sourceRate;         // the media's rate (the timeline's unless the format says)
    std::optional<std::string> sourceTimecodeStart;  // time code of source.start, as written
    SpeedEffect speed;
    std::optional<CdlValues> cdl;
    std::vector<Marker> markers;
    std::vector<MediaReference> media;
    int activeMedia = 0;                          // index into media
    std::map<std::string, std::string> metadata;  // anything else a format carried, kept
    bool operator==(const Clip&) const = default;
};

struct Gap {
    FrameRange record;
    bool operator==(const Gap&) const = default;
};

// A transition between the item before it and the item after it on its track.
struct Transition {
    enum class Kind { Dissolve, Wipe };
    Kind kind = Kind::Dissolve;
    int wipeCode = 0;      // SMPTE wipe code for wipes (EDL W###)
    Frames inOffset = 0;   // frames before the cut point
    Frames outOffset = 0;  // frames after the cut point
    std::string name;
    bool operator==(const Transition&) const = default;
};

using Item = std::variant<Clip, Gap, Transition>;

struct Track {
    enum class Kind { Video, Audio };
    Kind kind = Kind::Video;
    std::string name;         // "V1", "A2"
    std::vector<Item> items;  // in record order; clips and gaps tile the track, transitions sit
                              // between them
    std::vector<Marker> markers;
    bool operator==(const Track&) const = default;
};

struct Timeline {
    std::string title;
    Rate rate;
    Frames startFrame = 0;      // record start (e.g. 01:00:00:00 as frames)
    bool dropFrame = false;     // record time code counting, where the format says
    std::vector<Track> tracks;  // video tracks bottom to top, then audio tracks
    std::vector<Marker> markers;
    bool operator==(const Timeline&) const = default;
};

// A problem a reader or a conform step found that did not stop it: where and what.
struct Warning {
    int line = 0;  // 1-based line in the source file; 0 when not from a file line
    std::string message;
    bool operator==(const Warning&) const = default;
};

}  // namespace emu::timeline
