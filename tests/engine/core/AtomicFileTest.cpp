#include <gtest/gtest.h>

#include <fstream>

#include "TempDir.h"
#include "emulsion/core/AtomicFile.h"
#include "emulsion/core/Hash.h"
#include "emulsion/core/Log.h"

namespace emu::core {
namespace {

std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(AtomicFile, CommitReplacesTheFinalFile) {
    test::TempDir dir;
    std::ofstream(dir / "a.txt") << "old";
    AtomicFile file(dir / "a.txt");
    std::ofstream(file.temporaryPath()) << "new";
    EXPECT_EQ(readText(dir / "a.txt"), "old");  // untouched until commit
    ASSERT_TRUE(file.commit().isOk());
    EXPECT_EQ(readText(dir / "a.txt"), "new");
    EXPECT_FALSE(std::filesystem::exists(file.temporaryPath()));
}

TEST(AtomicFile, AbandonedWriteLeavesNothingBehind) {
    test::TempDir dir;
    std::ofstream(dir / "keep.txt") << "original";
    std::filesystem::path temp;
    {
        AtomicFile file(dir / "keep.txt");
        temp = file.temporaryPath();
        std::ofstream(temp) << "half-writ";
    }
    EXPECT_FALSE(std::filesystem::exists(temp));
    EXPECT_EQ(readText(dir / "keep.txt"), "original");
}

TEST(AtomicFile, TemporaryKeepsTheExtension) {
    AtomicFile file("/somewhere/frame.0001.exr");
    EXPECT_EQ(file.temporaryPath().extension(), ".exr");
    EXPECT_EQ(file.temporaryPath().parent_path(), "/somewhere");
}

TEST(Hasher, KnownFnv1aValues) {
    EXPECT_EQ(Hasher().value(), 0xcbf29ce484222325ull);
    EXPECT_EQ(hashOf("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(Hasher().add("foobar").hex(), "85944171f73967e8");
}

TEST(Log, DropsMessagesBelowTheLevel) {
    Log log(LogLevel::Warning);
    std::vector<std::string> seen;
    log.setSink([&](LogLevel, std::string_view m) { seen.emplace_back(m); });
    log.info("hidden");
    log.warning("shown");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], "shown");
    LogLevel parsed;
    EXPECT_TRUE(parseLogLevel("debug", parsed));
    EXPECT_EQ(parsed, LogLevel::Debug);
    EXPECT_FALSE(parseLogLevel("loud", parsed));
}

}  // namespace
}  // namespace emu::core
