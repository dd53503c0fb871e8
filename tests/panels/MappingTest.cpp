// Mapping files and the router: pages, modifier layers, fine, acceleration, actions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <thread>

#include "emulsion/nodes/BuiltinNodes.h"
#include "emulsion/panels/PanelSession.h"

namespace emu::panels {
namespace {

const char* kMap = R"(emulsion-panel-map 1
name Test map
fine button 20 0.25
modifier shift button 19
page one
ball 1 lgg/lift chroma gain=0.5
ring 1 lgg/lift master gain=0.25 accel=0.5
knob 3 contrast/contrast gain=2
button 1 action next-node
button 2 action next-page
layer shift
knob 3 contrast/pivot gain=1
page two
knob 3 saturation/saturation gain=4
button 2 action previous-page
)";

SurfaceEvent turn(ControlKind kind, int index, float dx, float dy = 0) {
    SurfaceEvent e;
    e.control = {kind, index};
    e.dx = dx;
    e.dy = dy;
    e.timeNs = 1;
    return e;
}

SurfaceEvent button(int index, bool pressed) {
    SurfaceEvent e;
    e.control = {ControlKind::Button, index};
    e.pressed = pressed;
    return e;
}

// The pending delta of one parameter component after routing, by name.
double pending(PanelSession& s, const std::string& type, const std::string& param, int c) {
    double sum = 0;
    for (const auto& p : s.deltas().drain()) {
        const ParamSlot& slot = s.router().slots()[p.slot];
        if (slot.nodeType == type && slot.param == param && slot.component == c) sum += p.delta;
    }
    return sum;
}

TEST(Mapping, BuiltinMapsParseAndFitTheNodes) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    ASSERT_GE(builtinMappingNames().size(), 4u);
    for (const std::string& name : builtinMappingNames()) {
        auto m = parseMapping(*builtinMappingText(name), name);
        ASSERT_TRUE(m.isOk()) << m.status().message();
        EXPECT_TRUE(validateMapping(*m, registry, name).isOk()) << name;
        EXPECT_FALSE(m->pages.empty());
    }
    auto micro = parseMapping(*builtinMappingText("resolve-micro"), "resolve-micro");
    // Resolve's colour page: balls 1..3 balance lift, gamma, gain; rings their masters.
    const Page& p = micro->pages.front();
    auto find = [&](ControlKind k, int i) -> const Binding* {
        for (const Binding& b : p.bindings)
            if (b.control == ControlId{k, i}) return &b;
        return nullptr;
    };
    ASSERT_TRUE(find(ControlKind::Ball, 3));
    EXPECT_EQ(find(ControlKind::Ball, 3)->param, "gain");
    EXPECT_EQ(find(ControlKind::Ball, 3)->component, kChroma);
    EXPECT_EQ(find(ControlKind::Ring, 1)->param, "lift");
    EXPECT_EQ(find(ControlKind::Ring, 1)->component, 3);
    EXPECT_EQ(find(ControlKind::Knob, 4)->nodeType, "contrast");
}

TEST(Mapping, BindingsBeyondTheDeviceAreListed) {
    auto micro = parseMapping(*builtinMappingText("resolve-micro"), "resolve-micro");
    auto speed = parseMapping(*builtinMappingText("speed-editor"), "speed-editor");
    ASSERT_TRUE(micro.isOk() && speed.isOk());
    SurfaceLayout speedEditor;  // the Speed Editor's controls: one jog, keys 1..0x3c
    speedEditor.model = "Speed Editor";
    speedEditor.jogs = 1;
    speedEditor.buttons = 0x3c;
    EXPECT_TRUE(bindingsBeyondLayout(*speed, speedEditor).empty());
    const std::vector<std::string> w = bindingsBeyondLayout(*micro, speedEditor);
    // The three-ball map's balls, rings and knobs are beyond a Speed Editor (line 13 of
    // panels/maps/resolve-micro.map is ball 1); its buttons 1..12 are within.
    ASSERT_FALSE(w.empty());
    EXPECT_NE(std::find(w.begin(), w.end(), "line 13: ball 1: Speed Editor has no ball 1"),
              w.end());
    EXPECT_EQ(
        std::count_if(w.begin(), w.end(),
                      [](const std::string& s) { return s.find("button") != std::string::npos; }),
        0);
}

TEST(Mapping, ErrorsNameFileAndLine) {
    auto bad = parseMapping("emulsion-panel-map 1\npage a\nknob 1 lgg/lift purple\n", "m.map");
    ASSERT_FALSE(bad.isOk());
    EXPECT_EQ(bad.status().message().rfind("m.map:3: ", 0), 0u) << bad.status().message();
    auto noHeader = parseMapping("page a\n", "x.map");
    EXPECT_EQ(noHeader.status().message().rfind("x.map:1: ", 0), 0u);
    auto layer = parseMapping("emulsion-panel-map 1\npage a\nlayer nope\n", "y.map");
    EXPECT_NE(layer.status().message().find("y.map:3"), std::string::npos);
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto unknown = parseMapping("emulsion-panel-map 1\npage a\nknob 1 lgg/lust master\n", "z.map");
    ASSERT_TRUE(unknown.isOk());
    const Status s = validateMapping(*unknown, registry, "z.map");
    EXPECT_EQ(s.message().rfind("z.map:3: ", 0), 0u) << s.message();
    auto chroma = parseMapping("emulsion-panel-map 1\npage a\nball 1 contrast/pivot\n", "c.map");
    EXPECT_FALSE(validateMapping(*chroma, registry, "c.map").isOk());
}

TEST(Router, ChromaGainFineAndAcceleration) {
    auto m = parseMapping(kMap, "test");
    ASSERT_TRUE(m.isOk()) << m.status().message();
    PanelSession s(*m);
    // Ball x=4, y=2 at gain 0.5: r = 2, g = -1 + sqrt(3)/2, b = -1 - sqrt(3)/2 (sum zero).
    s.handle(turn(ControlKind::Ball, 1, 4, 2));
    auto d = s.deltas().drain();
    ASSERT_EQ(d.size(), 3u);
    double r = 0, g = 0, b = 0;
    for (const auto& p : d) {
        const int c = s.router().slots()[p.slot].component;
        (c == 0 ? r : c == 1 ? g : b) = p.delta;
    }
    EXPECT_DOUBLE_EQ(r, 2.0);
    EXPECT_NEAR(g, -1.0 + std::sqrt(3.0) / 2, 1e-12);
    EXPECT_NEAR(b, -1.0 - std::sqrt(3.0) / 2, 1e-12);
    // Ring at 1 unit per report: linear (0.25 per unit); at 3 units: 3 * (1 + 0.5 * 2).
    s.handle(turn(ControlKind::Ring, 1, 1));
    EXPECT_DOUBLE_EQ(pending(s, "lgg", "lift", 3), 0.25);
    s.handle(turn(ControlKind::Ring, 1, 3));
    EXPECT_DOUBLE_EQ(pending(s, "lgg", "lift", 3), 0.25 * 3 * 2);
    // Fine held: a quarter.
    s.handle(button(20, true));
    s.handle(turn(ControlKind::Knob, 3, 1));
    EXPECT_DOUBLE_EQ(pending(s, "contrast", "contrast", 0), 0.5);
    s.handle(button(20, false));
    s.handle(turn(ControlKind::Knob, 3, 1));
    EXPECT_DOUBLE_EQ(pending(s, "contrast", "contrast", 0), 2.0);
}

TEST(Router, ModifierLayersAndPages) {
    auto m = parseMapping(kMap, "test");
    PanelSession s(*m);
    s.handle(button(19, true));  // shift: knob 3 turns the pivot
    s.handle(turn(ControlKind::Knob, 3, 1));
    EXPECT_DOUBLE_EQ(pending(s, "contrast", "pivot", 0), 1.0);
    s.handle(button(19, false));
    s.handle(button(2, true));  // next page
    s.handle(button(2, false));
    EXPECT_EQ(s.router().currentPageName(), "two");
    s.handle(turn(ControlKind::Knob, 3, 1));
    EXPECT_DOUBLE_EQ(pending(s, "saturation", "saturation", 0), 4.0);
    s.handle(turn(ControlKind::Ball, 1, 1));  // not bound on page two
    EXPECT_EQ(s.router().unmapped(), 1u);
    s.handle(button(2, true));
    EXPECT_EQ(s.router().currentPage(), 0);
}

TEST(Session, CommandsGoToTheRightNode) {
    const graph::NodeRegistry registry = nodes::builtinRegistry();
    auto m = parseMapping(kMap, "test");
    PanelSession s(*m);
    graph::GradeEditor editor(registry);
    graph::NodeId lggA = 0, lggB = 0;
    ASSERT_TRUE(editor.apply(graph::AddNode{"lgg", "a"}, &lggA).isOk());
    ASSERT_TRUE(editor.apply(graph::AddNode{"lgg", "b"}, &lggB).isOk());
    s.handle(turn(ControlKind::Ring, 1, 1));
    s.handle(button(1, true));
    // Current node lggB is an lgg: it gets the ring; the button is a station action.
    FrameInput f = s.takeFrame(editor.grade(), lggB);
    ASSERT_EQ(f.commands.size(), 1u);
    const auto& nudge = std::get<graph::NudgeParam>(f.commands[0]);
    EXPECT_EQ(nudge.node, lggB);
    EXPECT_EQ(nudge.param, "lift");
    EXPECT_EQ(nudge.component, 3);
    EXPECT_FLOAT_EQ(nudge.delta, 0.25f);
    ASSERT_EQ(f.stationActions.size(), 1u);
    EXPECT_EQ(f.stationActions[0], Action::NextNode);
    // No current lgg: the first one (lowest id).
    s.handle(turn(ControlKind::Ring, 1, 1));
    f = s.takeFrame(editor.grade(), 0);
    EXPECT_EQ(std::get<graph::NudgeParam>(f.commands[0]).node, std::min(lggA, lggB));
    // A node type the grade lacks: dropped and counted.
    s.handle(turn(ControlKind::Knob, 3, 1));
    f = s.takeFrame(editor.grade(), 0);
    EXPECT_TRUE(f.commands.empty());
    EXPECT_EQ(s.droppedForMissingNode(), 1u);
}

TEST(ActionQueue, FullQueueWaitsAndNeverDrops) {
    ActionQueue q(4);
    constexpr int kCount = 1000;
    std::thread producer([&] {
        for (int i = 0; i < kCount; ++i) q.push({Action::Play, i});
    });
    std::vector<std::int64_t> got;
    while (static_cast<int>(got.size()) < kCount) {
        for (const QueuedAction& a : q.popAll()) got.push_back(a.timeNs);
        EXPECT_LE(q.size(), q.capacity());
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    producer.join();
    ASSERT_EQ(got.size(), static_cast<std::size_t>(kCount));
    for (int i = 0; i < kCount; ++i) EXPECT_EQ(got[i], i);
    EXPECT_GT(q.waits(), 0u);  // the producer did have to wait: back-pressure, not loss
}

}  // namespace
}  // namespace emu::panels
