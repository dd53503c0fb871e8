#pragma once

// VFX renders named `<shot>_<task>_v<number>` (SH010_comp_v003.%04d.exr, SH010_comp_v012.mov),
// found in a MediaIndex of the VFX folders, and the newest version of a shot.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulsion/conform/MediaIndex.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// One render. Thread: value type.
struct VfxVersion {
    std::string shot;  // "SH010"
    std::string task;  // "comp"
    int version = 0;   // 3 for v003
    IndexedClip clip;  // the render's media
};

// The renders of a MediaIndex. Thread: build once, then read from any thread.
class VfxIndex {
public:
    // Every clip whose file stem reads `<shot>_<task>_v<digits>` (the shot may itself hold
    // underscores: AB_0010_comp_v002 is shot AB_0010); other clips are not renders.
    explicit VfxIndex(const MediaIndex& media);

    const std::vector<VfxVersion>& versions() const { return m_versions; }

    // The highest version of `shot` (ignoring case), of `task` unless empty. Equal versions of
    // different tasks: the first task in name order. nullopt when the shot has no render.
    std::optional<VfxVersion> newest(const std::string& shot, const std::string& task = {}) const;

private:
    std::vector<VfxVersion> m_versions;
};

// Parses a render's file stem; nullopt when it does not read `<shot>_<task>_v<digits>`.
std::optional<VfxVersion> parseVfxName(const std::string& fileStem);

// The shot a clip belongs to: its metadata "shot", else a marker named "shot: <name>", else
// the clip name.
std::string shotOf(const timeline::Clip& clip);

}  // namespace emu::conform
