#include "emulsion/panels/Mapping.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace emu::panels {

namespace {

std::vector<std::string> tokens(std::string_view line) {
    if (const auto hash = line.find('#'); hash != std::string_view::npos) {
        line = line.substr(0, hash);
    }
    std::vector<std::string> out;
    std::istringstream in{std::string(line)};
    for (std::string t; in >> t;) out.push_back(t);
    return out;
}

bool toDouble(const std::string& text, double& value) {
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && p == end;
}

bool toInt(const std::string& text, int& value) {
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && p == end;
}

// Parses one file line by line; each method reports "name:line: ...".
class Parser {
public:
    Parser(std::string_view text, std::string source) : m_text(text), m_source(std::move(source)) {}

    Result<Mapping> run() {
        std::istringstream in{std::string(m_text)};
        bool header = false;
        for (std::string line; std::getline(in, line);) {
            ++m_line;
            const std::vector<std::string> t = tokens(line);
            if (t.empty()) continue;
            if (!header) {
                if (t.size() != 2 || t[0] != "emulsion-panel-map") {
                    return error("expected the header 'emulsion-panel-map 1'");
                }
                if (t[1] != "1") return error("unsupported mapping version " + t[1]);
                header = true;
                continue;
            }
            EMU_RETURN_IF_ERROR(statement(t, line));
        }
        if (!header) return error("empty file: expected the header 'emulsion-panel-map 1'");
        if (m_map.pages.empty()) return error("no page: a mapping needs at least one 'page'");
        return std::move(m_map);
    }

private:
    Status error(const std::string& what) const {
        return makeError(ErrorCode::CorruptData,
                         m_source + ":" + std::to_string(m_line) + ": " + what);
    }

    Status control(const std::string& kind, const std::string& index, ControlId& id) const {
        if (!parseControlKind(kind, id.kind)) return error("unknown control '" + kind + "'");
        if (!toInt(index, id.index) || id.index < 1 || id.index > 255) {
            return error("control number must be 1..255, not '" + index + "'");
        }
        return Status::ok();
    }

    Status statement(const std::vector<std::string>& t, const std::string& line) {
        const std::string& k = t[0];
        if (k == "name") {
            const auto at = line.find("name");
            std::string rest = line.substr(at + 4);
            if (const auto hash = rest.find('#'); hash != std::string::npos) rest.resize(hash);
            const auto b = rest.find_first_not_of(" \t\"");
            const auto e = rest.find_last_not_of(" \t\"\r");
            m_map.name = b == std::string::npos ? "" : rest.substr(b, e - b + 1);
            return Status::ok();
        }
        if (k == "fine") {
            if (t.size() < 3 || t.size() > 4 || t[1] != "button") {
                return error("expected 'fine button N [scale]'");
            }
            ControlId id;
            EMU_RETURN_IF_ERROR(control(t[1], t[2], id));
            m_map.fineButton = id;
            if (t.size() == 4 && (!toDouble(t[3], m_map.fineScale) || m_map.fineScale <= 0)) {
                return error("fine scale must be a positive number, not '" + t[3] + "'");
            }
            return Status::ok();
        }
        if (k == "modifier") {
            if (t.size() != 4 || t[2] != "button")
                return error("expected 'modifier NAME button N'");
            Modifier m{t[1], {}};
            EMU_RETURN_IF_ERROR(control(t[2], t[3], m.button));
            m_map.modifiers.push_back(m);
            return Status::ok();
        }
        if (k == "page") {
            if (t.size() != 2) return error("expected 'page NAME'");
            m_map.pages.push_back(Page{t[1], {}, {}});
            m_layer = nullptr;
            return Status::ok();
        }
        if (k == "layer") {
            if (t.size() != 2) return error("expected 'layer MODIFIER'");
            if (m_map.pages.empty()) return error("'layer' before any 'page'");
            bool known = false;
            for (const Modifier& m : m_map.modifiers) known = known || m.name == t[1];
            if (!known) return error("layer '" + t[1] + "' names no declared modifier");
            m_map.pages.back().layers.push_back(Layer{t[1], {}});
            m_layer = &m_map.pages.back().layers.back();
            return Status::ok();
        }
        return binding(t);
    }

    Status binding(const std::vector<std::string>& t) {
        if (m_map.pages.empty()) return error("binding before any 'page'");
        if (t.size() < 3) return error("expected 'CONTROL N TARGET ...'");
        Binding b;
        b.line = m_line;
        EMU_RETURN_IF_ERROR(control(t[0], t[1], b.control));
        std::size_t i = 2;
        if (t[2] == "action") {
            if (t.size() != 4) return error("expected 'CONTROL N action NAME'");
            if (b.control.kind != ControlKind::Button) return error("only buttons take actions");
            if (!parseAction(t[3], b.action)) return error("unknown action '" + t[3] + "'");
            b.isAction = true;
        } else {
            if (b.control.kind == ControlKind::Button) {
                return error("a button binds an action, not a parameter");
            }
            const auto slash = t[2].find('/');
            if (slash == std::string::npos || slash == 0 || slash + 1 == t[2].size()) {
                return error("target must be NODE/PARAM, not '" + t[2] + "'");
            }
            b.nodeType = t[2].substr(0, slash);
            b.param = t[2].substr(slash + 1);
            b.component = b.control.kind == ControlKind::Ball ? kChroma : 0;
            i = 3;
            if (i < t.size() && t[i].find('=') == std::string::npos) {
                EMU_RETURN_IF_ERROR(component(t[i], b.component));
                ++i;
            }
            for (; i < t.size(); ++i) EMU_RETURN_IF_ERROR(option(t[i], b));
            if (b.control.kind == ControlKind::Ball && b.component != kChroma) {
                return error("a trackball drives a 'chroma' target");
            }
        }
        (m_layer ? m_layer->bindings : m_map.pages.back().bindings).push_back(b);
        return Status::ok();
    }

    Status component(const std::string& c, int& out) const {
        if (c == "r")
            out = 0;
        else if (c == "g")
            out = 1;
        else if (c == "b")
            out = 2;
        else if (c == "master")
            out = 3;
        else if (c == "chroma")
            out = kChroma;
        else if (!toInt(c, out) || out < 0)
            return error("unknown component '" + c + "'");
        return Status::ok();
    }

    Status option(const std::string& o, Binding& b) const {
        const auto eq = o.find('=');
        if (eq == std::string::npos) return error("expected KEY=VALUE, not '" + o + "'");
        const std::string key = o.substr(0, eq);
        double v = 0;
        if (!toDouble(o.substr(eq + 1), v)) return error("'" + o + "': not a number");
        if (key == "gain")
            b.gain = v;
        else if (key == "accel" && v >= 0)
            b.accel = v;
        else
            return error("unknown or invalid option '" + o + "'");
        return Status::ok();
    }

    std::string_view m_text;
    std::string m_source;
    int m_line = 0;
    Mapping m_map;
    Layer* m_layer = nullptr;
};

Status checkBinding(const Binding& b, const graph::NodeRegistry& registry,
                    const std::string& source) {
    if (b.isAction) return Status::ok();
    auto fail = [&](const std::string& what) {
        return makeError(ErrorCode::InvalidArgument,
                         source + ":" + std::to_string(b.line) + ": " + what);
    };
    const graph::NodeType* type = registry.find(b.nodeType);
    if (!type) return fail("unknown node type '" + b.nodeType + "'");
    const graph::ParamDesc* p = type->desc.findParam(b.param);
    if (!p) return fail("node '" + b.nodeType + "' has no parameter '" + b.param + "'");
    if (p->isText() || p->type == graph::ParamType::Curve || p->type == graph::ParamType::Points) {
        return fail("'" + b.nodeType + "/" + b.param + "' cannot be turned by a control");
    }
    const int size = static_cast<int>(p->defaultValue.size());
    if (b.component == kChroma && size < 3) {
        return fail("'chroma' needs a colour parameter; '" + b.param + "' has " +
                    std::to_string(size) + " component(s)");
    }
    if (b.component >= size) {
        return fail("'" + b.param + "' has no component " + std::to_string(b.component));
    }
    return Status::ok();
}

}  // namespace

std::vector<std::string> bindingsBeyondLayout(const Mapping& mapping, const SurfaceLayout& layout) {
    std::vector<std::string> out;
    auto check = [&](const ControlId& c, int line) {
        if (c.index <= layout.count(c.kind)) return;
        std::string what = std::string(toString(c.kind)) + " " + std::to_string(c.index);
        out.push_back((line > 0 ? "line " + std::to_string(line) + ": " : std::string()) + what +
                      ": " + layout.model + " has no " + what);
    };
    if (mapping.fineButton) check(*mapping.fineButton, 0);
    for (const Modifier& m : mapping.modifiers) check(m.button, 0);
    for (const Page& page : mapping.pages) {
        for (const Binding& b : page.bindings) check(b.control, b.line);
        for (const Layer& layer : page.layers) {
            for (const Binding& b : layer.bindings) check(b.control, b.line);
        }
    }
    return out;
}

Result<Mapping> parseMapping(std::string_view text, const std::string& sourceName) {
    return Parser(text, sourceName).run();
}

Result<Mapping> loadMapping(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, path.string() + ": cannot open mapping file");
    std::ostringstream s;
    s << in.rdbuf();
    return parseMapping(s.str(), path.string());
}

Result<Mapping> loadMappingByName(const std::string& nameOrPath) {
    if (auto text = builtinMappingText(nameOrPath)) return parseMapping(*text, nameOrPath);
    return loadMapping(nameOrPath);
}

std::string defaultMapFor(const std::string& driver) {
    if (driver == "speed-editor") return "speed-editor";
    if (driver.rfind("loupedeck", 0) == 0) return "loupedeck";
    if (driver.rfind("midi", 0) == 0) return "midi";
    return "resolve-micro";
}

Status validateMapping(const Mapping& mapping, const graph::NodeRegistry& registry,
                       const std::string& sourceName) {
    for (const Page& page : mapping.pages) {
        for (const Binding& b : page.bindings) {
            EMU_RETURN_IF_ERROR(checkBinding(b, registry, sourceName));
        }
        for (const Layer& layer : page.layers) {
            for (const Binding& b : layer.bindings) {
                EMU_RETURN_IF_ERROR(checkBinding(b, registry, sourceName));
            }
        }
    }
    return Status::ok();
}

}  // namespace emu::panels
