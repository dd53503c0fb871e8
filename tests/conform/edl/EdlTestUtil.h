#pragma once

#include <gtest/gtest.h>

#include "emulsion/conform/Edl.h"

namespace emu::conform::test {

inline const timeline::Rate k24{24, 1};
inline const timeline::Rate k25{25, 1};
inline const timeline::Rate k2997{30000, 1001};

inline EdlResult read(const std::string& text, const timeline::Rate& rate = k24) {
    auto r = readEdlText(text, rate, "t.edl");
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? *r : EdlResult{};
}

inline std::string readError(const std::string& text, const timeline::Rate& rate = k24) {
    auto r = readEdlText(text, rate, "t.edl");
    EXPECT_FALSE(r.isOk());
    return r.isOk() ? "" : r.status().message();
}

inline const timeline::Clip& clipAt(const timeline::Timeline& t, std::size_t track,
                                    std::size_t item) {
    return std::get<timeline::Clip>(t.tracks.at(track).items.at(item));
}

}  // namespace emu::conform::test
