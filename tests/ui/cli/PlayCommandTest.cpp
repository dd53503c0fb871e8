#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/TestPattern.h"

namespace emu::test {
namespace {

// A 12-frame half EXR sequence at 24 fps: shot.0001.exr ... shot.0012.exr.
std::filesystem::path writeSequence(const TempDir& dir) {
    for (int f = 1; f <= 12; ++f) {
        media::ExrFrame exr;
        exr.image = media::makeNoise(96, 54, media::PixelType::Half, std::uint32_t(f), 0.0f, 1.0f);
        exr.dataWindow = exr.displayWindow = {0, 0, 95, 53};
        exr.attributes.framesPerSecond = std::make_pair(24, 1);
        char name[32];
        std::snprintf(name, sizeof name, "shot.%04d.exr", f);
        EXPECT_TRUE(media::writeExr(dir / name, exr).isOk());
    }
    return dir / "shot.0001.exr";
}

struct PlayFigures {
    long long due = -1, delivered = -1, dropped = -1;
    double fps = -1;
    unsigned long long hits = 0, misses = 0, evictions = 0, peak = 0, budget = 0;
};

PlayFigures parseFigures(const std::string& output) {
    PlayFigures p;
    const std::size_t frames = output.find("frames: ");
    if (frames != std::string::npos) {
        std::sscanf(output.c_str() + frames,
                    "frames: %lld due, %lld delivered, %lld dropped; "
                    "achieved %lf fps",
                    &p.due, &p.delivered, &p.dropped, &p.fps);
    }
    const std::size_t cache = output.find("cache: ");
    if (cache != std::string::npos) {
        std::sscanf(output.c_str() + cache,
                    "cache: %llu hits, %llu misses, %llu evictions; peak %llu bytes (%*f MiB) of "
                    "a %llu byte",
                    &p.hits, &p.misses, &p.evictions, &p.peak, &p.budget);
    }
    return p;
}

TEST(PlayCommand, PlaysASequenceForASecondAndReports) {
    TempDir dir;
    const std::filesystem::path first = writeSequence(dir);
    std::ofstream(dir / "grade.json") << R"({"format": "emulsion.grade", "formatVersion": 1,
      "nodes": [{"id": 1, "type": "source", "version": 1},
                {"id": 2, "type": "cdl", "version": 1, "params": {"slope": [1.2, 1, 0.9]}},
                {"id": 3, "type": "output", "version": 1}],
      "connections": [{"from": [1, "image"], "to": [2, "image"]},
                      {"from": [2, "image"], "to": [3, "image"]}]})";
    CommandResult r = runEmulsion("play " + quotePath(first) + " --seconds 1 --threads 2 " +
                                  "--cache-mb 1 --grade " + quotePath(dir / "grade.json"));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("at 24/1 fps"), std::string::npos) << r.output;
    const PlayFigures p = parseFigures(r.output);
    EXPECT_EQ(p.due, 24) << r.output;  // frames 0-23 fall inside one second at 24 fps
    EXPECT_EQ(p.delivered + p.dropped, 24) << r.output;
    EXPECT_GE(p.delivered, 1);
    EXPECT_GT(p.fps, 0.0);
    EXPECT_LE(p.fps, 24.5);  // never faster than the clock
    // Each frame delivered was looked up once, plus the preroll's first frame.
    EXPECT_EQ(p.hits + p.misses, static_cast<unsigned long long>(p.delivered) + 1) << r.output;
    EXPECT_EQ(p.budget, 1024u * 1024u);
    // 12 frames of 96 x 54 half RGBA, 41 KiB each, fit: nothing evicted, peak all of them.
    EXPECT_EQ(p.evictions, 0u);
    EXPECT_LE(p.peak, 12u * 96 * 54 * 8);
    EXPECT_GE(p.peak, 96u * 54 * 8);
    EXPECT_NE(r.output.find("time per frame: decode "), std::string::npos) << r.output;
}

TEST(PlayCommand, PlaysBackwardsAtTwiceTheSpeedAtAGivenRate) {
    TempDir dir;
    const std::filesystem::path first = writeSequence(dir);
    CommandResult r = runEmulsion("play " + quotePath(first) +
                                  " --seconds 0.5 --speed -2 --rate 24000/1001 --cache-mb 1");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("at 24000/1001 fps"), std::string::npos) << r.output;
    const PlayFigures p = parseFigures(r.output);
    EXPECT_EQ(p.due, 12) << r.output;  // frame 11 is due at 0.4588 s, frame 12 at 0.5005 s
    EXPECT_EQ(p.delivered + p.dropped, 12);
}

TEST(PlayCommand, ErrorsNameTheFile) {
    TempDir dir;
    CommandResult r = runEmulsion("play " + quotePath(dir / "absent.0001.exr") + " --seconds 1");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("absent.0001.exr"), std::string::npos) << r.output;

    const std::filesystem::path first = writeSequence(dir);
    std::ofstream(dir / "broken.json") << "{\n\"format\": ";
    r = runEmulsion("play " + quotePath(first) + " --grade " + quotePath(dir / "broken.json"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("broken.json"), std::string::npos) << r.output;

    r = runEmulsion("play " + quotePath(first) + " --rate fast");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("'fast'"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace emu::test
