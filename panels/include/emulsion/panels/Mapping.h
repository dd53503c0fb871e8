#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/graph/NodeRegistry.h"
#include "emulsion/panels/ActionQueue.h"
#include "emulsion/panels/Surface.h"

namespace emu::panels {

// Component selector of a parameter target. Chroma: a trackball's x/y turned into a balance
// change of r, g and b (summing to zero, so the level stays put), as a colour wheel moves.
inline constexpr int kChroma = -1;

// One control bound to a parameter component or to an action.
struct Binding {
    ControlId control;
    bool isAction = false;
    Action action = Action::Play;
    std::string nodeType;  // "lgg": the current node if of this type, else the first such
    std::string param;     // "lift"
    int component = 0;     // 0.. or kChroma
    double gain = 1.0;     // parameter units per device unit (ball count, detent)
    double accel = 0.0;    // extra gain per unit of speed beyond one unit per report
    int line = 0;          // in the mapping file, for messages
};

// Bindings active while a modifier button is held; controls it does not bind keep the
// page's own binding.
struct Layer {
    std::string modifier;
    std::vector<Binding> bindings;
};

struct Page {
    std::string name;
    std::vector<Binding> bindings;
    std::vector<Layer> layers;
};

struct Modifier {
    std::string name;
    ControlId button;
};

// A mapping file: pages of bindings with modifier layers, a fine button.
// The text format is described in docs/PANELS.md.
struct Mapping {
    std::string name;
    std::vector<Modifier> modifiers;
    std::optional<ControlId> fineButton;
    double fineScale = 0.1;
    std::vector<Page> pages;
};

// Parses the text; errors read "name:line: what is wrong". Never throws.
Result<Mapping> parseMapping(std::string_view text, const std::string& sourceName);
Result<Mapping> loadMapping(const std::filesystem::path& path);
// Checks every parameter binding against the node descriptions (known node type and
// parameter, component in range, chroma only on a three- or four-component parameter).
Status validateMapping(const Mapping& mapping, const graph::NodeRegistry& registry,
                       const std::string& sourceName);

// Bindings (and fine and modifier buttons) naming controls `layout` does not have, one line
// each ("line 7: ball 1: a Blackmagic Speed Editor has no ball 1"): a map made for another
// panel still loads, its other bindings work, and the user is told which ones cannot.
std::vector<std::string> bindingsBeyondLayout(const Mapping& mapping, const SurfaceLayout& layout);

// The mappings that ship with Emulsion, by name ("resolve-micro", "speed-editor", ...): the
// text of panels/maps/<name>.map, built into the program.
std::vector<std::string> builtinMappingNames();
std::optional<std::string_view> builtinMappingText(const std::string& name);
// A built-in mapping by name, else a mapping file at that path.
Result<Mapping> loadMappingByName(const std::string& nameOrPath);
// The built-in map mirroring the Resolve colour page on a surface of that driver.
std::string defaultMapFor(const std::string& driver);

}  // namespace emu::panels
