#pragma once

// Deliverable presets: user-editable JSON files, one per deliverable, found by name. The
// format, by example (every key but "container" may be left out):
//   {
//     "schema": 1,
//     "description": "ACES archival master (SMPTE ST 2065-4)",
//     "container": "exr",            // exr, dpx, tiff, mov, mxf, mp4
//     "codec": "none",               // exr: none|piz|zip|dwaa; dpx: 10bit_log|16bit;
//                                    // tiff: 16bit; movies: prores_4444, dnxhr_hqx, h264, ...
//     "aces": true,                  // exr: an ST 2065-4 ACES container file
//     "alpha": false,
//     "colour": {"colour_space": "ACES2065-1"},   // or {"display": "...", "view": "...",
//                                                 //     "look": "..."}
//     "resolution": "source",        // or "1920x1080"
//     "audio": false,                // mux the final mix into a movie
//     "burnins": [{"field": "record_tc", "position": "top-left"},
//                 {"field": "watermark", "text": "REVIEW", "position": "bottom-centre"}]
//   }

#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::render {

// One text field burnt into review frames. Thread: value type.
struct BurninField {
    std::string field;     // "record_tc", "source_tc", "shot_name", "watermark"
    std::string text;      // the watermark's words; empty for the other fields
    std::string position;  // "top-left", "top-centre", "top-right", "bottom-left", ...
    bool operator==(const BurninField&) const = default;
};

// Thread: value type.
struct Preset {
    std::string name;  // the file's stem: what --preset names
    std::filesystem::path file;
    std::string description;
    std::string container;  // "exr", "dpx", "tiff", "mov", "mxf", "mp4"
    std::string codec;
    bool aces = false;
    bool alpha = false;
    std::string colourSpace;  // a colour space of the config, or display + view (+ look)
    std::string display;
    std::string view;
    std::string look;
    int widthPx = 0;  // 0: the source's size
    int heightPx = 0;
    bool audio = false;
    std::vector<BurninField> burnins;

    // Whether the deliverable is one file per frame (else one movie).
    bool perFrameFiles() const {
        return container == "exr" || container == "dpx" || container == "tiff";
    }
    // The extension of its files, with the dot.
    std::string extension() const;
};

// Parses a preset file. InvalidArgument "file: problem" for malformed JSON (with its line),
// unknown keys or values, or a container/codec pair that does not exist.
Result<Preset> loadPreset(const std::filesystem::path& file);

// Sets the output size from "source" or "WxH" (16..16384 each), as a preset's "resolution"
// says; what `render --resolution` overrides. InvalidArgument starting with `origin`.
Status setPresetResolution(Preset& preset, const std::string& text, const std::string& origin);

// Where presets are looked for, first match wins: $EMULSION_PRESETS (colon-separated folders),
// ~/.config/emulsion/presets, then the presets shipped with Emulsion.
std::vector<std::filesystem::path> presetSearchPath();

// The preset called `name` (a file stem in the search path) or a path to a preset file.
// NotFound lists where it looked.
Result<Preset> findPreset(const std::string& name,
                          const std::vector<std::filesystem::path>& searchPath);

// Every preset in the search path, by name; a name found twice is the first one. Files that do
// not parse are returned in `problems` as "file: problem".
std::vector<Preset> listPresets(const std::vector<std::filesystem::path>& searchPath,
                                std::vector<std::string>* problems = nullptr);

}  // namespace emu::render
