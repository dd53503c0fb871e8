// DPX against OpenImageIO, an independent implementation: files written by oiiotool are read
// by ours, files written by ours are read by oiiotool, and both must agree on every code value
// and on the header fields OpenImageIO exposes.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <array>
#include <cstdio>
#include <map>
#include <sstream>
#include <vector>

#include "DpxTestImages.h"
#include "TempDir.h"
#include "emulsion/media/DpxReader.h"
#include "emulsion/media/DpxWriter.h"
#include "emulsion/media/ExrWriter.h"

namespace emu::media {
namespace {

std::string quote(const std::filesystem::path& p) {
    std::string out = "'";
    for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs a command line; returns what it printed, or fails the test on a non-zero exit.
std::string run(const std::string& command) {
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) {
        ADD_FAILURE() << "cannot run " << command;
        return {};
    }
    std::string out;
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.append(buffer.data(), n);
    const int status = pclose(pipe);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command << "\n" << out;
    return out;
}

// OpenImageIO hands 10- and 12-bit DPX samples out as 16-bit values with the code's bits
// repeated into the low bits; the code is the top `bits`. 12-bit filled method A data it hands
// out as the stored 16-bit word, the code's bits followed by four zeros. Checks that the value is
// one of these forms, so a mismatch is caught rather than truncated into agreement.
std::uint32_t codeFromOiio(std::uint32_t value, int bits, bool twelveBitFilled) {
    if (bits == 8 || bits == 16) return value;
    const std::uint32_t code = value >> (16 - bits);
    const std::uint32_t expanded =
        twelveBitFilled ? code << 4 : code << (16 - bits) | code >> (2 * bits - 16);
    EXPECT_EQ(value, expanded) << "not a " << bits << "-bit code as OpenImageIO gives it";
    return code;
}

// The code values of every pixel as `oiiotool --dumpdata` prints them, channels per pixel.
std::vector<std::vector<std::uint32_t>> oiioCodes(const std::filesystem::path& dpx, int bits,
                                                  bool twelveBitFilled) {
    std::istringstream lines(run("oiiotool --dumpdata " + quote(dpx)));
    std::vector<std::vector<std::uint32_t>> pixels;
    std::string line;
    while (std::getline(lines, line)) {
        const auto colon = line.find("): ");
        if (line.find("Pixel (") == std::string::npos || colon == std::string::npos) continue;
        std::istringstream values(line.substr(colon + 3, line.find(" (", colon) - colon - 3));
        std::vector<std::uint32_t> pixel;
        std::uint32_t v;
        while (values >> v) pixel.push_back(codeFromOiio(v, bits, twelveBitFilled));
        pixels.push_back(pixel);
    }
    return pixels;
}

// `iinfo -v` as name -> value, quotes removed.
std::map<std::string, std::string> oiioAttributes(const std::filesystem::path& dpx) {
    std::istringstream lines(run("iinfo -v " + quote(dpx)));
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(lines, line)) {
        const auto colon = line.find(": ");
        if (line.rfind("    ", 0) != 0 || colon == std::string::npos) continue;
        std::string value = line.substr(colon + 2);
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        out[line.substr(4, colon - 4)] = value;
    }
    return out;
}

// Every sample of our decoding against OpenImageIO's, at code-value level.
void expectSameCodes(const DpxFrame& ours, const std::filesystem::path& dpx, int channels,
                     const std::string& what) {
    SCOPED_TRACE(what);
    const int bits = ours.header.bitDepth;
    const bool twelveBitFilled = bits == 12 && ours.header.packing == DpxPacking::FilledA;
    const auto theirs = oiioCodes(dpx, bits, twelveBitFilled);
    ASSERT_EQ(theirs.size(), ours.image.pixelCount()) << what;
    const float maxCode = float(ours.header.maxCode());
    int mismatches = 0;
    for (int y = 0; y < ours.image.height(); ++y) {
        for (int x = 0; x < ours.image.width(); ++x) {
            const auto& pixel = theirs[std::size_t(y * ours.image.width() + x)];
            ASSERT_EQ(int(pixel.size()), channels) << what;
            for (int c = 0; c < channels; ++c) {
                const float expected = float(pixel[std::size_t(c)]) / maxCode;
                if (ours.image.sample(x, y, c) != expected && mismatches++ < 5) {
                    ADD_FAILURE() << what << ": (" << x << ", " << y << ") channel " << c
                                  << " ours " << ours.image.sample(x, y, c) * maxCode
                                  << " OpenImageIO " << pixel[std::size_t(c)];
                }
            }
            if (channels == 1) {
                EXPECT_EQ(ours.image.sample(x, y, 1), ours.image.sample(x, y, 0));
                EXPECT_EQ(ours.image.sample(x, y, 2), ours.image.sample(x, y, 0));
            }
            if (channels != 4) {
                EXPECT_EQ(ours.image.sample(x, y, 3), 1.f) << what;
            }
        }
    }
    EXPECT_EQ(mismatches, 0) << what;
}

struct OiioLayout {
    int bits;
    DpxPacking packing;
    const char* type;         // oiiotool -d
    const char* packingName;  // dpx:Packing, as OpenImageIO names it
};

// OpenImageIO writes 12-bit data packed only, and 8- and 16-bit data as "filled method A".
constexpr OiioLayout kOiioLayouts[] = {
    {8, DpxPacking::FilledA, "uint8", "Filled, method A"},
    {10, DpxPacking::FilledA, "uint10", "Filled, method A"},
    {10, DpxPacking::FilledB, "uint10", "Filled, method B"},
    {10, DpxPacking::Packed, "uint10", "Packed"},
    {12, DpxPacking::Packed, "uint12", "Packed"},
    {16, DpxPacking::FilledA, "uint16", "Filled, method A"},
};

const char* channelArgs(int channels) {
    return channels == 1 ? "--ch Y=R" : (channels == 3 ? "--ch R,G,B" : "");
}

TEST(DpxOiio, FilesWrittenByOiiotoolReadAlike) {
    test::TempDir dir;
    ExrFrame source;
    // Values on a 16-bit grid: every depth then quantises them to its own codes.
    source.image = test::makeCodeImage(11, 3, 16, 4, 3);
    source.dataWindow = source.displayWindow = {0, 0, 10, 2};
    source.layout = ChannelLayout::Rgba;
    source.compression = ExrCompression::None;
    ASSERT_TRUE(writeExr(dir / "source.exr", source).isOk());
    for (const OiioLayout& l : kOiioLayouts) {
        for (int channels : {1, 3, 4}) {
            for (bool big : {true, false}) {
                const std::string what = test::describe(l.bits, l.packing, channels, big);
                const auto dpx = dir / "oiio.dpx";
                run("oiiotool " + quote(dir / "source.exr") + " " + channelArgs(channels) + " -d " +
                    l.type + " --attrib dpx:Packing '" + l.packingName + "' --attrib oiio:Endian " +
                    (big ? "big" : "little") + " -o " + quote(dpx));
                auto ours = readDpx(dpx);
                ASSERT_TRUE(ours.isOk()) << what << ": " << ours.status().message();
                EXPECT_EQ(ours->header.bitDepth, l.bits) << what;
                // OpenImageIO packs 10-bit luminance whatever it is asked for.
                const bool lumaPacked = channels == 1 && l.bits == 10;
                EXPECT_EQ(ours->header.packing, lumaPacked ? DpxPacking::Packed : l.packing)
                    << what;
                EXPECT_EQ(ours->header.bigEndian, big) << what;
                EXPECT_EQ(ours->header.descriptor, test::descriptorFor(channels)) << what;
                expectSameCodes(*ours, dpx, channels, what);
            }
        }
    }
}

TEST(DpxOiio, FilesWrittenByOursReadAlike) {
    test::TempDir dir;
    struct Layout {
        int bits;
        DpxPacking packing;
    };
    const Layout layouts[] = {
        {8, DpxPacking::FilledA},  {10, DpxPacking::FilledA}, {10, DpxPacking::FilledB},
        {10, DpxPacking::Packed},  {12, DpxPacking::Packed},  {12, DpxPacking::FilledA},
        {12, DpxPacking::FilledB}, {16, DpxPacking::FilledA},
    };
    for (const Layout& l : layouts) {
        for (int channels : {1, 3, 4}) {
            for (bool big : {true, false}) {
                const std::string what = test::describe(l.bits, l.packing, channels, big);
                DpxFrame f;
                // OpenImageIO 2.4 misreads a 10-bit filled row whose last word is partly used:
                // a lone last sample (its own files too: see OneSampleWordAtRowEnd), and for
                // luminance any partial word, which it reads in the opposite order to full
                // ones. So luminance rows here fill whole words and RGB(A) rows leave two or
                // three samples in the last word; DpxRoundTrip covers the other widths.
                f.image = test::makeCodeImage(channels == 1 ? 15 : 11, 3, l.bits, channels, 11);
                f.header.bitDepth = l.bits;
                f.header.packing = l.packing;
                f.header.descriptor = test::descriptorFor(channels);
                f.header.bigEndian = big;
                const auto dpx = dir / "ours.dpx";
                ASSERT_TRUE(writeDpx(dpx, f).isOk()) << what;
                expectSameCodes(f, dpx, channels, what);
            }
        }
    }
}

TEST(DpxOiio, HeaderWrittenByOursReadByOiio) {
    test::TempDir dir;
    DpxFrame f;
    f.image = test::makeCodeImage(4, 2, 10, 3, 1);
    DpxHeader& h = f.header;
    h.transfer = DpxCharacteristic::PrintingDensity;
    h.colorimetric = DpxCharacteristic::ItuR709;
    h.referenceLowCode = 95;
    h.referenceHighCode = 685;
    h.referenceLowQuantity = 0.f;
    h.referenceHighQuantity = 2.048f;
    h.creationTime = "2024:05:06:07:08:09Z";
    h.creator = "Emulsion";
    h.project = "Feature";
    h.copyright = "Studio";
    h.inputDevice = "A001R2AB";
    h.inputDeviceSerial = "SN77";
    h.pixelAspectH = 2;
    h.pixelAspectV = 1;
    h.edgeCode = DpxEdgeCode{"01", "02", "05", "000003", "0004"};
    h.filmFormat = "Academy";
    h.filmFrameRate = 24.f;
    h.frameId = "F1";
    h.slateInfo = "take 2";
    h.timecode = SmpteTimecode::parse("10:20:30:12");
    h.timecode->userData = 305419896;
    h.tvFrameRate = 25.f;
    h.gamma = 2.2f;
    h.blackLevel = 64.f;
    h.whiteLevel = 940.f;
    for (bool big : {true, false}) {
        h.bigEndian = big;
        const auto dpx = dir / "header.dpx";
        ASSERT_TRUE(writeDpx(dpx, f).isOk());
        const auto a = oiioAttributes(dpx);
        auto expect = [&](const std::string& name, const std::string& value) {
            const auto it = a.find(name);
            ASSERT_NE(it, a.end()) << name << (big ? " big" : " little");
            EXPECT_EQ(it->second, value) << name << (big ? " big" : " little");
        };
        expect("dpx:Version", "V2.0");
        expect("oiio:BitsPerSample", "10");
        expect("dpx:Packing", "Filled, method A");
        expect("dpx:ImageDescriptor", "RGB");
        expect("dpx:Transfer", "Printing density");
        expect("dpx:Colorimetric", "ITU-R 709-4");
        expect("dpx:LowData", "95");
        expect("dpx:HighData", "685");
        expect("dpx:LowQuantity", "0");
        expect("dpx:HighQuantity", "2.048");
        expect("Software", "Emulsion");
        expect("DocumentName", "Feature");
        expect("Copyright", "Studio");
        expect("DateTime", "2024:05:06 07:08:09");
        expect("dpx:InputDevice", "A001R2AB");
        expect("dpx:InputDeviceSerialNumber", "SN77");
        expect("PixelAspectRatio", "2");
        expect("dpx:FilmEdgeCode", "0102050000030004");
        expect("smpte:KeyCode", "1, 2, 3, 4, 5, 4, 64");
        expect("dpx:Format", "Academy");
        expect("dpx:FrameRate", "24");
        expect("dpx:FrameId", "F1");
        expect("dpx:SlateInfo", "take 2");
        expect("dpx:TimeCode", "10:20:30:12");
        expect("smpte:TimeCode", "10:20:30:12");
        expect("dpx:UserBits", "305419896");
        expect("dpx:TemporalFrameRate", "25");
        // OpenImageIO leaves the gamma field out; DpxRoundTrip covers it.
        expect("dpx:BlackLevel", "64");
        expect("dpx:WhiteLevel", "940");
    }
}

TEST(DpxOiio, HeaderWrittenByOiiotoolReadByOurs) {
    test::TempDir dir;
    const auto dpx = dir / "oiio.dpx";
    for (const char* endian : {"big", "little"}) {
        SCOPED_TRACE(endian);
        run("oiiotool --pattern constant:color=0.5,0.25,0.125 6x2 3 -d uint10"
            " --attrib oiio:Endian " +
            std::string(endian) +
            " --attrib dpx:Transfer Logarithmic --attrib dpx:Colorimetric 'SMPTE 274M'"
            " --attrib dpx:TimeCode 23:59:58:29 --attrib dpx:UserBits 305419896"
            " --attrib:type=float dpx:FrameRate 23.976 --attrib:type=float dpx:TemporalFrameRate 50"
            " --attrib dpx:InputDevice REEL_0042 --attrib dpx:InputDeviceSerialNumber CAM-9"
            " --attrib DocumentName 'A Film'"
            " --attrib Copyright 'The Owners' --attrib:type=float PixelAspectRatio 2"
            " --attrib:type=int dpx:LowData 95 --attrib:type=int dpx:HighData 685"
            " --attrib:type=float dpx:WhiteLevel 940"
            " --attrib:type=keycode smpte:KeyCode 12,34,567890,1234,7,4,64"
            " --attrib dpx:FrameId shot_010 --attrib dpx:SlateInfo 'scene 4'"
            " -o " +
            quote(dpx));
        auto ours = readDpx(dpx);
        ASSERT_TRUE(ours.isOk()) << ours.status().message();
        const DpxHeader& h = ours->header;
        EXPECT_EQ(h.bigEndian, std::string(endian) == "big");
        EXPECT_EQ(h.version, "V2.0");
        EXPECT_EQ(h.widthPx, 6);
        EXPECT_EQ(h.heightPx, 2);
        EXPECT_EQ(h.dataOffset, 8192u);
        EXPECT_EQ(h.transfer, DpxCharacteristic::Logarithmic);
        EXPECT_EQ(h.colorimetric, DpxCharacteristic::Smpte274M);
        ASSERT_TRUE(h.timecode.has_value());
        EXPECT_EQ(h.timecode->toString(), "23:59:58:29");
        EXPECT_EQ(h.timecode->userData, 305419896u);
        EXPECT_EQ(h.filmFrameRate, 23.976f);
        EXPECT_EQ(h.tvFrameRate, 50.f);
        EXPECT_EQ(h.inputDevice, "REEL_0042");
        EXPECT_EQ(h.inputDeviceSerial, "CAM-9");
        // oiiotool puts its own command line over Software; ours must read what it wrote.
        EXPECT_EQ(h.creator, oiioAttributes(dpx).at("Software"));
        EXPECT_EQ(h.project, "A Film");
        EXPECT_EQ(h.copyright, "The Owners");
        EXPECT_EQ(h.pixelAspectRatio(), 2.0);
        EXPECT_EQ(h.referenceLowCode, 95u);
        EXPECT_EQ(h.referenceHighCode, 685u);
        EXPECT_EQ(h.whiteLevel, 940.f);
        ASSERT_TRUE(h.edgeCode.has_value());
        EXPECT_EQ(h.edgeCode->text(), "12 34 567890 1234");
        EXPECT_EQ(h.edgeCode->perfOffset, "07");
        EXPECT_EQ(h.filmFormat, "Full Aperture");  // OpenImageIO's name for 4 perfs per frame
        EXPECT_EQ(h.frameId, "shot_010");
        EXPECT_EQ(h.slateInfo, "scene 4");
        EXPECT_FALSE(h.gamma.has_value());
        EXPECT_TRUE(ours->warnings.empty());
        // The pixels: 0.5, 0.25, 0.125 as OpenImageIO quantises them.
        expectSameCodes(*ours, dpx, 3, endian);
    }
}

// A 10-bit filled row of 13 RGBA pixels ends with a word holding one sample. OpenImageIO's
// writer puts it where ours does (in the high bits, the rest of the word empty) but its reader
// returns 0 for it, so the check is against the same image written packed, which it reads
// correctly (checked against its reader here too).
TEST(DpxOiio, OneSampleWordAtRowEnd) {
    test::TempDir dir;
    ExrFrame source;
    source.image = test::makeCodeImage(13, 2, 16, 4, 5);
    source.dataWindow = source.displayWindow = {0, 0, 12, 1};
    source.compression = ExrCompression::None;
    ASSERT_TRUE(writeExr(dir / "source.exr", source).isOk());
    for (const char* packing : {"Filled, method A", "Filled, method B"}) {
        const auto filled = dir / "filled.dpx";
        const auto packed = dir / "packed.dpx";
        for (const auto& [path, name] : {std::pair{filled, packing}, {packed, "Packed"}}) {
            run("oiiotool " + quote(dir / "source.exr") + " -d uint10 --attrib dpx:Packing '" +
                name + "' -o " + quote(path));
        }
        auto a = readDpx(filled);
        auto b = readDpx(packed);
        ASSERT_TRUE(a.isOk() && b.isOk());
        EXPECT_NE(a->header.packing, DpxPacking::Packed);
        EXPECT_EQ(b->header.packing, DpxPacking::Packed);
        expectSameCodes(*b, packed, 4, "packed");
        EXPECT_TRUE(a->image == b->image) << packing;
    }
}

}  // namespace
}  // namespace emu::media
