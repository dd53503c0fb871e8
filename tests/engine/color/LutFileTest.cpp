#include "emulsion/color/LutFile.h"

#include <OpenColorIO/OpenColorIO.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "TempDir.h"

namespace OCIO = OCIO_NAMESPACE;

namespace emu::test {
namespace {

// A table that is not separable and tells the channels and their order apart.
color::Lut3d mixingLut(int size) {
    color::Lut3d lut;
    lut.size = size;
    lut.title = "mixing";
    lut.comments = {"made by the test", "second line"};
    lut.rgb = color::identityLattice(size);
    for (std::size_t i = 0; i < lut.rgb.size(); i += 3) {
        const float r = lut.rgb[i], g = lut.rgb[i + 1], b = lut.rgb[i + 2];
        lut.rgb[i] = 0.8f * r + 0.15f * g + 0.05f * b * b;
        lut.rgb[i + 1] = -0.1f + 1.3f * g * r + 0.2f * b;
        lut.rgb[i + 2] = std::sqrt(b) * 1.7f - 0.3f * r;
    }
    return lut;
}

// The file applied by OpenColorIO's CPU processor to `rgb` (in place).
void applyWithOcio(const std::filesystem::path& file, std::vector<float>& rgb) {
    OCIO::FileTransformRcPtr t = OCIO::FileTransform::Create();
    t->setSrc(file.c_str());
    t->setInterpolation(OCIO::INTERP_TETRAHEDRAL);
    OCIO::ConstProcessorRcPtr p = OCIO::Config::CreateRaw()->getProcessor(t);
    OCIO::ConstCPUProcessorRcPtr cpu = p->getDefaultCPUProcessor();
    OCIO::PackedImageDesc desc(rgb.data(), long(rgb.size() / 3), 1, 3);
    cpu->apply(desc);
}

class LutFileTest : public ::testing::TestWithParam<const char*> {
protected:
    std::filesystem::path path(const std::string& stem) const { return dir / (stem + GetParam()); }
    Status write(const std::filesystem::path& p, const color::Lut3d& lut) const {
        return std::string(GetParam()) == ".cube" ? color::writeCubeLut(p, lut)
                                                  : color::writeClfLut(p, lut);
    }
    TempDir dir;
};

TEST(IdentityLattice, RedChangesFastest) {
    const std::vector<float> v = color::identityLattice(3);
    ASSERT_EQ(v.size(), 81u);
    EXPECT_EQ(v[3], 0.5f);  // (1, 0, 0)
    EXPECT_EQ(v[4], 0.0f);
    EXPECT_EQ(v[10], 0.5f);         // (0, 1, 0) is entry 3
    EXPECT_EQ(v[9 * 3 + 2], 0.5f);  // (0, 0, 1) is entry 9
    EXPECT_EQ(v[80], 1.0f);
}

// At the lattice points interpolation returns the entries themselves, so OCIO reading the
// file back must reproduce every entry: any mix-up of order or channels shows.
TEST_P(LutFileTest, OcioReadsBackEveryEntry) {
    const color::Lut3d lut = mixingLut(9);
    ASSERT_TRUE(write(path("mix"), lut).isOk());
    std::vector<float> rgb = color::identityLattice(9);
    applyWithOcio(path("mix"), rgb);
    double worst = 0;
    for (std::size_t i = 0; i < rgb.size(); ++i) {
        worst = std::max(worst, std::abs(double(rgb[i]) - lut.rgb[i]));
    }
    EXPECT_LE(worst, 1e-6);
}

TEST_P(LutFileTest, CommentsAndTitleAreWritten) {
    ASSERT_TRUE(write(path("mix"), mixingLut(2)).isOk());
    std::ifstream in(path("mix"));
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("made by the test"), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("second line"), std::string::npos);
    EXPECT_NE(text.str().find("mixing"), std::string::npos);
}

TEST_P(LutFileTest, NonFiniteEntryIsRefusedAndNothingWritten) {
    color::Lut3d lut = mixingLut(3);
    lut.rgb[3 * 13 + 1] = std::numeric_limits<float>::quiet_NaN();
    const Status s = write(path("nan"), lut);
    EXPECT_EQ(s.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(s.message().find("(1, 1, 1)"), std::string::npos) << s.message();
    EXPECT_FALSE(std::filesystem::exists(path("nan")));
}

TEST_P(LutFileTest, FailedWriteLeavesTheExistingFile) {
    std::ofstream(path("keep")) << "original";
    color::Lut3d bad = mixingLut(3);
    bad.rgb.pop_back();
    EXPECT_FALSE(write(path("keep"), bad).isOk());
    std::ifstream in(path("keep"));
    std::string text;
    in >> text;
    EXPECT_EQ(text, "original");
    const Status s = write(dir / "no" / "such" / ("dir" + std::string(GetParam())), mixingLut(2));
    EXPECT_EQ(s.code(), ErrorCode::IoError);
    EXPECT_NE(s.message().find("no/such"), std::string::npos) << s.message();
}

INSTANTIATE_TEST_SUITE_P(Formats, LutFileTest, ::testing::Values(".cube", ".clf"),
                         [](const auto& info) { return std::string(info.param + 1); });

}  // namespace
}  // namespace emu::test
