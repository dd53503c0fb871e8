#include "emulsion/media/SyntheticScene.h"

#include <gtest/gtest.h>

#include <cstring>

namespace emu::media {
namespace {

TEST(SyntheticScene, SameArgumentsGiveTheSameBits) {
    const Image a = makeSceneFrame(96, 54, 3, 8);
    const Image b = makeSceneFrame(96, 54, 3, 8);
    ASSERT_EQ(a.sizeBytes(), b.sizeBytes());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.sizeBytes()), 0);
}

TEST(SyntheticScene, PatchInteriorsHoldTheirReflectances) {
    const Image f = makeSceneFrame(192, 108, 0, 1);
    for (int row = 0; row < kScenePatchRows; ++row) {
        for (int col = 0; col < kScenePatchColumns; ++col) {
            const PatchRect r = scenePatchInterior(192, 108, col, row);
            ASSERT_LT(r.x0, r.x1);
            ASSERT_LT(r.y0, r.y1);
            const ScenePatch& p = scenePatches()[row * kScenePatchColumns + col];
            for (int y = r.y0; y < r.y1; ++y) {
                for (int x = r.x0; x < r.x1; ++x) {
                    ASSERT_EQ(f.sample(x, y, 0), p.r) << col << "," << row;
                    ASSERT_EQ(f.sample(x, y, 1), p.g);
                    ASSERT_EQ(f.sample(x, y, 2), p.b);
                }
            }
        }
    }
}

// The ball crosses the frame: the brightest column moves right from frame to frame.
TEST(SyntheticScene, TheBallMovesAcrossFrames) {
    int previous = -1;
    for (int frame = 0; frame < 4; ++frame) {
        const Image f = makeSceneFrame(160, 90, frame, 4);
        int brightest = 0;
        float best = 0;
        const int y = int(0.78f * 90);
        for (int x = 0; x < 160; ++x) {
            if (f.sample(x, y, 0) > best) best = f.sample(x, y, 0), brightest = x;
        }
        EXPECT_GT(best, 3.0f);
        EXPECT_GT(brightest, previous);
        previous = brightest;
    }
}

}  // namespace
}  // namespace emu::media
