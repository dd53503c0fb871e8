// The hook burn-ins use: called once per written frame, on the display-referred image, with the
// frame's record and source time codes, shot name and index; what it draws is what is written.
#include "emulsion/render/FrameOverlay.h"

#include <gtest/gtest.h>

#include "GpuTest.h"
#include "RenderTestMedia.h"
#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/render/DeliverableRender.h"

namespace emu::render {
namespace {

// Paints the top-left pixel with the frame index and remembers every context it saw.
class MarkingOverlay : public FrameOverlay {
public:
    Status apply(media::Image& frame, const FrameContext& ctx) override {
        seen.push_back(ctx);
        for (int c = 0; c < 3; ++c) frame.setSample(0, 0, c, float(ctx.frameIndex));
        return Status::ok();
    }
    std::vector<FrameContext> seen;
};

class FrameOverlayTest : public test::GpuTest {
protected:
    test::TempDir dir;
};

TEST_F(FrameOverlayTest, SeesEachFrameItsTimecodesAndShotAndItsPixelsAreWritten) {
    const auto a = test::writeExrOriginal(dir / "o", "A001", 16, 8, 10, 0.0f);
    const auto b = test::writeExrOriginal(dir / "o", "B001", 16, 8, 10, 0.2f);
    timeline::Track v1{
        timeline::Track::Kind::Video,
        "V1",
        {test::makeClip("A001", a, 86400, 5, 2), test::makeClip("B001", b, 86402, 0, 2)}};
    TimelineRenderOptions options;
    options.workingSpace = "ACES2065-1";
    auto renderer = test::makeRenderer(device(), test::makeTimeline({v1}), options);
    ASSERT_TRUE(renderer.isOk()) << renderer.status().message();
    MarkingOverlay overlay;
    DeliverableRequest request;
    request.preset = test::shippedPreset("exr-half-piz");
    request.outDir = dir / "out";
    request.name = "OVERLAY";
    request.range = timeline::FrameRange{86401, 3};
    request.settings = "overlay";
    request.overlays = {&overlay};
    auto outcome = renderDeliverable(**renderer, request);
    ASSERT_TRUE(outcome.isOk()) << outcome.status().message();

    ASSERT_EQ(overlay.seen.size(), 3u);
    const char* record[] = {"01:00:00:01", "01:00:00:02", "01:00:00:03"};
    const char* source[] = {"01:00:00:06", "01:00:00:00", "01:00:00:01"};
    const char* shot[] = {"A001", "B001", "B001"};
    for (int i = 0; i < 3; ++i) {
        const FrameContext& ctx = overlay.seen[i];
        EXPECT_EQ(ctx.frameIndex, i);
        EXPECT_EQ(ctx.recordFrame, 86401 + i);
        EXPECT_EQ(ctx.recordTimecode, record[i]);
        EXPECT_EQ(ctx.sourceTimecode, source[i]);
        EXPECT_EQ(ctx.shotName, shot[i]);
        EXPECT_EQ(ctx.reel, shot[i]);
        char name[64];
        std::snprintf(name, sizeof name, "OVERLAY.%07d.exr", 86401 + i);
        auto written = media::readExr(dir / "out" / "OVERLAY" / name, {});
        ASSERT_TRUE(written.isOk()) << written.status().message();
        EXPECT_EQ(written->image.sample(0, 0, 1), float(i));
        EXPECT_NE(written->image.sample(1, 0, 1), float(i));  // only what it drew changed
    }
}

}  // namespace
}  // namespace emu::render
