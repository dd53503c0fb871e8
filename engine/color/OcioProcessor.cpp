#include "OcioProcessor.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "emulsion/color/OcioAccess.h"

namespace OCIO = OCIO_NAMESPACE;

namespace emu::color {
namespace {

Status checkNames(const ColorConfig& config, const OcioShaderRequest& request) {
    if (!request.lutFile.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(request.lutFile, ec)) {
            return core::makeError(ErrorCode::NotFound,
                                   "LUT file '" + request.lutFile + "' not found");
        }
        return Status::ok();
    }
    if (!config.hasColorSpace(request.from)) {
        return core::makeError(ErrorCode::NotFound, "no colour space '" + request.from + "'");
    }
    if (request.display.empty()) {
        if (!config.hasColorSpace(request.to)) {
            return core::makeError(ErrorCode::NotFound, "no colour space '" + request.to + "'");
        }
        return Status::ok();
    }
    const auto displays = config.displays();
    if (std::find(displays.begin(), displays.end(), request.display) == displays.end()) {
        return core::makeError(ErrorCode::NotFound, "no display '" + request.display + "'");
    }
    const auto views = config.views(request.display);
    if (std::none_of(views.begin(), views.end(),
                     [&](const ViewInfo& v) { return v.name == request.view; })) {
        return core::makeError(ErrorCode::NotFound, "display '" + request.display +
                                                        "' has no view '" + request.view + "'");
    }
    return Status::ok();
}

// OCIO's "best" is tetrahedral for a 3D LUT and linear for a 1D LUT, whereas an explicit
// tetrahedral makes OCIO warn about (and ignore) it for every 1D LUT: ask for the best.
OCIO::Interpolation ocioInterpolation(LutInterpolation interpolation) {
    switch (interpolation) {
        case LutInterpolation::Tetrahedral:
            return OCIO::INTERP_BEST;
        case LutInterpolation::Linear:
            return OCIO::INTERP_LINEAR;
        case LutInterpolation::Nearest:
            return OCIO::INTERP_NEAREST;
        case LutInterpolation::Best:
            return OCIO::INTERP_BEST;
    }
    return OCIO::INTERP_BEST;
}

// The processor of request.lutFile alone. Throws OCIO::Exception when OCIO cannot read the file.
OCIO::ConstProcessorRcPtr makeLutProcessor(const OCIO::ConstConfigRcPtr& config,
                                           const OcioShaderRequest& request) {
    auto file = OCIO::FileTransform::Create();
    file->setSrc(request.lutFile.c_str());
    file->setInterpolation(ocioInterpolation(request.lutInterpolation));
    file->setDirection(request.inverse ? OCIO::TRANSFORM_DIR_INVERSE : OCIO::TRANSFORM_DIR_FORWARD);
    return config->getProcessor(file);
}

// Throws OCIO::Exception on refusal.
OCIO::ConstProcessorRcPtr makeProcessor(const OCIO::ConstConfigRcPtr& config,
                                        const OcioShaderRequest& request) {
    if (!request.lutFile.empty()) return makeLutProcessor(config, request);
    if (request.display.empty()) {
        if (request.looks.empty()) {
            return config->getProcessor(request.from.c_str(), request.to.c_str());
        }
        auto look = OCIO::LookTransform::Create();
        look->setSrc(request.from.c_str());
        look->setDst(request.to.c_str());
        look->setLooks(request.looks.c_str());
        return config->getProcessor(look);
    }
    auto displayView = OCIO::DisplayViewTransform::Create();
    displayView->setSrc(request.from.c_str());
    displayView->setDisplay(request.display.c_str());
    displayView->setView(request.view.c_str());
    if (request.looks.empty()) return config->getProcessor(displayView);
    // The extra looks run first, in and back to the source space, then the view as usual.
    auto look = OCIO::LookTransform::Create();
    look->setSrc(request.from.c_str());
    look->setDst(request.from.c_str());
    look->setLooks(request.looks.c_str());
    auto group = OCIO::GroupTransform::Create();
    group->appendTransform(look);
    group->appendTransform(displayView);
    return config->getProcessor(group);
}

}  // namespace

Result<OCIO::ConstProcessorRcPtr> makeOcioProcessor(const ColorConfig& config,
                                                    const OcioShaderRequest& request) {
    EMU_RETURN_IF_ERROR(checkNames(config, request));
    try {
        return makeProcessor(OcioAccess::config(config), request);
    } catch (const OCIO::Exception& e) {
        if (!request.lutFile.empty()) {
            return core::makeError(ErrorCode::CorruptData, request.lutFile + ": " + e.what());
        }
        return core::makeError(ErrorCode::InvalidArgument,
                               std::string("OCIO cannot build the transform: ") + e.what());
    }
}

}  // namespace emu::color
