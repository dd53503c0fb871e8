#pragma once

// Readers for Final Cut Pro edit lists: FCP 7 XML ("xmeml", versions 4 and 5, also written by
// Premiere and Resolve) and FCPXML (Final Cut Pro X, versions 1.8 to 1.11). Each turns one
// sequence or project into a timeline::Timeline; what it could not carry over is a Warning.
//
// Conventions shared with the other conform readers (docs/ARCHITECTURE.md, "Conform: FCP XML
// and FCPXML"): record ranges are absolute frames at the timeline rate (they begin at
// Timeline::startFrame, the sequence's start time code); source ranges are absolute frames of
// the media's time code at Clip::sourceRate. Nested sequences and compound clips are flattened
// into the tracks of the parent.
//
// Safety: documents are parsed with DTDs, entities and external references off. A bare
// `<!DOCTYPE xmeml>` / `<!DOCTYPE fcpxml>` (what the editors write) is accepted; a DOCTYPE with
// an internal subset or an external identifier is refused before anything is expanded. Text
// over 1 MiB in one element, nesting deeper than 256 elements and files over 256 MiB are
// refused. Every error reads "file:line: problem".

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"
#include "emulsion/timeline/Timeline.h"

namespace emu::conform {

// What a reader returns: the timeline and the problems that did not stop it.
struct XmlConform {
    timeline::Timeline timeline;
    std::vector<timeline::Warning> warnings;
};

// `fileName` only names the source in messages. CorruptData for malformed or unsafe XML and
// for edit lists that make no sense (a clip without times, a reference to an undefined file);
// Unsupported for a root element or version the reader does not know.
// Thread: any; the readers share no state.
Result<XmlConform> readFcp7Xml(std::string_view text, const std::string& fileName);
Result<XmlConform> readFcpxml(std::string_view text, const std::string& fileName);

// Either format, chosen by the root element (<xmeml> or <fcpxml>).
Result<XmlConform> readFcpXmlText(std::string_view text, const std::string& fileName);
// Reads the file, then as readFcpXmlText. NotFound / IoError name the file.
Result<XmlConform> readFcpXmlFile(const std::filesystem::path& path);

// Writes the picture cut of `timeline` as FCPXML 1.10: one format at the timeline's rate, an
// asset per clip (its source frames, the active media's path as a file URL, the reel as
// `com.apple.proapps.studio.reel`), and V1's clips and gaps as the sequence's spine, the
// sequence starting at startFrame. readFcpxml reads it back to the same clips. InvalidArgument
// for what this writer leaves out: more than one video track, transitions, speed changes,
// source rates other than the timeline's, and clips that do not tile the track.
// Thread: any.
Result<std::string> writeFcpxml(const timeline::Timeline& timeline);

}  // namespace emu::conform
