#include <gtest/gtest.h>
#include <libraw/libraw.h>

#include <cmath>
#include <memory>

#include "GpuTest.h"
#include "RawChart.h"
#include "TempDir.h"
#include "emulsion/gpu/KernelCache.h"
#include "emulsion/media/ColourDifference.h"
#include "emulsion/media/DngWriter.h"
#include "emulsion/media/RawReader.h"
#include "emulsion/raw/Demosaic.h"

namespace emu::raw {
namespace {

constexpr int kBorder = 8;  // [px] left out of PSNR: each algorithm treats edges its own way

// PSNR [dB] of RGB against the known chart, peak 1.0 (the ACES value of the test camera's
// neutral at the white level), over the image less kBorder on every side.
double psnr(const media::Image& image, const media::Image& known) {
    double sum = 0.0;
    std::size_t n = 0;
    for (int y = kBorder; y < known.height() - kBorder; ++y) {
        for (int x = kBorder; x < known.width() - kBorder; ++x) {
            for (int c = 0; c < 3; ++c) {
                const double d = double(image.sample(x, y, c)) - known.sample(x, y, c);
                sum += d * d;
                ++n;
            }
        }
    }
    return 10.0 * std::log10(1.0 / (sum / double(n)));
}

// Writes the chart as a CinemaDNG and reads it back the way the engine would.
media::RawMosaic chartMosaic(const test::TempDir& dir, const media::DngCamera& camera = {}) {
    const auto path = dir / "chart.dng";
    EXPECT_TRUE(media::writeCinemaDng(path, test::rawTestChart(), camera).isOk());
    Result<media::Frame> frame = media::readRawFile(path, nullptr);
    EXPECT_TRUE(frame.isOk()) << frame.status().message();
    return frame.isOk() ? *frame->mosaic : media::RawMosaic{};
}

// LibRaw's own AHD (user_qual 3) of the same file: linear 16-bit camera RGB with the same
// white balance, no auto-brightening, no highlight handling, then our camera -> ACES matrix,
// so both are compared in the same space.
media::Image libRawAhd(const std::filesystem::path& path, const media::RawMosaic& mosaic) {
    auto raw = std::make_unique<LibRaw>();
    EXPECT_EQ(raw->open_file(path.c_str()), LIBRAW_SUCCESS);
    EXPECT_EQ(raw->unpack(), LIBRAW_SUCCESS);
    libraw_output_params_t& o = raw->imgdata.params;
    o.user_qual = 3;
    o.output_color = 0;  // raw camera RGB
    o.gamm[0] = o.gamm[1] = 1.0;
    o.no_auto_bright = 1;
    o.highlight = 0;
    o.output_bps = 16;
    o.user_flip = 0;
    o.adjust_maximum_thr = 0.0f;
    for (int c = 0; c < 4; ++c) o.user_mul[c] = 1.0f / mosaic.asShotNeutral[c == 3 ? 1 : c];
    EXPECT_EQ(raw->dcraw_process(), LIBRAW_SUCCESS);
    const libraw_image_sizes_t& s = raw->imgdata.sizes;
    EXPECT_EQ(s.iwidth, mosaic.width);
    EXPECT_EQ(s.iheight, mosaic.height);
    media::Image out(s.iwidth, s.iheight, media::PixelType::Float);
    const auto& m = mosaic.cameraToAces;
    for (int y = 0; y < s.iheight; ++y) {
        for (int x = 0; x < s.iwidth; ++x) {
            const auto* p = raw->imgdata.image[std::size_t(y) * s.iwidth + x];
            const double cam[3] = {p[0] / 65535.0, p[1] / 65535.0, p[2] / 65535.0};
            for (int r = 0; r < 3; ++r) {
                out.setSample(
                    x, y, r,
                    float(m[r * 3] * cam[0] + m[r * 3 + 1] * cam[1] + m[r * 3 + 2] * cam[2]));
            }
            out.setSample(x, y, 3, 1.0f);
        }
    }
    return out;
}

// Largest difference relative to max(1, |reference|), over RGBA.
double maxRelativeError(const media::Image& gpu, const media::Image& cpu) {
    double worst = 0.0;
    for (int y = 0; y < cpu.height(); ++y) {
        for (int x = 0; x < cpu.width(); ++x) {
            for (int c = 0; c < 4; ++c) {
                const double r = cpu.sample(x, y, c);
                const double e = std::fabs(gpu.sample(x, y, c) - r) / std::max(1.0, std::fabs(r));
                worst = std::max(worst, std::isnan(e) ? INFINITY : e);
            }
        }
    }
    return worst;
}

class Demosaic : public test::GpuTest {
protected:
    void SetUp() override {
        test::GpuTest::SetUp();
        if (IsSkipped() || HasFatalFailure()) return;
        m_cache = std::make_unique<gpu::KernelCache>(device(), m_dir.path() / "cache");
        m_cache->disableDisk();
        Result<DemosaicPass> pass = DemosaicPass::create(device(), *m_cache);
        ASSERT_TRUE(pass.isOk()) << pass.status().message();
        m_pass = std::make_unique<DemosaicPass>(std::move(*pass));
    }
    void TearDown() override {
        m_pass.reset();  // GPU objects go before the device
        m_cache.reset();
        test::GpuTest::TearDown();
    }
    media::Image gpuDemosaic(const media::RawMosaic& mosaic, const DemosaicParams& params) {
        Result<media::Image> image = m_pass->run(mosaic, params);
        EXPECT_TRUE(image.isOk()) << image.status().message();
        return image.isOk() ? std::move(*image) : media::Image{};
    }

    test::TempDir m_dir;
    std::unique_ptr<gpu::KernelCache> m_cache;
    std::unique_ptr<DemosaicPass> m_pass;
};

TEST_F(Demosaic, GpuMatchesTheCpuReference) {
    for (const char* pattern : {"RGGB", "BGGR", "GRBG", "GBRG"}) {
        media::DngCamera camera;
        std::copy(pattern, pattern + 4, camera.cfa.begin());
        Result<media::RawMosaic> mosaic = media::mosaicFromAces(test::rawTestChart(), camera);
        ASSERT_TRUE(mosaic.isOk());
        for (DemosaicMethod method : {DemosaicMethod::Bilinear, DemosaicMethod::Directional}) {
            const DemosaicParams params{method, 0.5f, std::nullopt};
            Result<media::Image> cpu = demosaicCpu(*mosaic, params);
            ASSERT_TRUE(cpu.isOk()) << cpu.status().message();
            const double error = maxRelativeError(gpuDemosaic(*mosaic, params), *cpu);
            const char* name = method == DemosaicMethod::Bilinear ? "bilinear" : "directional";
            RecordProperty(std::string("max_rel_error_") + name + "_" + pattern,
                           std::to_string(error));
            EXPECT_LE(error, 1e-5) << name << " " << pattern;
        }
    }
}

TEST_F(Demosaic, DirectionalBeatsBilinearAndLibRawAhd) {
    const media::RawMosaic mosaic = chartMosaic(m_dir);
    const media::Image known = test::rawTestChart();
    const double bilinear = psnr(gpuDemosaic(mosaic, {DemosaicMethod::Bilinear, 0.0f, {}}), known);
    const double directional =
        psnr(gpuDemosaic(mosaic, {DemosaicMethod::Directional, 0.0f, {}}), known);
    const double ahd = psnr(libRawAhd(m_dir / "chart.dng", mosaic), known);
    RecordProperty("psnr_bilinear_db", std::to_string(bilinear));
    RecordProperty("psnr_directional_db", std::to_string(directional));
    RecordProperty("psnr_libraw_ahd_db", std::to_string(ahd));
    std::printf("PSNR bilinear %.2f dB, directional %.2f dB, LibRaw AHD %.2f dB\n", bilinear,
                directional, ahd);
    EXPECT_GE(directional, bilinear + 3.0);
    EXPECT_GE(directional, ahd);
}

TEST_F(Demosaic, PatchesLandWithinDeltaE2OfTheirKnownColours) {
    const media::RawMosaic mosaic = chartMosaic(m_dir);
    const media::Image image = gpuDemosaic(mosaic, {DemosaicMethod::Directional, 0.0f, {}});
    double worst = 0.0;
    for (const test::ChartPatch& patch : test::rawChartPatches()) {
        const media::Lab expected = media::labFromAces(patch.aces);
        double patchWorst = 0.0;
        for (int y = patch.y0; y < patch.y1; ++y) {
            for (int x = patch.x0; x < patch.x1; ++x) {
                const media::Lab got = media::labFromAces(
                    {image.sample(x, y, 0), image.sample(x, y, 1), image.sample(x, y, 2)});
                patchWorst = std::max(patchWorst, media::deltaE2000(expected, got));
            }
        }
        EXPECT_LT(patchWorst, 2.0) << patch.name;
        worst = std::max(worst, patchWorst);
    }
    RecordProperty("max_delta_e_2000", std::to_string(worst));
    std::printf("largest CIEDE2000 inside a patch: %.4f\n", worst);
}

TEST_F(Demosaic, ExposureAndWhiteBalanceParameters) {
    const media::RawMosaic mosaic = chartMosaic(m_dir);
    const media::Image base = gpuDemosaic(mosaic, {DemosaicMethod::Bilinear, 0.0f, {}});
    const media::Image plusOne = gpuDemosaic(mosaic, {DemosaicMethod::Bilinear, 1.0f, {}});
    EXPECT_NEAR(plusOne.sample(40, 40, 1), 2.0f * base.sample(40, 40, 1), 1e-6);

    // Multipliers equal to the as-shot ones change nothing; doubling red's adds red.
    const std::array<float, 3> asShot{1.0f / mosaic.asShotNeutral[0], 1.0f,
                                      1.0f / mosaic.asShotNeutral[2]};
    EXPECT_EQ(gpuDemosaic(mosaic, {DemosaicMethod::Bilinear, 0.0f, asShot}), base);
    std::array<float, 3> warmer = asShot;
    warmer[0] *= 2.0f;
    const media::Image warm = gpuDemosaic(mosaic, {DemosaicMethod::Bilinear, 0.0f, warmer});
    // White patch (row 4, column 1): AP0 red rises.
    EXPECT_GT(warm.sample(12, 84, 0), base.sample(12, 84, 0) * 1.3f);
    EXPECT_FALSE(demosaicCpu(mosaic, {DemosaicMethod::Bilinear, 0.0f,
                                      std::array<float, 3>{0.0f, 1.0f, 1.0f}})
                     .isOk());
}

TEST(RawConstants, RefusesWhatCannotBeDemosaiced) {
    media::RawMosaic mosaic;
    mosaic.width = 4;
    mosaic.height = 4;
    mosaic.samples.assign(16, 100);
    EXPECT_TRUE(rawConstants(mosaic, {}).isOk());
    media::RawMosaic bad = mosaic;
    bad.cfa = {'R', 'R', 'G', 'B'};
    EXPECT_EQ(rawConstants(bad, {}).status().code(), ErrorCode::InvalidArgument);
    bad = mosaic;
    bad.white = 0.0f;
    EXPECT_EQ(rawConstants(bad, {}).status().code(), ErrorCode::InvalidArgument);
    bad = mosaic;
    bad.samples.resize(3);
    EXPECT_EQ(rawConstants(bad, {}).status().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace emu::raw
