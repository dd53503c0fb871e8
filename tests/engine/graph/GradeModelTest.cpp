#include <gtest/gtest.h>

#include "NodeHarness.h"
#include "TempDir.h"
#include "emulsion/graph/Commands.h"
#include "emulsion/graph/GradeJson.h"
#include "emulsion/graph/Planner.h"
#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/nodes/ExampleGrades.h"

namespace emu::graph {
namespace {

// source -> cdl -> lgg -> contrast -> { sat | exposure keyed by window } -> parallel -> output
Grade typicalGrade() {
    GradeEditor e(registry(), Grade());
    NodeId src, cdl, lgg, con, sat, expo, win, par, out;
    EXPECT_TRUE(e.apply(AddNode{"source"}, &src).isOk());
    EXPECT_TRUE(e.apply(AddNode{"cdl", "Balance"}, &cdl).isOk());
    EXPECT_TRUE(e.apply(AddNode{"lgg"}, &lgg).isOk());
    EXPECT_TRUE(e.apply(AddNode{"contrast"}, &con).isOk());
    EXPECT_TRUE(e.apply(AddNode{"saturation"}, &sat).isOk());
    EXPECT_TRUE(e.apply(AddNode{"exposure", "Face"}, &expo).isOk());
    EXPECT_TRUE(e.apply(AddNode{"window"}, &win).isOk());
    EXPECT_TRUE(e.apply(AddNode{"parallel"}, &par).isOk());
    EXPECT_TRUE(e.apply(AddNode{"output"}, &out).isOk());
    for (auto [a, b] : {std::pair{src, cdl},
                        {cdl, lgg},
                        {lgg, con},
                        {con, sat},
                        {con, expo},
                        {con, win},
                        {con, par},
                        {par, out}}) {
        EXPECT_TRUE(e.apply(Connect{{a, "image", b, "image"}}).isOk());
    }
    EXPECT_TRUE(e.apply(Connect{{win, "matte", expo, "key"}}).isOk());
    EXPECT_TRUE(e.apply(Connect{{sat, "image", par, "a"}}).isOk());
    EXPECT_TRUE(e.apply(Connect{{expo, "image", par, "b"}}).isOk());
    EXPECT_TRUE(e.apply(SetParam{cdl, "slope", {1.1f, 1.0f, 0.9f}}).isOk());
    EXPECT_TRUE(e.apply(SetParam{lgg, "gamma", {1.0f, 1.0f, 1.0f, 1.2f}}).isOk());
    EXPECT_TRUE(e.apply(SetParam{expo, "stops", {0.75f}}).isOk());
    EXPECT_TRUE(e.apply(SetParam{win, "softness", {0.25f}}).isOk());
    return e.grade();
}

TEST(GradeJson, RoundTripsUnchanged) {
    Grade g = typicalGrade();
    std::string text = gradeToJson(g);
    auto back = gradeFromJson(text, "typical.json");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(*back, g);
    EXPECT_EQ(gradeToJson(*back), text);  // byte-identical on a second write
    EXPECT_NE(text.find("\"slope\": [1.1, 1, 0.9]"), std::string::npos) << text;
}

TEST(GradeJson, SaveAndLoadThroughAFile) {
    test::TempDir dir;
    Grade g = typicalGrade();
    ASSERT_TRUE(saveGrade(dir / "g.json", g).isOk());
    auto back = loadGrade(dir / "g.json");
    ASSERT_TRUE(back.isOk());
    EXPECT_EQ(*back, g);
}

TEST(GradeJson, MalformedJsonNamesFileAndLine) {
    auto r = gradeFromJson("{\n  \"format\": \"emulsion.grade\",\n  \"nodes\": [ }\n", "bad.json");
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find("bad.json:3"), std::string::npos) << r.status().message();
}

TEST(GradeJson, WrongShapesAreRejected) {
    EXPECT_FALSE(gradeFromJson("[]", "x").isOk());
    EXPECT_FALSE(
        gradeFromJson(R"({"format":"emulsion.grade","formatVersion":99,"nodes":[]})", "x").isOk());
    auto r = gradeFromJson(
        R"({"format":"emulsion.grade","formatVersion":1,"nodes":[{"id":1,"type":"cdl","version":1,"params":{"slope":true}}]})",
        "x.json");
    ASSERT_FALSE(r.isOk());
    EXPECT_NE(r.status().message().find("slope"), std::string::npos);
}

TEST(GradeValidation, TextForANumericParameterNamesNodeAndParameter) {
    // Structurally a string is a Text parameter; the registry says slope takes numbers.
    auto g = gradeFromJson(
        R"({"format":"emulsion.grade","formatVersion":2,"nodes":[{"id":3,"type":"cdl","version":1,"params":{"slope":"big"}}]})",
        "x.json");
    ASSERT_TRUE(g.isOk()) << g.status().message();
    Status s = g->validate(registry());
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 3 (cdl): parameter 'slope' takes numbers, not text"),
              std::string::npos)
        << s.message();
    GradeEditor e(registry(), typicalGrade());
    EXPECT_FALSE(e.apply(SetText{2, "slope", "big"}).isOk());
    EXPECT_EQ(e.grade(), typicalGrade());
}

TEST(GradeValidation, ErrorsNameTheNodeAndParameter) {
    Grade g = typicalGrade();
    g.node(2)->params["slope"] = {1, 1, 99};  // over the range
    g.node(3)->params["warmth"] = {1};        // no such parameter
    Status s = g.validate(registry());
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 2 (cdl 'Balance'): parameter 'slope' = 99"), std::string::npos)
        << s.message();
    EXPECT_NE(s.message().find("node 3 (lgg): parameter 'warmth' is not a parameter"),
              std::string::npos)
        << s.message();
}

TEST(GradeValidation, UnknownTypeAndVersion) {
    Grade g = typicalGrade();
    g.node(2)->version = 7;
    g.addNode({0, "teleport", 1, "", false, {}});
    Status s = g.validate(registry());
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("version 7 is not known"), std::string::npos);
    EXPECT_NE(s.message().find("unknown node type 'teleport'"), std::string::npos);
}

TEST(GradeValidation, CyclesAndPortMismatchesAreRefused) {
    GradeEditor e(registry(), typicalGrade());
    Status cycle = e.apply(Connect{{4, "image", 2, "image"}});  // contrast back into cdl
    ASSERT_FALSE(cycle.isOk());
    EXPECT_NE(cycle.message().find("cycle"), std::string::npos) << cycle.message();
    Status types = e.apply(Connect{{7, "matte", 5, "image"}});  // matte into an image input
    ASSERT_FALSE(types.isOk());
    EXPECT_NE(types.message().find("port types differ"), std::string::npos);
    EXPECT_EQ(e.grade(), typicalGrade()) << "a refused command changes nothing";
}

TEST(GradeValidation, MissingRequiredInput) {
    Grade g = typicalGrade();
    g.disconnect(3, "image");
    Status s = g.validate(registry());
    ASSERT_FALSE(s.isOk());
    EXPECT_NE(s.message().find("node 3 (lgg): input 'image' is not connected"), std::string::npos);
}

TEST(GradeEditor, EveryCommandUndoesAndRedoes) {
    GradeEditor e(registry(), typicalGrade());
    const Grade start = e.grade();
    std::vector<Command> commands{SetParam{2, "power", {1.2f, 1.0f, 1.0f}},
                                  NudgeParam{3, "gain", 3, 0.25f},
                                  Bypass{4, true},
                                  ResetNode{2},
                                  AddNode{"saturation"},
                                  Disconnect{8, "b"},
                                  RemoveNode{5},
                                  Connect{{2, "image", 8, "c"}}};
    std::vector<Grade> states{start};
    for (const Command& c : commands) {
        ASSERT_TRUE(e.apply(c).isOk());
        states.push_back(e.grade());
    }
    for (std::size_t i = states.size() - 1; i > 0; --i) {
        ASSERT_TRUE(e.undo());
        EXPECT_EQ(e.grade(), states[i - 1]) << "undo " << i;
    }
    EXPECT_FALSE(e.undo());
    for (std::size_t i = 1; i < states.size(); ++i) {
        ASSERT_TRUE(e.redo());
        EXPECT_EQ(e.grade(), states[i]) << "redo " << i;
    }
}

TEST(GradeEditor, NudgeClampsToTheRange) {
    GradeEditor e(registry(), typicalGrade());
    ASSERT_TRUE(e.apply(NudgeParam{5, "saturation", 0, -100.0f}).isOk());
    EXPECT_EQ(e.grade().node(5)->params.at("saturation"), std::vector<float>{0.0f});
    EXPECT_TRUE(e.lastChangeWasParamsOnly());
    EXPECT_FALSE(e.apply(SetParam{5, "saturation", {-1.0f}}).isOk());
    EXPECT_FALSE(e.apply(SetParam{99, "saturation", {1.0f}}).isOk());
}

TEST(Planner, PointwiseGradeFusesIntoOnePass) {
    auto plan = planGrade(typicalGrade(), registry());
    ASSERT_TRUE(plan.isOk()) << plan.status().message();
    ASSERT_EQ(plan->passes.size(), 1u) << plan->describe(typicalGrade());
    EXPECT_EQ(plan->passes[0].nodes.size(), 7u);
    EXPECT_EQ(plan->passes[0].inputs.size(), 1u);   // the source only
    EXPECT_EQ(plan->passes[0].outputs.size(), 1u);  // the result only
    EXPECT_EQ(plan->imageSlots, 0);                 // no intermediate image at all
}

TEST(Planner, BypassedNodesCostNothing) {
    Grade g = typicalGrade();
    g.node(4)->bypass = true;  // contrast
    g.node(7)->bypass = true;  // the window: the exposure's key reads as 1
    auto plan = planGrade(g, registry());
    ASSERT_TRUE(plan.isOk());
    EXPECT_EQ(plan->passes[0].nodes.size(), 5u);
    EXPECT_EQ(resolveInput(g, registry(), 6, "key"), std::nullopt);
    EXPECT_EQ(resolveInput(g, registry(), 5, "image"), (ValueRef{3, 0}));
}

TEST(Planner, IdentityGradeHasNoPasses) {
    auto plan = planGrade(Grade::identity(), registry());
    ASSERT_TRUE(plan.isOk());
    EXPECT_TRUE(plan->passes.empty());
    EXPECT_EQ(plan->result, plan->source);
}

}  // namespace
}  // namespace emu::graph

namespace emu::graph {
namespace {

TEST(TypicalGrade, TwelveNodesPlanIntoAtMostThreePasses) {
    auto grade = nodes::typicalGrade(registry());
    ASSERT_TRUE(grade.isOk()) << grade.status().message();
    EXPECT_EQ(grade->nodes().size(), 14u);  // 12 nodes, the source and the output
    auto plan = planGrade(*grade, registry());
    ASSERT_TRUE(plan.isOk()) << plan.status().message();
    EXPECT_LE(plan->passes.size(), 3u) << plan->describe(*grade);
    auto unfused = planGrade(*grade, registry(), PlanOptions{false});
    ASSERT_TRUE(unfused.isOk());
    EXPECT_EQ(unfused->passes.size(), 12u);
}

TEST(TypicalGrade, JsonRoundTripsUnchanged) {
    auto grade = nodes::typicalGrade(registry());
    ASSERT_TRUE(grade.isOk());
    const std::string text = gradeToJson(*grade);
    auto back = gradeFromJson(text, "typical.json");
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(*back, *grade);
    EXPECT_EQ(gradeToJson(*back), text);
}

}  // namespace
}  // namespace emu::graph

namespace emu::graph {
namespace {

TEST(GradeJson, DamagedFilesNeverCrash) {
    auto grade = nodes::typicalGrade(registry());
    ASSERT_TRUE(grade.isOk());
    const std::string text = gradeToJson(*grade);
    int refused = 0;
    // Every truncation, and a byte flipped at every 7th position.
    for (std::size_t n = 0; n < text.size(); ++n) {
        auto r = gradeFromJson(text.substr(0, n), "cut.json");
        if (!r.isOk()) {
            ++refused;
            EXPECT_NE(r.status().message().find("cut.json"), std::string::npos);
        } else {
            (void)r->validate(registry());
        }
    }
    for (std::size_t i = 0; i < text.size(); i += 7) {
        std::string damaged = text;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
        auto r = gradeFromJson(damaged, "flip.json");
        if (r.isOk()) (void)planGrade(*r, registry());  // may be valid; must not crash
    }
    // Every prefix but the one that only lacks the final newline is refused.
    EXPECT_EQ(refused, static_cast<int>(text.size()) - 1);
}

}  // namespace
}  // namespace emu::graph

namespace emu::graph {
namespace {

TEST(GradeView, ViewAtANodeEndsThereAndDropsTheRest) {
    Grade g = typicalGrade();  // node 4 is the contrast, 9 the output
    auto view = g.viewAt(4, registry());
    ASSERT_TRUE(view.isOk()) << view.status().message();
    EXPECT_EQ(view->inputOf(9, "image")->fromNode, 4);
    auto plan = planGrade(*view, registry());
    ASSERT_TRUE(plan.isOk());
    EXPECT_EQ(plan->passes[0].nodes, (std::vector<NodeId>{2, 3, 4}));
    EXPECT_FALSE(g.viewAt(7, registry()).isOk());  // the window gives a matte only
    EXPECT_FALSE(g.viewAt(99, registry()).isOk());
}

}  // namespace
}  // namespace emu::graph
