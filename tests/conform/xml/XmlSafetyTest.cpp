#include <gtest/gtest.h>

#include <chrono>

#include "TempDir.h"
#include "emulsion/conform/FcpXml.h"

#include <fstream>

namespace emu::conform {
namespace {

std::string errorOf(const std::string& xml) {
    auto r = readFcpXmlText(xml, "in.xml");
    return r.isOk() ? "(read)" : r.status().message();
}

TEST(XmlSafety, DoctypeWithDeclarationsIsRefusedWithoutExpansion) {
    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE xmeml [\n<!ENTITY a \"aaaaaaaaaa\">\n";
    for (int i = 1; i < 10; ++i) {
        laughs += "<!ENTITY " + std::string(1, char('a' + i)) + " \"";
        for (int k = 0; k < 10; ++k) laughs += "&" + std::string(1, char('a' + i - 1)) + ";";
        laughs += "\">\n";
    }
    laughs += "]>\n<xmeml version=\"5\"><sequence><name>&j;</name></sequence></xmeml>\n";
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(errorOf(laughs),
              "in.xml:2: DOCTYPE xmeml with declarations or an external identifier is not "
              "allowed");
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
    EXPECT_EQ(errorOf("<?xml version=\"1.0\"?>\n\n<!DOCTYPE fcpxml SYSTEM \"file:///etc/passwd\">\n"
                      "<fcpxml version=\"1.9\"/>"),
              "in.xml:3: DOCTYPE fcpxml with declarations or an external identifier is not "
              "allowed");
}

TEST(XmlSafety, UndeclaredEntityIsAnError) {
    EXPECT_EQ(errorOf("<xmeml version=\"5\">\n<sequence><name>&x;</name></sequence></xmeml>"),
              "in.xml:2: undefined entity");
}

TEST(XmlSafety, HugeTextNodeIsRefused) {
    const std::string xml = "<xmeml version=\"5\">\n<sequence>\n<name>" +
                            std::string(10 << 20, 'x') + "</name></sequence></xmeml>";
    EXPECT_EQ(errorOf(xml), "in.xml:3: text in <name> is longer than 1048576 bytes");
}

TEST(XmlSafety, DeepNestingIsRefused) {
    std::string xml = "<fcpxml version=\"1.10\">\n";
    for (int i = 0; i < 300; ++i) xml += "<spine>";
    for (int i = 0; i < 300; ++i) xml += "</spine>";
    xml += "</fcpxml>";
    EXPECT_EQ(errorOf(xml), "in.xml:2: elements nested deeper than 256");
}

TEST(XmlSafety, MalformedXmlGivesExpatsLine) {
    EXPECT_EQ(errorOf("<xmeml version=\"5\">\n<sequence>\n</xmeml>"), "in.xml:3: mismatched tag");
    EXPECT_EQ(errorOf("<edl/>"),
              "in.xml:1: <edl> is neither <xmeml> (FCP 7 XML) nor <fcpxml> (FCPXML)");
}

TEST(XmlSafety, FilesAreReadAndMissingOnesNamed) {
    test::TempDir dir;
    const auto path = dir / "cut.xml";
    std::ofstream(path) << "<xmeml version=\"5\"><sequence><name>S</name>"
                           "<rate><timebase>25</timebase></rate></sequence></xmeml>\n";
    auto r = readFcpXmlFile(path);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    EXPECT_EQ(r->timeline.rate, (timeline::Rate{25, 1}));
    EXPECT_TRUE(r->timeline.tracks.empty());
    auto missing = readFcpXmlFile(dir / "none.xml");
    ASSERT_FALSE(missing.isOk());
    EXPECT_EQ(missing.status().code(), ErrorCode::NotFound);
    EXPECT_EQ(missing.status().message(), (dir / "none.xml").string() + ": no such file");
}

}  // namespace
}  // namespace emu::conform
