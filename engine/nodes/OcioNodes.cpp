// Nodes made by OpenColorIO: a LUT file and a colour space conversion. Their GLSL, look-up
// textures and CPU reference come from OCIO for each node (graph::OcioNode); this file only
// says which transform a node's parameters ask for.
#include <filesystem>
#include <system_error>

#include "NodeBuilders.h"
#include "emulsion/nodes/BuiltinNodes.h"

namespace emu::nodes {

using graph::NodeShape;
using graph::TextValues;

namespace {

ParamDesc textParam(std::string id, std::string label, std::string def, UiHint ui) {
    ParamDesc p;
    p.id = std::move(id);
    p.label = std::move(label);
    p.type = ParamType::Text;
    p.min = 0;
    p.max = 0;
    p.step = 0;
    p.ui = ui;
    p.defaultText = std::move(def);
    return p;
}

// ---- lut

// Block: interpolation, inverse (file is text).
constexpr int kLutInterpolation = 0;
constexpr int kLutInverse = 1;

// A relative path is relative to `baseFolder` (a grade's folder); OCIO would otherwise look
// for it along the config's search path. Absolute, so OCIO's file cache keys it uniquely.
std::string resolvePath(const std::string& file, const std::filesystem::path& baseFolder) {
    std::filesystem::path path(file);
    if (path.is_relative() && !baseFolder.empty()) path = baseFolder / path;
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal().string();
}

Result<std::optional<color::OcioShaderRequest>> lutRequest(
    const float* p, const TextValues& text, const std::filesystem::path& baseFolder) {
    const std::string& file = text.at("file");
    if (file.empty()) return std::optional<color::OcioShaderRequest>();  // no file chosen yet
    color::OcioShaderRequest request;
    request.lutFile = resolvePath(file, baseFolder);
    static constexpr color::LutInterpolation kInterpolations[] = {
        color::LutInterpolation::Tetrahedral, color::LutInterpolation::Linear,
        color::LutInterpolation::Best};
    request.lutInterpolation = kInterpolations[int(p[kLutInterpolation])];
    request.inverse = p[kLutInverse] != 0.0f;
    return std::optional(std::move(request));
}

// ---- cst

Result<std::optional<color::OcioShaderRequest>> cstRequest(const float*, const TextValues& text,
                                                           const std::filesystem::path&) {
    const std::string& from = text.at("from");
    const std::string& to = text.at("to");
    const std::string& looks = text.at("looks");
    if (from.empty() && to.empty() && looks.empty()) {
        return std::optional<color::OcioShaderRequest>();  // nothing chosen yet
    }
    if (from.empty() || to.empty()) {
        return makeError(ErrorCode::InvalidArgument,
                         std::string("parameter '") + (from.empty() ? "from" : "to") +
                             "' is empty: a conversion needs both colour spaces");
    }
    color::OcioShaderRequest request;
    request.from = from;
    request.to = to;
    request.looks = looks;
    return std::optional(std::move(request));
}

}  // namespace

graph::NodeType makeLutNode() {
    graph::NodeType t =
        makeType("lut", 1, "LUT", NodeShape::Corrector,
                 {textParam("file", "File", "", UiHint::FilePath),
                  enumParam("interpolation", "Interpolation", 0, {"tetrahedral", "linear", "best"}),
                  boolParam("inverse", "Inverse", false)});
    t.ocioRequest = lutRequest;
    t.glslFunction.clear();
    return t;
}

graph::NodeType makeCstNode() {
    graph::NodeType t = makeType("cst", 1, "Colour Space Transform", NodeShape::Corrector,
                                 {textParam("from", "From", "", UiHint::TextField),
                                  textParam("to", "To", "", UiHint::TextField),
                                  textParam("looks", "Looks", "", UiHint::TextField)});
    t.ocioRequest = cstRequest;
    t.glslFunction.clear();
    return t;
}

}  // namespace emu::nodes
