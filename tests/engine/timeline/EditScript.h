#pragma once

// The scripted edits of the crash test, shared by the editing process and the test that
// kills it: edit k (from 1) writes gradeFor(k) to version versionFor(k) of shot shotFor(k).

#include <cstdint>
#include <string>

namespace emu::timeline::test {

inline constexpr int kScriptShots = 4;

inline int shotIndexFor(std::int64_t edit) {
    return int(edit % kScriptShots);
}

inline int versionFor(std::int64_t edit) {
    return 1 + int(edit / kScriptShots % 3);
}

inline std::string scriptMediaIdentity(int shotIndex) {
    return "crash/A00" + std::to_string(shotIndex) + "C001";
}

// A grade of a few kilobytes, so that a commit spans several pages and a kill can land in
// the middle of writing one.
inline std::string gradeFor(std::int64_t edit) {
    std::string text =
        R"({"format":"emulsion-grade","edit":)" + std::to_string(edit) + R"(,"nodes":[)";
    for (int n = 0; n < 40; ++n) {
        text += (n ? "," : "") + std::string(R"({"id":)") + std::to_string(n + 1) +
                R"(,"type":"lgg","params":{"gain":[)" + std::to_string(edit % 97 + n) +
                ",1.25,0.75,1]}}";
    }
    return text + "]}";
}

}  // namespace emu::timeline::test
