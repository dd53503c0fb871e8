#include "RenderTestMedia.h"

#include <gtest/gtest.h>

#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/FramePattern.h"

namespace emu::test {

std::filesystem::path writeExrOriginal(const std::filesystem::path& dir, const std::string& name,
                                       int width, int height, int frames, float level) {
    std::filesystem::create_directories(dir);
    const std::filesystem::path pattern = dir / (name + ".%07d.exr");
    auto parsed = media::FramePattern::parse(pattern.string());
    EXPECT_TRUE(parsed.isOk());
    for (int f = 0; f < frames; ++f) {
        media::ExrFrame frame;
        frame.image = media::Image(width, height, media::PixelType::Float);
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) {
                frame.image.setSample(x, y, 0, 0.05f + 0.01f * f + level);
                frame.image.setSample(x, y, 1, (x + 0.5f) / width);
                frame.image.setSample(x, y, 2, (y + 0.5f) / height);
                frame.image.setSample(x, y, 3, 1.0f);
            }
        }
        frame.image = frame.image.converted(media::PixelType::Half);
        frame.dataWindow = frame.displayWindow = {0, 0, width - 1, height - 1};
        frame.compression = media::ExrCompression::Zip;
        const int n = int(kFirstSourceFrame) + f;
        frame.attributes.timeCode = media::SmpteTimecode{1, 0, f / 24, f % 24};
        frame.attributes.framesPerSecond = std::make_pair(24, 1);
        frame.attributes.chromaticities = std::array<float, 8>{
            0.7347f, 0.2653f, 0.0f, 1.0f, 0.0001f, -0.077f, 0.32168f, 0.33767f};
        frame.attributes.strings["reelName"] = name;
        EXPECT_TRUE(media::writeExr(parsed->path(n), frame).isOk());
    }
    return pattern;
}

timeline::Clip makeClip(const std::string& name, const std::filesystem::path& pattern,
                        timeline::Frames record, timeline::Frames sourceOffset,
                        timeline::Frames duration) {
    timeline::Clip clip;
    clip.name = name;
    clip.reel = name;
    clip.record = {record, duration};
    clip.source = {kFirstSourceFrame + sourceOffset, duration};
    clip.sourceRate = {24, 1};
    timeline::MediaReference ref;
    ref.kind = timeline::MediaReference::Kind::ImageSequence;
    ref.name = "camera original";
    ref.path = pattern;
    clip.media = {ref};
    clip.metadata["colour_space"] = "ACES2065-1";
    return clip;
}

timeline::Timeline makeTimeline(std::vector<timeline::Track> tracks) {
    timeline::Timeline t;
    t.title = "RENDER TEST";
    t.rate = {24, 1};
    t.startFrame = 86400;
    t.tracks = std::move(tracks);
    return t;
}

}  // namespace emu::test

#include "emulsion/media/ClipRegistry.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::test {

Result<std::unique_ptr<render::TimelineRenderer>> makeRenderer(
    gpu::Device& device, const timeline::Timeline& timeline,
    const render::TimelineRenderOptions& options) {
    EMU_ASSIGN_OR_RETURN(color::ColorConfig config, color::ColorConfig::builtin());
    return render::TimelineRenderer::create(device, std::move(config), timeline,
                                            media::builtinClipReaders(), nodes::builtinRegistry(),
                                            options);
}

render::Preset shippedPreset(const std::string& name) {
    auto preset = render::findPreset(name, {EMULSION_SOURCE_PRESETS});
    EXPECT_TRUE(preset.isOk()) << preset.status().message();
    return preset.isOk() ? *preset : render::Preset{};
}

}  // namespace emu::test
