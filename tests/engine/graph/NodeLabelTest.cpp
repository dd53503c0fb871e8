// Labels: the names a colourist gives nodes. Set by a command (undoable, refused whole when
// wrong), kept through the grade's JSON.
#include <gtest/gtest.h>

#include "NodeHarness.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeJson.h"

namespace emu::graph {
namespace {

// source -> lgg -> output, the lgg being node 3.
GradeEditor editorWithLgg() {
    GradeEditor e(registry());
    EXPECT_TRUE(e.apply(AddNode{"lgg", {}, 3}).isOk());
    EXPECT_TRUE(e.apply(Connect{{1, "image", 3, "image"}}).isOk());
    EXPECT_TRUE(e.apply(Connect{{3, "image", 2, "image"}}).isOk());
    return e;
}

TEST(NodeLabel, SetLabelNamesTheNodeAndUndoes) {
    GradeEditor e = editorWithLgg();
    const Grade before = e.grade();
    ASSERT_TRUE(e.apply(SetLabel{3, "Skin"}).isOk());
    EXPECT_EQ(e.grade().node(3)->label, "Skin");
    EXPECT_EQ(describeNode(*e.grade().node(3)), "node 3 (lgg 'Skin')");
    EXPECT_TRUE(e.lastChangeWasParamsOnly()) << "a label changes nothing a renderer builds";
    ASSERT_TRUE(e.apply(SetLabel{3, ""}).isOk());
    EXPECT_EQ(e.grade().node(3)->label, "");
    ASSERT_TRUE(e.undo());
    EXPECT_EQ(e.grade().node(3)->label, "Skin");
    ASSERT_TRUE(e.undo());
    EXPECT_EQ(e.grade(), before);
    ASSERT_TRUE(e.redo());
    EXPECT_EQ(e.grade().node(3)->label, "Skin");
}

TEST(NodeLabel, RefusesAMissingNodeControlCharactersAndLongLabels) {
    GradeEditor e = editorWithLgg();
    const Grade before = e.grade();
    Status missing = e.apply(SetLabel{9, "Sky"});
    ASSERT_FALSE(missing.isOk());
    EXPECT_NE(missing.message().find("no node 9"), std::string::npos) << missing.message();
    Status newline = e.apply(SetLabel{3, "two\nlines"});
    ASSERT_FALSE(newline.isOk());
    EXPECT_NE(newline.message().find("node 3 (lgg): a label cannot hold control characters"),
              std::string::npos)
        << newline.message();
    Status longLabel = e.apply(SetLabel{3, std::string(kMaxLabelBytes + 1, 'x')});
    ASSERT_FALSE(longLabel.isOk());
    EXPECT_NE(longLabel.message().find("at most 64 bytes"), std::string::npos)
        << longLabel.message();
    EXPECT_TRUE(e.apply(SetLabel{3, std::string(kMaxLabelBytes, 'x')}).isOk());
    ASSERT_TRUE(e.undo());
    EXPECT_EQ(e.grade(), before) << "refused labels change nothing";
}

TEST(NodeLabel, LabelsRoundTripThroughJson) {
    GradeEditor e = editorWithLgg();
    // Quotes, a backslash and UTF-8 must survive the writer's escaping.
    const std::string label = "Skin \"warm\" \\ caf\xc3\xa9";
    ASSERT_TRUE(e.apply(SetLabel{3, label}).isOk());
    const std::string text = gradeToJson(e.grade());
    EXPECT_NE(text.find("\"label\": "), std::string::npos) << text;
    auto back = gradeFromJson(text, "labelled.json");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(back->node(3)->label, label);
    EXPECT_EQ(*back, e.grade());
    // An unlabelled node writes no label at all.
    ASSERT_TRUE(e.apply(SetLabel{3, ""}).isOk());
    EXPECT_EQ(gradeToJson(e.grade()).find("\"label\""), std::string::npos);
}

}  // namespace
}  // namespace emu::graph
