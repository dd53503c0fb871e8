#include <gtest/gtest.h>

#include "CliRunner.h"
#include "TempDir.h"
#include "emulsion/gpu/Device.h"
#include "emulsion/media/ExrReader.h"

namespace emu::test {
namespace {

TEST(InfoCommand, NamesTheChosenDeviceAndTheLibraries) {
    auto devices = gpu::Device::enumerate();
    if (!devices.isOk() || devices->empty()) GTEST_SKIP() << "no Vulkan device";
    CommandResult r = runEmulsion("info");
    ASSERT_EQ(r.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("Chosen device: "), std::string::npos) << r.output;
    for (const char* lib : {"OpenColorIO", "OpenImageIO", "OpenEXR", "LibRaw", "FFmpeg"}) {
        EXPECT_NE(r.output.find(lib), std::string::npos) << lib;
    }
    bool hasCpuDevice = false;
    for (const auto& d : *devices) hasCpuDevice |= d.kind == gpu::DeviceKind::Cpu;
    if (hasCpuDevice) EXPECT_NE(r.output.find("llvmpipe"), std::string::npos) << r.output;
}

TEST(InfoCommand, BadDeviceIndexIsAnError) {
    CommandResult r = runEmulsion("--device 99 info");
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.output.find("no Vulkan device 99"), std::string::npos) << r.output;
}

TEST(DemoCommand, WritesTheChartAndItsGradedCopy) {
    TempDir dir;
    CommandResult r = runEmulsion("demo --out " + shellQuote((dir / "demo").string()));
    ASSERT_EQ(r.exitCode, 0) << r.output;
    auto chart = media::readExr(dir / "demo" / "chart.exr");
    auto graded = media::readExr(dir / "demo" / "chart_graded.exr");
    ASSERT_TRUE(chart.isOk() && graded.isOk());
    EXPECT_NE(r.output.find("chart_graded.exr"), std::string::npos);
    // Middle grey-ish sample doubles.
    const int x = chart->image.width() / 2, y = chart->image.height() / 2;
    EXPECT_EQ(graded->image.sample(x, y, 1), chart->image.sample(x, y, 1) * 2.0f);
}

}  // namespace
}  // namespace emu::test
