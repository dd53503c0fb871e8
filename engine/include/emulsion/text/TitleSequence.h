#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::text {

enum class TitleKind {
    Card,     // centred lines held still, with a fade in and out
    Credits,  // lines rolling up from below the frame to above it at a constant rate
};

// One block of a title file: its lines (empty lines are blank lines of the layout) and timing.
struct TitleBlock {
    TitleKind kind = TitleKind::Card;
    int frames = 0;            // how long the block lasts
    int fadeInFrames = 0;      // cards only
    int fadeOutFrames = 0;     // cards only
    double textHeight = 0.06;  // em as a fraction of the frame height
    double lineSpacing = 1.0;  // x the font's baseline-to-baseline distance
    std::vector<std::string> lines;
    int sourceLine = 0;  // of the block's header
};

// A title file: blocks one after the other in time. The format is in docs/TITLES.md:
//   [card frames=72 fade_in=12 fade_out=12 size=0.06]
//   THE LIGHTHOUSE
//   [credits frames=480 size=0.035]
//   Directed by
//   ...
// Thread: value type.
struct TitleSequence {
    std::vector<TitleBlock> blocks;

    int totalFrames() const;

    // Failure: InvalidArgument as "`name`:LINE: what is wrong" (text before the first header,
    // an unknown block or key, a bad number, fades longer than the card).
    static Result<TitleSequence> parse(std::string_view text, const std::string& name);
    // NotFound / IoError name the file.
    static Result<TitleSequence> read(const std::filesystem::path& path);
};

}  // namespace emu::text
