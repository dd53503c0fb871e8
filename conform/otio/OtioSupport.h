#pragma once

// Pieces the OTIO reader and writer share: input limits, rates as OTIO's doubles, file URLs,
// and metadata flattened into the timeline's string map. Private to emu_conform_otio.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "emulsion/core/Status.h"
#include "emulsion/timeline/Time.h"

namespace emu::conform::otio {

// Keys keep the order they had in the file, so media references keep theirs.
using Json = nlohmann::ordered_json;

// 1-based line of byte offset `byte` in `text`.
std::size_t lineOf(std::string_view text, std::size_t byte);

// Scans the raw text before parsing: refuses documents over kOtioMaxFileBytes, strings over
// kOtioMaxStringBytes and nesting deeper than kOtioMaxDepth, naming "source:line". The scan
// is linear and keeps no stack, so hostile input costs nothing but one pass.
Status checkJsonLimits(std::string_view text, const std::string& source);

// OTIO writes rates as doubles. Integers within 1e-6 become N/1; rates within 0.01 of
// N*1000/1001 become that NTSC ratio (23.976, 23.98, 29.97, 59.94); anything else becomes the
// nearest thousandth, reduced (12.5 -> 25/2). `rate` must be positive and finite.
timeline::Rate rateFromDouble(double rate);
double rateToDouble(const timeline::Rate& rate);

// file:// URLs -> paths: "file://", an empty or "localhost" host, percent-decoding, and the
// slash before a drive letter ("file:///C:/x" -> "C:/x"); another host becomes "//host/...".
// Text without the file scheme (plain paths, http://...) is kept as written.
std::string pathFromUrl(std::string_view url);
// Absolute paths -> "file://" + the path percent-encoded (bytes other than letters, digits,
// "-._~/:" encoded); relative paths are written as they are.
std::string urlFromPath(const std::string& path);

// Nested objects become dotted keys ("cmx_3600.reel"); strings are kept as they are, other
// values (numbers, booleans, arrays, null, empty objects) as their JSON text.
void flattenMetadata(const Json& object, const std::string& prefix,
                     std::map<std::string, std::string>& out);
// The inverse: dotted keys become nested objects, every value a string. A key whose path
// collides with a value already written (both "a" and "a.b") is kept whole at the top level.
Json unflattenMetadata(const std::map<std::string, std::string>& flat);

}  // namespace emu::conform::otio
