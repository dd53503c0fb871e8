#include "emulsion/graph/OcioNode.h"

#include <vector>

#include "emulsion/graph/ParamBlock.h"

namespace emu::graph {

Result<color::ColorConfig> activeConfig(const OcioContext& context) {
    if (context.config) return *context.config;
    return color::ColorConfig::builtin();
}

Result<std::optional<color::OcioShaderRequest>> ocioRequestOf(const Grade& grade,
                                                              const GradeNode& node,
                                                              const NodeType& type,
                                                              const OcioContext& context) {
    if (!type.ocioRequest) {
        return makeError(ErrorCode::Internal, describeNode(node) + " is not an OCIO node");
    }
    std::vector<float> block(std::max(type.desc.blockSize(), 1), 0.0f);
    writeNodeBlock(grade, node, type.desc, block.data());
    TextValues texts;
    for (const ParamDesc& p : type.desc.params) {
        if (p.isText()) texts[p.id] = grade.textValue(node, p);
    }
    auto request = type.ocioRequest(block.data(), texts, context.baseFolder);
    if (!request.isOk()) return request.status().withContext(describeNode(node));
    return request;
}

Result<std::string> ocioCacheIdOf(const Grade& grade, const GradeNode& node, const NodeType& type,
                                  const color::ColorConfig& config, const OcioContext& context) {
    EMU_ASSIGN_OR_RETURN(std::optional<color::OcioShaderRequest> request,
                         ocioRequestOf(grade, node, type, context));
    if (!request) return std::string("identity");
    auto id = color::ocioCacheId(config, *request);
    if (!id.isOk()) return id.status().withContext(describeNode(node));
    return id;
}

}  // namespace emu::graph
