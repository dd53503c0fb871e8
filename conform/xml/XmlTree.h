#pragma once

// A small element tree built by expat with every unsafe feature off, for the FCP readers.
// Private to emu_conform_xml.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::conform {

struct XmlNode {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;  // character data directly inside, concatenated
    int line = 0;      // 1-based line of the start tag
    std::vector<XmlNode> children;

    const XmlNode* child(std::string_view n) const;
    const std::string* attribute(std::string_view n) const;
    // The text of child `n`, surrounding white space removed; empty when there is none.
    std::string childText(std::string_view n) const;
};

struct XmlLimits {
    std::size_t maxDepth = 256;          // elements open at once
    std::size_t maxTextBytes = 1 << 20;  // character data in one element
    std::size_t maxDocumentBytes = 256 << 20;
};

// Parses a whole document. CorruptData "file:line: problem" for malformed XML, a DOCTYPE with
// an internal subset or external identifier (entities are never declared, so never expanded),
// and anything over `limits`. Thread: any.
Result<XmlNode> parseXmlDocument(std::string_view text, const std::string& file,
                                 const XmlLimits& limits = {});

std::string trimmed(std::string_view s);

}  // namespace emu::conform
