#pragma once

// Private to the media module: translation between OpenEXR's header types and ExrFrame's, shared
// by ExrReader.cpp and ExrWriter.cpp. Nothing here is part of the public API.

#include <OpenEXR/ImfAttribute.h>
#include <OpenEXR/ImfCompression.h>
#include <OpenEXR/ImfHeader.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulsion/core/Status.h"
#include "emulsion/media/ExrFrame.h"

namespace emu::media {

// The attributes of a source header that neither ExrFrame's fields nor ExrAttributes' typed
// members describe, as deep copies. Immutable once built (shared between frame copies).
struct ExrOpaqueHeader {
    std::vector<std::pair<std::string, std::unique_ptr<Imf::Attribute>>> attributes;
};

// Attributes that describe how pixels are laid out in the file. They always come from the
// ExrFrame being written, never from a passthrough.
bool isStructuralAttribute(std::string_view name);

// Splits a header's attributes into typed values, strings and the opaque rest.
// Failure: none (an attribute that does not fit its typed member stays opaque).
ExrAttributes attributesFromHeader(const Imf::Header& header);

// Adds `attributes` to `header`: the passthrough first, then the typed members over it.
// Failure: InvalidArgument for an out-of-range time code or frame rate, or a string attribute
// with a structural name. Thread: any.
Status applyAttributes(const ExrAttributes& attributes, Imf::Header& header);

ExrCompression fromImf(Imf::Compression compression);
Imf::Compression toImf(ExrCompression compression);
Box2i fromImath(const Imath::Box2i& box);
Imath::Box2i toImath(const Box2i& box);

}  // namespace emu::media
