#include <gtest/gtest.h>

#include <string>

#include "TempDir.h"
#include "emulsion/conform/Otio.h"

namespace emu::conform {
namespace {

bool mentions(const Status& s, const std::string& what) {
    return s.message().find(what) != std::string::npos;
}

TEST(OtioErrors, MalformedJsonNamesFileAndLine) {
    const std::string doc = "{\n  \"OTIO_SCHEMA\": \"Timeline.1\",\n  \"name\": oops\n}\n";
    auto r = readOtio(doc, "cut.otio");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(r.status().message().rfind("cut.otio:3: malformed JSON", 0), 0u)
        << r.status().message();
}

TEST(OtioErrors, TopLevelMustBeATimeline) {
    auto r = readOtio(R"({"OTIO_SCHEMA": "SerializableCollection.1", "children": []})", "bin.otio");
    ASSERT_FALSE(r.isOk());
    EXPECT_TRUE(mentions(r.status(), "bin.otio: the top level is SerializableCollection.1"))
        << r.status().message();
    auto plain = readOtio(R"({"name": "x"})", "plain.json");
    ASSERT_FALSE(plain.isOk());
    EXPECT_TRUE(mentions(plain.status(), "plain.json")) << plain.status().message();
    EXPECT_TRUE(mentions(plain.status(), "OTIO_SCHEMA")) << plain.status().message();
}

std::string withItem(const std::string& item) {
    return R"({"OTIO_SCHEMA": "Timeline.1", "tracks": {"OTIO_SCHEMA": "Stack.1",
      "children": [{"OTIO_SCHEMA": "Track.1", "name": "V1", "kind": "Video", "children": [)" +
           item + "]}]}}";
}

TEST(OtioErrors, UnknownAndNewerSchemasAreNamed) {
    auto unknown = readOtio(withItem(R"({"OTIO_SCHEMA": "Banana.1"})"), "fruit.otio");
    ASSERT_FALSE(unknown.isOk());
    EXPECT_TRUE(mentions(unknown.status(), "fruit.otio: track 1 'V1', item 1"))
        << unknown.status().message();
    EXPECT_TRUE(mentions(unknown.status(), "unknown OTIO_SCHEMA 'Banana.1'"));

    auto newer = readOtio(withItem(R"({"OTIO_SCHEMA": "Clip.9", "name": "x"})"), "new.otio");
    ASSERT_FALSE(newer.isOk());
    EXPECT_TRUE(mentions(newer.status(), "new.otio:")) << newer.status().message();
    EXPECT_TRUE(mentions(newer.status(), "Clip.9 is not supported (Clip.1 to Clip.2)"))
        << newer.status().message();

    auto badRef = readOtio(withItem(R"({"OTIO_SCHEMA": "Clip.2", "name": "c",
        "media_references": {"m": {"OTIO_SCHEMA": "UrlReference.1"}},
        "active_media_reference_key": "m"})"),
                           "ref.otio");
    ASSERT_FALSE(badRef.isOk());
    EXPECT_TRUE(mentions(badRef.status(), "unknown media reference OTIO_SCHEMA 'UrlReference.1'"))
        << badRef.status().message();
}

TEST(OtioErrors, MissingTimesAndBadRatesAreRefused) {
    auto noRange = readOtio(withItem(R"({"OTIO_SCHEMA": "Clip.2", "name": "c",
        "media_references": {}, "active_media_reference_key": "DEFAULT_MEDIA"})"),
                            "norange.otio");
    ASSERT_FALSE(noRange.isOk());
    EXPECT_TRUE(mentions(noRange.status(), "needs a source_range")) << noRange.status().message();

    auto zeroRate = readOtio(withItem(R"({"OTIO_SCHEMA": "Gap.1", "source_range":
        {"OTIO_SCHEMA": "TimeRange.1",
         "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 0, "value": 0},
         "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 0, "value": 5}}})"),
                             "rate.otio");
    ASSERT_FALSE(zeroRate.isOk());
    EXPECT_TRUE(mentions(zeroRate.status(), "rate must be above 0")) << zeroRate.status().message();

    auto huge = readOtio(withItem(R"({"OTIO_SCHEMA": "Gap.1", "source_range":
        {"OTIO_SCHEMA": "TimeRange.1",
         "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 0},
         "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24, "value": 1e300}}})"),
                         "huge.otio");
    ASSERT_FALSE(huge.isOk());
    EXPECT_TRUE(mentions(huge.status(), "out of range")) << huge.status().message();
}

TEST(OtioErrors, HostileInputIsRefusedBeforeParsing) {
    const std::string longString = "{\n\"name\": \"" + std::string(10u << 20, 'x') + "\"}";
    auto big = readOtio(longString, "big.otio");
    ASSERT_FALSE(big.isOk());
    EXPECT_TRUE(mentions(big.status(), "big.otio:2: string longer than"))
        << big.status().message().substr(0, 200);

    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    auto nested = readOtio(deep, "deep.otio");
    ASSERT_FALSE(nested.isOk());
    EXPECT_TRUE(mentions(nested.status(), "deep.otio:1: nesting deeper than 64"))
        << nested.status().message();

    // Depth counts brackets only outside strings.
    const std::string quoted = R"({"OTIO_SCHEMA": "Timeline.1", "name": ")" +
                               std::string(1000, '[') +
                               R"(", "tracks": {"OTIO_SCHEMA": "Stack.1"}})";
    auto fine = readOtio(quoted, "quoted.otio");
    ASSERT_TRUE(fine.isOk()) << fine.status().message();
    EXPECT_EQ(fine->timeline.title, std::string(1000, '['));
}

TEST(OtioErrors, MissingFileIsNotFound) {
    test::TempDir dir;
    auto r = readOtioFile(dir / "absent.otio");
    ASSERT_FALSE(r.isOk());
    EXPECT_EQ(r.status().code(), ErrorCode::NotFound);
    EXPECT_TRUE(mentions(r.status(), "absent.otio"));
}

}  // namespace
}  // namespace emu::conform
