#include <gtest/gtest.h>

#include <OpenEXR/ImfChannelList.h>
#include <OpenEXR/ImfFloatAttribute.h>
#include <OpenEXR/ImfFrameBuffer.h>
#include <OpenEXR/ImfHeader.h>
#include <OpenEXR/ImfInputFile.h>
#include <OpenEXR/ImfIntAttribute.h>
#include <OpenEXR/ImfOutputFile.h>
#include <OpenEXR/ImfStandardAttributes.h>

#include <vector>

#include "TempDir.h"
#include "emulsion/media/ExrReader.h"
#include "emulsion/media/ExrWriter.h"
#include "emulsion/media/ImageCompare.h"
#include "emulsion/media/TestPattern.h"

namespace emu::media {
namespace {

constexpr ExrCompression kLossless[] = {ExrCompression::None, ExrCompression::Rle,
                                        ExrCompression::Zips, ExrCompression::Zip,
                                        ExrCompression::Piz};
constexpr PixelType kTypes[] = {PixelType::Half, PixelType::Float};

// What the reader gives back for a layout: alpha 1 without A, R = G = B for luminance.
Image asStoredBy(Image img, ChannelLayout layout) {
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            if (layout == ChannelLayout::Rgb || layout == ChannelLayout::Y)
                img.setSample(x, y, 3, 1.f);
            if (layout == ChannelLayout::Y || layout == ChannelLayout::Ya) {
                const float v = img.sample(x, y, 0);
                img.setSample(x, y, 1, v);
                img.setSample(x, y, 2, v);
            }
        }
    }
    return img;
}

ExrFrame makeFrame(Image img, ChannelLayout layout = ChannelLayout::Rgba) {
    ExrFrame f;
    f.dataWindow = {0, 0, img.width() - 1, img.height() - 1};
    f.displayWindow = f.dataWindow;
    f.image = asStoredBy(std::move(img), layout);
    f.layout = layout;
    return f;
}

// Special values and noise side by side, so every code path of a codec sees both.
Image awkwardImage(PixelType type) {
    Image img = makeNoise(37, 23, type, 7, -2.f, 3.f);
    const Image special = makeSpecialValues(37, 5, type);
    std::copy_n(special.data(), special.sizeBytes(), img.data());
    return img;
}

ExrFrame roundTrip(const test::TempDir& dir, const ExrFrame& frame, ExrReadOptions opts = {}) {
    const auto path = dir / "rt.exr";
    const Status written = writeExr(path, frame);
    EXPECT_TRUE(written.isOk()) << written.message();
    auto read = readExr(path, opts);
    EXPECT_TRUE(read.isOk()) << read.status().message();
    return read.isOk() ? std::move(read).value() : ExrFrame{};
}

TEST(ExrRoundTrip, LosslessCompressionsAreBitExactForHalfAndFloatScanlineAndTiled) {
    test::TempDir dir;
    for (PixelType type : kTypes) {
        for (ExrCompression c : kLossless) {
            for (ExrStorage storage : {ExrStorage::Scanline, ExrStorage::Tiled}) {
                SCOPED_TRACE(std::string(toString(type)) + " " + toString(c) + " " +
                             toString(storage));
                ExrFrame f = makeFrame(awkwardImage(type));
                f.compression = c;
                f.storage = storage;
                f.tileWidth = 16;
                f.tileHeight = 8;
                const ExrFrame back = roundTrip(dir, f);
                EXPECT_TRUE(back.image == f.image);
                EXPECT_EQ(back.image.type(), type);
                EXPECT_EQ(back.compression, c);
                EXPECT_EQ(back.storage, storage);
                if (storage == ExrStorage::Tiled) {
                    EXPECT_EQ(back.tileWidth, 16);
                    EXPECT_EQ(back.tileHeight, 8);
                }
            }
        }
    }
}

TEST(ExrRoundTrip, EveryLayoutKeepsItsChannelsBitExact) {
    test::TempDir dir;
    for (PixelType type : kTypes) {
        for (ChannelLayout layout :
             {ChannelLayout::Rgba, ChannelLayout::Rgb, ChannelLayout::Ya, ChannelLayout::Y}) {
            SCOPED_TRACE(std::string(toString(type)) + " " + toString(layout));
            const ExrFrame f = makeFrame(awkwardImage(type), layout);
            const ExrFrame back = roundTrip(dir, f);
            EXPECT_EQ(back.layout, layout);
            EXPECT_TRUE(back.image == f.image);
        }
    }
}

TEST(ExrRoundTrip, LossyCompressionsAreExactWhereTheFormatSaysSo) {
    test::TempDir dir;
    auto exact = [&](PixelType type, ExrCompression c) {
        ExrFrame f = makeFrame(makeNoise(40, 20, type, 3, 0.f, 1.f));
        f.compression = c;
        return roundTrip(dir, f).image == f.image;
    };
    EXPECT_TRUE(exact(PixelType::Half, ExrCompression::Pxr24));
    EXPECT_TRUE(exact(PixelType::Float, ExrCompression::B44));
    EXPECT_TRUE(exact(PixelType::Float, ExrCompression::B44a));
    for (ExrCompression c : {ExrCompression::Dwaa, ExrCompression::Dwab, ExrCompression::B44}) {
        ExrFrame f = makeFrame(makeColourPatches(64, 48, PixelType::Half));
        f.compression = c;
        const ExrFrame back = roundTrip(dir, f);
        auto diff = compareImages(back.image, f.image);
        ASSERT_TRUE(diff.isOk());
        EXPECT_GT(diff->psnrDb, 30.0) << toString(c) << ": " << diff->describe();
    }
}

// Y, RY, BY with 2x2 chroma subsampling and half precision cannot be exact. On smooth colour
// the reconstruction stays within 2% of the largest value; alpha, a plain half channel, is exact.
TEST(ExrRoundTrip, LuminanceChromaIsCloseOnSmoothColourAndKeepsAlpha) {
    test::TempDir dir;
    Image img(48, 32, PixelType::Float);
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            img.setSample(x, y, 0, 0.2f + 0.6f * float(x) / 47.f);
            img.setSample(x, y, 1, 0.3f + 0.4f * float(y) / 31.f);
            img.setSample(x, y, 2, 0.5f);
            img.setSample(x, y, 3, float(x % 4) / 4.f);
        }
    }
    ExrFrame f = makeFrame(img, ChannelLayout::LuminanceChroma);
    f.dataWindow = {-4, 6, 43, 37};  // chroma subsampling needs an even origin
    f.displayWindow = {0, 0, 63, 63};
    const ExrFrame back = roundTrip(dir, f);
    EXPECT_EQ(back.layout, ChannelLayout::LuminanceChroma);
    EXPECT_EQ(back.image.type(), PixelType::Half);
    EXPECT_EQ(back.dataWindow, f.dataWindow);
    auto colour = compareImages(back.image, img, 3);
    ASSERT_TRUE(colour.isOk());
    EXPECT_LT(colour->maxAbsError, 0.02) << colour->describe();
    for (int x = 0; x < img.width(); ++x)
        EXPECT_EQ(back.image.sample(x, 7, 3), img.sample(x, 7, 3));
}

TEST(ExrRoundTrip, DataWindowDiffersFromDisplayWindowWithNegativeOrigin) {
    test::TempDir dir;
    for (ExrStorage storage : {ExrStorage::Scanline, ExrStorage::Tiled}) {
        ExrFrame f = makeFrame(awkwardImage(PixelType::Half));
        f.dataWindow = {-7, -5, -7 + 36, -5 + 22};
        f.displayWindow = {0, 0, 63, 47};
        f.pixelAspectRatio = 2.f;
        f.storage = storage;
        f.tileWidth = f.tileHeight = 32;
        const ExrFrame back = roundTrip(dir, f);
        EXPECT_EQ(back.dataWindow, f.dataWindow);
        EXPECT_EQ(back.displayWindow, f.displayWindow);
        EXPECT_EQ(back.pixelAspectRatio, 2.f);
        EXPECT_TRUE(back.image == f.image);
    }
}

TEST(ExrRoundTrip, MultiPartFilesArePickedByNameOrIndex) {
    test::TempDir dir;
    ExrFrame beauty = makeFrame(makeNoise(20, 10, PixelType::Half, 1, 0.f, 1.f));
    beauty.partName = "beauty";
    ExrFrame depth = makeFrame(makeRamp(20, 10, PixelType::Float, 1.f, 100.f), ChannelLayout::Y);
    depth.partName = "depth";
    depth.storage = ExrStorage::Tiled;
    depth.tileWidth = depth.tileHeight = 8;
    ExrFrame matte = makeFrame(makeNoise(12, 6, PixelType::Half, 2, 0.f, 1.f), ChannelLayout::Ya);
    matte.partName = "matte";
    matte.dataWindow = {4, 2, 15, 7};
    matte.displayWindow = beauty.displayWindow;  // OpenEXR requires parts to share it
    const auto path = dir / "parts.exr";
    ASSERT_TRUE(writeExrParts(path, {beauty, depth, matte}).isOk());

    auto parts = probeExr(path);
    ASSERT_TRUE(parts.isOk()) << parts.status().message();
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[1].name, "depth");
    EXPECT_TRUE((*parts)[1].tiled);
    EXPECT_EQ((*parts)[2].dataWindow, matte.dataWindow);

    auto byName = readExr(path, {.part = "depth"});
    ASSERT_TRUE(byName.isOk()) << byName.status().message();
    EXPECT_EQ(byName->partName, "depth");
    EXPECT_EQ(byName->layout, ChannelLayout::Y);
    EXPECT_TRUE(byName->image == depth.image);
    auto byIndex = readExr(path, {.part = "2"});
    ASSERT_TRUE(byIndex.isOk());
    EXPECT_TRUE(byIndex->image == matte.image);
    auto first = readExr(path);
    ASSERT_TRUE(first.isOk());
    EXPECT_TRUE(first->image == beauty.image);

    auto missing = readExr(path, {.part = "specular"});
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("beauty, depth, matte"), std::string::npos)
        << missing.status().message();
}

TEST(ExrRoundTrip, PartsNeedDistinctNames) {
    test::TempDir dir;
    ExrFrame a = makeFrame(makeRamp(4, 4, PixelType::Half, 0.f, 1.f));
    a.partName = "same";
    EXPECT_EQ(writeExrParts(dir / "x.exr", {a, a}).code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(std::filesystem::exists(dir / "x.exr"));
}

// A part holding a default layer and two named ones, written with OpenEXR directly.
void writeLayeredFile(const std::filesystem::path& path) {
    const int w = 8, h = 4;
    Imf::Header header(w, h);
    const char* names[] = {"R",         "G",         "B",          "A",          "diffuse.R",
                           "diffuse.G", "diffuse.B", "specular.R", "specular.G", "specular.B"};
    std::vector<std::vector<float>> planes;
    Imf::FrameBuffer fb;
    for (int i = 0; i < 10; ++i) {
        header.channels().insert(names[i], Imf::Channel(Imf::FLOAT));
        planes.emplace_back(w * h, float(i));  // channel i holds the value i
    }
    for (int i = 0; i < 10; ++i) {
        fb.insert(names[i], Imf::Slice(Imf::FLOAT, reinterpret_cast<char*>(planes[i].data()),
                                       sizeof(float), sizeof(float) * w));
    }
    Imf::OutputFile out(path.c_str(), header);
    out.setFrameBuffer(fb);
    out.writePixels(h);
}

TEST(ExrRoundTrip, LayersArePickedByName) {
    test::TempDir dir;
    const auto path = dir / "layers.exr";
    writeLayeredFile(path);
    auto parts = probeExr(path);
    ASSERT_TRUE(parts.isOk());
    EXPECT_EQ((*parts)[0].layers, (std::vector<std::string>{"", "diffuse", "specular"}));

    auto diffuse = readExr(path, {.layer = "diffuse"});
    ASSERT_TRUE(diffuse.isOk()) << diffuse.status().message();
    EXPECT_EQ(diffuse->layer, "diffuse");
    EXPECT_EQ(diffuse->layout, ChannelLayout::Rgb);
    EXPECT_EQ(diffuse->image.sample(3, 2, 0), 4.f);
    EXPECT_EQ(diffuse->image.sample(3, 2, 2), 6.f);
    EXPECT_EQ(diffuse->image.sample(3, 2, 3), 1.f);
    auto base = readExr(path);
    ASSERT_TRUE(base.isOk());
    EXPECT_EQ(base->image.sample(0, 0, 3), 3.f);

    auto missing = readExr(path, {.layer = "emission"});
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.status().message().find("diffuse, specular"), std::string::npos);

    // The prefix survives a rewrite.
    ASSERT_TRUE(writeExr(dir / "again.exr", *diffuse).isOk());
    auto again = readExr(dir / "again.exr", {.layer = "diffuse"});
    ASSERT_TRUE(again.isOk());
    EXPECT_TRUE(again->image == diffuse->image);
}

TEST(ExrRoundTrip, UintAndMixedChannelsReadAsFloat) {
    test::TempDir dir;
    const auto path = dir / "uint.exr";
    {
        Imf::Header header(2, 1);
        header.channels().insert("R", Imf::Channel(Imf::UINT));
        header.channels().insert("G", Imf::Channel(Imf::HALF));
        std::uint32_t r[2] = {7, 4000000};
        std::uint16_t g[2] = {floatToHalf(0.5f), floatToHalf(2.f)};
        Imf::FrameBuffer fb;
        fb.insert("R", Imf::Slice(Imf::UINT, reinterpret_cast<char*>(r), 4, 8));
        fb.insert("G", Imf::Slice(Imf::HALF, reinterpret_cast<char*>(g), 2, 4));
        Imf::OutputFile out(path.c_str(), header);
        out.setFrameBuffer(fb);
        out.writePixels(1);
    }
    auto f = readExr(path);
    ASSERT_TRUE(f.isOk()) << f.status().message();
    EXPECT_EQ(f->image.type(), PixelType::Float);
    EXPECT_EQ(f->image.sample(1, 0, 0), 4000000.f);
    EXPECT_EQ(f->image.sample(1, 0, 1), 2.f);
    EXPECT_EQ(f->image.sample(1, 0, 2), 0.f);  // missing blue reads as 0
}

TEST(ExrRoundTrip, AttributesSurviveReadWriteRead) {
    test::TempDir dir;
    const auto source = dir / "source.exr";
    {
        Imf::Header header(4, 2);
        header.channels().insert("R", Imf::Channel(Imf::HALF));
        Imf::addTimeCode(header, Imf::TimeCode(1, 2, 3, 4, true));
        Imf::addFramesPerSecond(header, Imf::Rational(24000, 1001));
        Imf::addChromaticities(header, Imf::Chromaticities({0.713f, 0.293f}, {0.165f, 0.83f},
                                                           {0.128f, 0.044f}, {0.32168f, 0.33767f}));
        header.insert("reelName", Imf::StringAttribute("A001C003"));
        header.insert("emulsionTake", Imf::IntAttribute(42));
        header.insert("shutterAngle", Imf::FloatAttribute(172.8f));
        std::vector<std::uint16_t> r(8, floatToHalf(0.25f));
        Imf::FrameBuffer fb;
        fb.insert("R", Imf::Slice(Imf::HALF, reinterpret_cast<char*>(r.data()), 2, 8));
        Imf::OutputFile out(source.c_str(), header);
        out.setFrameBuffer(fb);
        out.writePixels(2);
    }
    auto first = readExr(source);
    ASSERT_TRUE(first.isOk()) << first.status().message();
    const ExrAttributes& a = first->attributes;
    ASSERT_TRUE(a.timeCode.has_value());
    EXPECT_EQ(a.timeCode->toString(), "01:02:03;04");
    EXPECT_EQ(a.framesPerSecond, std::make_pair(24000, 1001));
    ASSERT_TRUE(a.chromaticities.has_value());
    EXPECT_EQ((*a.chromaticities)[0], 0.713f);
    EXPECT_EQ(a.strings.at("reelName"), "A001C003");
    ASSERT_NE(a.passthrough, nullptr);

    // Structure comes from the frame even though the source header said otherwise.
    ExrFrame edited = *first;
    edited.compression = ExrCompression::Piz;
    const auto copy = dir / "copy.exr";
    ASSERT_TRUE(writeExr(copy, edited).isOk());
    auto second = readExr(copy);
    ASSERT_TRUE(second.isOk());
    EXPECT_EQ(second->compression, ExrCompression::Piz);
    EXPECT_EQ(second->attributes.timeCode, a.timeCode);
    EXPECT_EQ(second->attributes.framesPerSecond, a.framesPerSecond);
    EXPECT_EQ(second->attributes.chromaticities, a.chromaticities);
    EXPECT_EQ(second->attributes.strings, a.strings);

    Imf::InputFile check(copy.c_str());
    const auto* take = check.header().findTypedAttribute<Imf::IntAttribute>("emulsionTake");
    const auto* shutter = check.header().findTypedAttribute<Imf::FloatAttribute>("shutterAngle");
    ASSERT_NE(take, nullptr);
    ASSERT_NE(shutter, nullptr);
    EXPECT_EQ(take->value(), 42);
    EXPECT_EQ(shutter->value(), 172.8f);
}

TEST(ExrRoundTrip, TypedAttributesMadeInMemoryAreWritten) {
    test::TempDir dir;
    ExrFrame f = makeFrame(makeRamp(8, 2, PixelType::Half, 0.f, 1.f));
    f.attributes.timeCode = ExrTimecode::parse("23:59:59:29");
    f.attributes.framesPerSecond = std::make_pair(25, 1);
    f.attributes.strings["owner"] = "Emulsion";
    const ExrFrame back = roundTrip(dir, f);
    EXPECT_EQ(back.attributes.timeCode, f.attributes.timeCode);
    EXPECT_EQ(back.attributes.framesPerSecond, f.attributes.framesPerSecond);
    EXPECT_EQ(back.attributes.strings.at("owner"), "Emulsion");

    f.attributes.strings["channels"] = "oops";
    EXPECT_EQ(writeExr(dir / "bad.exr", f).code(), ErrorCode::InvalidArgument);
}

TEST(ExrRoundTrip, TimecodeTextRoundTrips) {
    auto tc = ExrTimecode::parse("10:00:00;02");
    ASSERT_TRUE(tc.has_value());
    EXPECT_TRUE(tc->dropFrame);
    EXPECT_EQ(tc->toString(), "10:00:00;02");
    EXPECT_FALSE(ExrTimecode::parse("24:00:00:00").has_value());
    EXPECT_FALSE(ExrTimecode::parse("1:00:00:00").has_value());
}

TEST(ExrRoundTrip, MultiThreadedCodecGivesTheSameBits) {
    test::TempDir dir;
    setExrThreadCount(4);
    ExrFrame f = makeFrame(makeNoise(300, 200, PixelType::Float, 9, -1.f, 1.f));
    f.compression = ExrCompression::Piz;
    const ExrFrame back = roundTrip(dir, f);
    setExrThreadCount(0);
    EXPECT_TRUE(back.image == f.image);
}

int countEntries(const std::filesystem::path& dir) {
    int entries = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++entries;
    return entries;
}

TEST(ExrRoundTrip, FailedWriteLeavesTheExistingFileAndNoTemporary) {
    test::TempDir dir;
    const auto path = dir / "keep.exr";
    ExrFrame a = makeFrame(makeRamp(8, 8, PixelType::Half, 0.f, 1.f));
    ASSERT_TRUE(writeExr(path, a).isOk());
    const auto sizeBefore = std::filesystem::file_size(path);

    ExrFrame wrongSize = a;
    wrongSize.dataWindow.maxX += 1;  // no longer the image's size
    const Status refused = writeExr(path, wrongSize);
    EXPECT_EQ(refused.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(refused.message().find(path.string()), std::string::npos);

    // OpenEXR itself refuses this one, after the temporary file was opened.
    a.partName = "a";
    ExrFrame b = a;
    b.partName = "b";
    b.displayWindow.maxX += 1;
    const Status failed = writeExrParts(path, {a, b});
    EXPECT_EQ(failed.code(), ErrorCode::InvalidArgument) << failed.message();
    EXPECT_NE(failed.message().find(path.string()), std::string::npos);

    EXPECT_EQ(std::filesystem::file_size(path), sizeBefore);
    EXPECT_EQ(countEntries(dir.path()), 1);
}

}  // namespace
}  // namespace emu::media
