#include "XmlTree.h"

#include <expat.h>

#include <memory>

namespace emu::conform {

const XmlNode* XmlNode::child(std::string_view n) const {
    for (const XmlNode& c : children) {
        if (c.name == n) return &c;
    }
    return nullptr;
}

const std::string* XmlNode::attribute(std::string_view n) const {
    for (const auto& [key, value] : attributes) {
        if (key == n) return &value;
    }
    return nullptr;
}

std::string XmlNode::childText(std::string_view n) const {
    const XmlNode* c = child(n);
    return c ? trimmed(c->text) : std::string();
}

std::string trimmed(std::string_view s) {
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t b = 0;
    std::size_t e = s.size();
    while (b < e && isSpace(s[b])) ++b;
    while (e > b && isSpace(s[e - 1])) --e;
    return std::string(s.substr(b, e - b));
}

namespace {

// Builds the tree while expat parses; the first problem stops the parser.
struct TreeBuilder {
    XML_Parser parser = nullptr;
    XmlLimits limits;
    XmlNode root;
    bool haveRoot = false;
    std::vector<XmlNode*> open;  // ancestors of the current position; only the innermost grows
    std::string error;
    int errorLine = 0;

    void fail(std::string message, int line = 0) {
        if (error.empty()) {
            error = std::move(message);
            errorLine = line > 0 ? line : static_cast<int>(XML_GetCurrentLineNumber(parser));
        }
        XML_StopParser(parser, XML_FALSE);
    }
};

void onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* b = static_cast<TreeBuilder*>(data);
    if (!b->error.empty()) return;
    if (b->open.size() >= b->limits.maxDepth) {
        b->fail("elements nested deeper than " + std::to_string(b->limits.maxDepth));
        return;
    }
    XmlNode e;
    e.name = name;
    e.line = static_cast<int>(XML_GetCurrentLineNumber(b->parser));
    for (int i = 0; attributes[i] && attributes[i + 1]; i += 2) {
        e.attributes.emplace_back(attributes[i], attributes[i + 1]);
    }
    if (b->open.empty()) {
        b->root = std::move(e);
        b->haveRoot = true;
        b->open.push_back(&b->root);
    } else {
        XmlNode* parent = b->open.back();
        parent->children.push_back(std::move(e));
        b->open.push_back(&parent->children.back());
    }
}

void onEnd(void* data, const XML_Char*) {
    auto* b = static_cast<TreeBuilder*>(data);
    if (!b->open.empty()) b->open.pop_back();
}

void onText(void* data, const XML_Char* s, int length) {
    auto* b = static_cast<TreeBuilder*>(data);
    if (b->open.empty() || !b->error.empty()) return;
    XmlNode* node = b->open.back();
    if (node->text.size() + static_cast<std::size_t>(length) > b->limits.maxTextBytes) {
        b->fail("text in <" + node->name + "> is longer than " +
                    std::to_string(b->limits.maxTextBytes) + " bytes",
                node->line);
        return;
    }
    node->text.append(s, static_cast<std::size_t>(length));
}

// Editors write a bare `<!DOCTYPE xmeml>`; anything more is where entity expansion attacks
// and external references live, so it is refused before any of it is read.
void onDoctype(void* data, const XML_Char* name, const XML_Char* sysid, const XML_Char* pubid,
               int hasInternalSubset) {
    auto* b = static_cast<TreeBuilder*>(data);
    if (sysid || pubid || hasInternalSubset) {
        b->fail("DOCTYPE " + std::string(name ? name : "") +
                " with declarations or an external identifier is not allowed");
    }
}

void onEntityDecl(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                  const XML_Char*, const XML_Char*, const XML_Char*) {
    static_cast<TreeBuilder*>(data)->fail("entity declarations are not allowed");
}

int onExternalEntity(XML_Parser, const XML_Char*, const XML_Char*, const XML_Char*,
                     const XML_Char*) {
    return XML_STATUS_ERROR;  // never load anything from outside the document
}

struct ParserDeleter {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

}  // namespace

Result<XmlNode> parseXmlDocument(std::string_view text, const std::string& file,
                                 const XmlLimits& limits) {
    if (text.size() > limits.maxDocumentBytes) {
        return makeError(ErrorCode::CorruptData, file + ":1: the document is larger than " +
                                                     std::to_string(limits.maxDocumentBytes) +
                                                     " bytes");
    }
    std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
    if (!parser) return makeError(ErrorCode::Internal, file + ": cannot create an XML parser");
    XML_Parser p = parser.get();
    TreeBuilder builder;
    builder.parser = p;
    builder.limits = limits;
    XML_SetUserData(p, &builder);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(p, onDoctype);
    XML_SetEntityDeclHandler(p, onEntityDecl);
    XML_SetExternalEntityRefHandler(p, onExternalEntity);
    XML_SetElementHandler(p, onStart, onEnd);
    XML_SetCharacterDataHandler(p, onText);
    const auto status = XML_Parse(p, text.data(), static_cast<int>(text.size()), XML_TRUE);
    if (!builder.error.empty()) {
        return makeError(ErrorCode::CorruptData,
                         file + ":" + std::to_string(builder.errorLine) + ": " + builder.error);
    }
    if (status != XML_STATUS_OK) {
        return makeError(ErrorCode::CorruptData, file + ":" +
                                                     std::to_string(XML_GetErrorLineNumber(p)) +
                                                     ": " + XML_ErrorString(XML_GetErrorCode(p)));
    }
    if (!builder.haveRoot) return makeError(ErrorCode::CorruptData, file + ":1: no root element");
    return std::move(builder.root);
}

}  // namespace emu::conform
