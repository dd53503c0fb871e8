#include "emulsion/text/BurnIn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "GpuTest.h"
#include "OcrSupport.h"
#include "TempDir.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/media/SyntheticScene.h"
#include "emulsion/text/GpuCompositor.h"

namespace emu::text {
namespace {

media::Image greyFrame(int w, int h, float v) {
    media::Image image(w, h, media::PixelType::Float);
    float* p = reinterpret_cast<float*>(image.data());
    for (std::size_t i = 0; i < image.pixelCount(); ++i) {
        p[4 * i + 0] = p[4 * i + 1] = p[4 * i + 2] = v;
        p[4 * i + 3] = 1.0f;
    }
    return image;
}

// The synthetic scene through a simple display rendering (Reinhard, then a 1/2.2 power): a
// busy, real-looking picture for the text to sit on.
media::Image sceneFrame(int w, int h) {
    media::Image image = media::makeSceneFrame(w, h, 12, 48);
    float* p = reinterpret_cast<float*>(image.data());
    for (std::size_t i = 0; i < image.pixelCount(); ++i)
        for (int c = 0; c < 3; ++c) {
            const float v = std::max(0.0f, p[4 * i + c]);
            p[4 * i + c] = std::pow(v / (1.0f + v), 1.0f / 2.2f);
        }
    return image;
}

BurnInLayout timecodeOnly(BurnInPosition position) {
    BurnInLayout layout;
    layout.items = {{BurnInField::RecordTimecode, position, ""}};
    layout.textHeight = 0.05;
    return layout;
}

constexpr const char* kTimecodeChars = "0123456789:";

// What tesseract reads inside box `index` of the layout: the OCR judges what was drawn there,
// the layout only says where to look.
std::string readBox(BurnInRenderer& burnIn, const media::Image& frame, const BurnInFields& fields,
                    std::size_t index, const std::string& characters,
                    const std::filesystem::path& dir) {
    TextOverlay overlay;
    EXPECT_TRUE(burnIn.layOut(frame.width(), frame.height(), fields, overlay).isOk());
    if (index >= overlay.boxes.size()) return "(no box)";
    const OverlayBox& b = overlay.boxes[index];
    const int m = 0;
    const auto path = dir / "box.pgm";
    test::writeGreyPgm(frame, std::max(0, b.x0 - m), std::max(0, b.y0 - m),
                       std::min(frame.width(), b.x1 + m), std::min(frame.height(), b.y1 + m), 1,
                       path);
    return test::ocrLine(path, characters);
}

TEST(BurnIn, TesseractReadsTheRecordTimecodeOnGreyAndScene) {
    test::TempDir dir;
    Result<BurnInRenderer> burnIn =
        BurnInRenderer::create(timecodeOnly(BurnInPosition::BottomCentre));
    ASSERT_TRUE(burnIn.isOk()) << burnIn.status().message();
    const int w = 960, h = 540;
    for (const char* tc : {"01:00:00:00", "01:00:07:13", "10:59:59:23"}) {
        for (bool scene : {false, true}) {
            media::Image frame = scene ? sceneFrame(w, h) : greyFrame(w, h, 0.45f);
            const BurnInFields fields{tc, "", "", ""};
            ASSERT_TRUE(burnIn->apply(frame, fields).isOk());
            EXPECT_EQ(readBox(*burnIn, frame, fields, 0, kTimecodeChars, dir.path()), tc)
                << (scene ? "scene" : "grey");
        }
    }
}

TEST(BurnIn, ReviewLayoutPutsEachFieldInItsCornerReadably) {
    test::TempDir dir;
    BurnInLayout layout = BurnInLayout::review();
    Result<BurnInRenderer> burnIn = BurnInRenderer::create(layout);
    ASSERT_TRUE(burnIn.isOk()) << burnIn.status().message();
    const int w = 1920, h = 1080;
    media::Image frame = sceneFrame(w, h);
    const BurnInFields fields{"01:02:03:04", "14:21:09:17", "SC12 TK3", "CONFIDENTIAL"};
    ASSERT_TRUE(burnIn->apply(frame, fields).isOk());
    TextOverlay overlay;
    ASSERT_TRUE(burnIn->layOut(w, h, fields, overlay).isOk());
    ASSERT_EQ(overlay.boxes.size(), 4u);
    // Boxes come in the layout's order: shot, watermark, source, record.
    const OverlayBox& shot = overlay.boxes[0];
    const OverlayBox& mark = overlay.boxes[1];
    const OverlayBox& source = overlay.boxes[2];
    const OverlayBox& record = overlay.boxes[3];
    EXPECT_LT(shot.x1, w / 3);
    EXPECT_LT(shot.y1, h / 5);
    EXPECT_NEAR((mark.x0 + mark.x1) / 2.0, w / 2.0, 1.0);
    EXPECT_GT(source.x0, w * 2 / 3);
    EXPECT_GT(record.y0, h * 4 / 5);
    EXPECT_NEAR((record.x0 + record.x1) / 2.0, w / 2.0, 1.0);
    EXPECT_EQ(readBox(*burnIn, frame, fields, 3, kTimecodeChars, dir.path()), "01:02:03:04");
    EXPECT_EQ(readBox(*burnIn, frame, fields, 2, "SRC0123456789: ", dir.path()), "SRC 14:21:09:17");
    const std::string upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
    EXPECT_EQ(readBox(*burnIn, frame, fields, 0, upper, dir.path()), "SC12 TK3");
    EXPECT_EQ(readBox(*burnIn, frame, fields, 1, upper, dir.path()), "CONFIDENTIAL");
}

TEST(BurnIn, EmptyFieldsDrawNothing) {
    Result<BurnInRenderer> burnIn = BurnInRenderer::create(BurnInLayout::review());
    ASSERT_TRUE(burnIn.isOk());
    media::Image frame = greyFrame(320, 180, 0.3f);
    const media::Image before = frame;
    ASSERT_TRUE(burnIn->apply(frame, {}).isOk());
    EXPECT_EQ(frame, before);
}

TEST(BurnIn, BadLayoutsAndMissingFontsAreNamed) {
    BurnInLayout layout = timecodeOnly(BurnInPosition::TopLeft);
    layout.textHeight = 0.0;
    EXPECT_EQ(BurnInRenderer::create(layout).status().code(), ErrorCode::InvalidArgument);
    layout = timecodeOnly(BurnInPosition::TopLeft);
    layout.fontPath = "/no/such/font.ttf";
    Result<BurnInRenderer> missing = BurnInRenderer::create(layout);
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("/no/such/font.ttf"), std::string::npos);
    EXPECT_EQ(burnInPositionFromString("bottom_right"), BurnInPosition::BottomRight);
    EXPECT_EQ(burnInFieldFromString("shot_name"), BurnInField::ShotName);
    EXPECT_FALSE(burnInFieldFromString("bogus").has_value());
}

// The composite visits only TextOverlay::regions(); every pixel of the frame must still come
// out as the per-pixel formula says (boxes, then text over them).
TEST(BurnIn, CompositeIsTheFormulaOnEveryPixel) {
    Result<BurnInRenderer> burnIn = BurnInRenderer::create(BurnInLayout::review());
    ASSERT_TRUE(burnIn.isOk());
    const int w = 480, h = 270;
    TextOverlay o;
    ASSERT_TRUE(
        burnIn->layOut(w, h, {"01:00:07:13", "14:21:09:17", "SC12 TK3", "CONFIDENTIAL"}, o).isOk());
    const media::Image source = sceneFrame(w, h);
    media::Image frame = source;
    ASSERT_TRUE(compositeCpu(frame, o).isOk());
    float worst = 0.0f;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float b = 0.0f;
            for (const OverlayBox& r : o.boxes)
                if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) b = o.boxOpacity;
            const float t = o.at(x, y) * o.textOpacity;
            for (int c = 0; c < 4; ++c) {
                float v = source.sample(x, y, c);
                if (c < 3) {
                    v = v * (1.0f - b) + o.boxColour[c] * b;
                    v = v * (1.0f - t) + o.textColour[c] * t;
                }
                worst = std::max(worst, std::abs(v - frame.sample(x, y, c)));
            }
        }
    EXPECT_LE(worst, 1e-6f);
}

class GpuBurnIn : public test::GpuTest {
protected:
    void TearDown() override {
        m_cache.reset();
        test::GpuTest::TearDown();
    }
    std::unique_ptr<gpu::KernelCache> m_cache;
};

// The kernel does the CPU reference's arithmetic in fp32 with `precise`: 1e-6 allows only for
// a differently rounded last bit.
TEST_F(GpuBurnIn, GpuCompositeMatchesTheCpuReference) {
    m_cache = std::make_unique<gpu::KernelCache>(device());
    m_cache->disableDisk();
    Result<GpuCompositor> gpu = GpuCompositor::create(device(), *m_cache);
    ASSERT_TRUE(gpu.isOk()) << gpu.status().message();
    Result<BurnInRenderer> burnIn = BurnInRenderer::create(BurnInLayout::review());
    ASSERT_TRUE(burnIn.isOk());
    const BurnInFields fields{"01:00:07:13", "14:21:09:17", "SC12 TK3", "CONFIDENTIAL"};
    media::Image cpu = sceneFrame(640, 360);
    media::Image onGpu = cpu;
    ASSERT_TRUE(burnIn->apply(cpu, fields).isOk());
    burnIn->useGpu(&*gpu);
    Status status = burnIn->apply(onGpu, fields);
    ASSERT_TRUE(status.isOk()) << status.message();
    float worst = 0.0f;
    int changed = 0;
    const media::Image source = sceneFrame(640, 360);
    for (int y = 0; y < 360; ++y)
        for (int x = 0; x < 640; ++x)
            for (int c = 0; c < 4; ++c) {
                worst = std::max(worst, std::abs(cpu.sample(x, y, c) - onGpu.sample(x, y, c)));
                changed += cpu.sample(x, y, c) != source.sample(x, y, c);
            }
    EXPECT_LE(worst, 1e-6f);
    char measured[32];
    std::snprintf(measured, sizeof measured, "%.3g", double(worst));
    RecordProperty("max_abs_error", measured);
    EXPECT_GT(changed, 1000);  // the burn-ins were drawn at all
}

}  // namespace
}  // namespace emu::text
