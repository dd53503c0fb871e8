#include "emulsion/render/FrameOverlay.h"

namespace emu::render {

Status checkPreset(const Preset& preset, const RenderCapabilities& capabilities) {
    std::vector<std::string> missing;
    if ((preset.codec == "h264" || preset.codec == "h265") && !capabilities.reviewCodecs) {
        missing.push_back("an " + std::string(preset.codec == "h264" ? "H.264" : "H.265") +
                          " encoder (movies are ProRes or DNxHR)");
    }
    if (preset.container == "mxf") {
        missing.push_back("an MXF writer (DNxHR is written in QuickTime .mov)");
    }
    if (!preset.burnins.empty() && !capabilities.burnins) {
        missing.push_back("a burn-in text renderer");
    }
    if (preset.audio && !capabilities.audioMux) missing.push_back("audio muxing of the final mix");
    if (preset.audio && preset.perFrameFiles()) {
        return makeError(ErrorCode::InvalidArgument,
                         preset.file.string() + ": \"audio\" needs a movie container");
    }
    if (missing.empty()) return Status::ok();
    std::string text;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    }
    return makeError(ErrorCode::Unsupported,
                     "preset " + preset.name + " needs what this build lacks: " + text);
}

}  // namespace emu::render
