// The render worker's scopes: with the parade asked for, a pure red frame puts its trace in the
// R plane only (G and B sit at zero), at the red's level; without, the luma waveform.
#include <gtest/gtest.h>

#include <OpenImageIO/imageio.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>

#include "StationRunner.h"
#include "TempDir.h"
#include "emulsion/media/ClipRegistry.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "station/RenderWorker.h"

namespace emu::test {
namespace {

constexpr float kRed = 0.75f;

// A 64x32 float EXR of (kRed, 0, 0).
void writeRedExr(const std::filesystem::path& path) {
    std::vector<float> px(64 * 32 * 3, 0.0f);
    for (std::size_t i = 0; i < px.size(); i += 3) px[i] = kRed;
    auto out = OIIO::ImageOutput::create(path.string());
    ASSERT_TRUE(out);
    ASSERT_TRUE(out->open(path.string(), OIIO::ImageSpec(64, 32, 3, OIIO::TypeDesc::FLOAT)));
    ASSERT_TRUE(out->write_image(OIIO::TypeDesc::FLOAT, px.data()));
    ASSERT_TRUE(out->close());
}

// Posts `request` and waits (up to a minute) for its frame.
std::optional<station::RenderedFrame> renderOnce(station::RenderWorker& worker,
                                                 station::RenderRequest request) {
    const std::uint64_t serial = request.serial;
    worker.post(std::move(request));
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
        if (auto frame = worker.take(); frame && frame->serial == serial) return frame;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return std::nullopt;
}

TEST(RenderWorker, ParadeOfAPureRedFrameHasItsTraceInTheRedPlaneOnly) {
    if (std::string why = stationSkipReason(); !why.empty()) GTEST_SKIP() << why;
    TempDir dir;
    writeRedExr(dir / "red.exr");
    auto reader = media::builtinClipReaders().open(dir / "red.exr");
    ASSERT_TRUE(reader.isOk()) << reader.status().message();
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    core::Log log;
    station::RenderWorker worker(registry, log);
    // No input space and no display: the frame's own values, ungraded.
    station::RenderRequest request;
    request.serial = 1;
    request.mediaPath = (dir / "red.exr").string();
    request.frame = (*reader)->info().firstFrame;
    request.grade = graph::Grade::identity();
    request.fullResolution = true;
    request.parade = true;
    auto frame = renderOnce(worker, request);
    ASSERT_TRUE(frame.has_value()) << "no frame within a minute";
    ASSERT_EQ(frame->error, "");
    ASSERT_TRUE(frame->scopes.parade.has_value());
    EXPECT_FALSE(frame->scopes.waveform.has_value()) << "only the trace the pane shows";
    const scopes::ScopeData& parade = *frame->scopes.parade;
    ASSERT_EQ(parade.planes, 3);
    ASSERT_EQ(parade.pixels, 64u * 32u);
    // Every pixel is binned once per plane: R at the red's level, G and B at the bottom.
    const int level = int(kRed * parade.height);
    std::uint64_t above[3] = {0, 0, 0};
    for (int c = 0; c < 3; ++c) {
        for (int y = 1; y < parade.height; ++y) {
            for (int x = 0; x < parade.width; ++x) above[c] += parade.at(c, x, y);
        }
    }
    std::uint64_t atRed = 0;
    for (int x = 0; x < parade.width; ++x) atRed += parade.at(0, x, level);
    std::printf(
        "parade %dx%dx%d of a (%.2f, 0, 0) frame: R above zero %llu (at level %d: %llu), "
        "G %llu, B %llu of %llu pixels\n",
        parade.width, parade.height, parade.planes, kRed, (unsigned long long)above[0], level,
        (unsigned long long)atRed, (unsigned long long)above[1], (unsigned long long)above[2],
        (unsigned long long)parade.pixels);
    EXPECT_EQ(above[0], parade.pixels);
    EXPECT_EQ(atRed, parade.pixels);
    EXPECT_EQ(above[1], 0u);
    EXPECT_EQ(above[2], 0u);

    // The waveform again when the pane asks for it: luma, one plane.
    request.serial = 2;
    request.parade = false;
    frame = renderOnce(worker, request);
    ASSERT_TRUE(frame.has_value());
    ASSERT_TRUE(frame->scopes.waveform.has_value());
    EXPECT_FALSE(frame->scopes.parade.has_value());
    EXPECT_EQ(frame->scopes.waveform->planes, 1);
}

}  // namespace
}  // namespace emu::test
