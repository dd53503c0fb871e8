#include "RelinkTestMedia.h"

#include <gtest/gtest.h>

#include "emulsion/media/ExrWriter.h"

namespace emu::conform::test {

timeline::Frames tc(const std::string& timecode) {
    Result<timeline::Frames> f = timeline::timecodeToFrames(timecode, {24, 1});
    EXPECT_TRUE(f.isOk()) << timecode;
    return f.isOk() ? *f : 0;
}

std::filesystem::path writeOriginal(const std::filesystem::path& folder, const OriginalSpec& spec) {
    std::filesystem::create_directories(folder);
    const timeline::Frames start = tc(spec.startTimecode);
    for (int i = 0; i < spec.frames; ++i) {
        media::ExrFrame f;
        f.image = media::Image(4, 2, media::PixelType::Half);
        for (int y = 0; y < 2; ++y) {
            for (int x = 0; x < 4; ++x) {
                for (int c = 0; c < 4; ++c) f.image.setSample(x, y, c, 0.25f * c);
            }
        }
        f.dataWindow = f.displayWindow = {0, 0, 3, 1};
        Result<std::string> code = timeline::framesToTimecode(start + i, {24, 1}, false);
        EXPECT_TRUE(code.isOk());
        f.attributes.timeCode = media::ExrTimecode::parse(*code);
        f.attributes.framesPerSecond = std::make_pair(24, 1);
        if (!spec.reel.empty()) f.attributes.strings["reelName"] = spec.reel;
        char name[256];
        std::snprintf(name, sizeof name, "%s_%07d.exr", spec.stem.c_str(), spec.firstFrame + i);
        Status written = media::writeExr(folder / name, f);
        EXPECT_TRUE(written.isOk()) << written.message();
    }
    return folder;
}

timeline::Clip makeClip(const std::string& name, const std::string& reel,
                        const std::string& sourceTimecode, timeline::Frames duration,
                        timeline::Frames recordStart) {
    timeline::Clip clip;
    clip.name = name;
    clip.reel = reel;
    clip.source = {tc(sourceTimecode), duration};
    clip.record = {recordStart, duration};
    clip.sourceRate = {24, 1};
    clip.sourceTimecodeStart = sourceTimecode;
    return clip;
}

timeline::Timeline makeTimeline(std::vector<timeline::Clip> clips) {
    timeline::Timeline t;
    t.rate = {24, 1};
    timeline::Track track;
    track.name = "V1";
    for (timeline::Clip& c : clips) track.items.push_back(std::move(c));
    t.tracks.push_back(std::move(track));
    return t;
}

}  // namespace emu::conform::test
