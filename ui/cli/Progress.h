#pragma once

#include <chrono>
#include <string>

namespace emu::cli {

// A one-line progress bar on stderr with rate and time left, redrawn in place. Draws nothing
// when disabled (not a terminal, or --quiet). Thread: one owner.
class Progress {
public:
    Progress(std::string label, int total, bool enabled);
    ~Progress();  // ends the line if anything was drawn

    void advance(int done);
    // Ends the line (once); further output then starts on a line of its own.
    void finish();

private:
    std::string m_label;
    int m_total;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
};

}  // namespace emu::cli
