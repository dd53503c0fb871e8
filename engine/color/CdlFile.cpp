#include "emulsion/color/CdlFile.h"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <system_error>

#include "emulsion/core/AtomicFile.h"
#include "emulsion/core/Markup.h"

namespace emu::color {

namespace {

// A parsed element: just what CDL files use (no mixed content, no namespaces).
struct XmlElement {
    std::string name;  // local name: a "cdl:" style prefix is dropped
    std::map<std::string, std::string> attributes;
    std::string text;
    int line = 0;
    std::vector<XmlElement> children;

    const XmlElement* child(const std::string& n) const {
        for (const XmlElement& c : children) {
            if (c.name == n) return &c;
        }
        return nullptr;
    }
};

std::string localName(const XML_Char* name) {
    std::string s(name);
    const auto colon = s.rfind(':');
    return colon == std::string::npos ? s : s.substr(colon + 1);
}

// Builds the tree while expat parses; the first error stops the parser.
struct TreeBuilder {
    XML_Parser parser = nullptr;
    XmlElement root;
    bool haveRoot = false;
    std::vector<XmlElement*> open;  // ancestors of the current position; only the innermost grows
    std::string error;
    int errorLine = 0;

    void fail(std::string message) {
        if (error.empty()) {
            error = std::move(message);
            errorLine = static_cast<int>(XML_GetCurrentLineNumber(parser));
        }
        XML_StopParser(parser, XML_FALSE);
    }
};

void onStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto* b = static_cast<TreeBuilder*>(data);
    XmlElement e;
    e.name = localName(name);
    e.line = static_cast<int>(XML_GetCurrentLineNumber(b->parser));
    for (int i = 0; attributes[i] && attributes[i + 1]; i += 2) {
        e.attributes[localName(attributes[i])] = attributes[i + 1];
    }
    if (b->open.empty()) {
        b->root = std::move(e);
        b->haveRoot = true;
        b->open.push_back(&b->root);
    } else {
        XmlElement* parent = b->open.back();
        parent->children.push_back(std::move(e));
        b->open.push_back(&parent->children.back());
    }
}

void onEnd(void* data, const XML_Char*) {
    static_cast<TreeBuilder*>(data)->open.pop_back();
}

void onText(void* data, const XML_Char* s, int length) {
    auto* b = static_cast<TreeBuilder*>(data);
    if (!b->open.empty()) b->open.back()->text.append(s, static_cast<std::size_t>(length));
}

// A DTD is where entity expansion attacks and external references live; CDL files need none.
void onDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    static_cast<TreeBuilder*>(data)->fail("DOCTYPE declarations are not allowed");
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

Result<XmlElement> parseXml(const std::string& text, const std::string& file) {
    std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
    if (!parser) return makeError(ErrorCode::Internal, file + ": cannot create an XML parser");
    XML_Parser p = parser.get();
    TreeBuilder builder;
    builder.parser = p;
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

Status errorAt(const std::string& file, const XmlElement& e, const std::string& problem,
               ErrorCode code = ErrorCode::CorruptData) {
    return makeError(code, file + ":" + std::to_string(e.line) + ": " + problem);
}

// The whitespace-separated numbers of an element's text.
Result<std::vector<float>> numbers(const std::string& file, const XmlElement& e) {
    std::vector<float> values;
    const char* p = e.text.data();
    const char* end = p + e.text.size();
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (p < end) {
        if (isSpace(*p)) {
            ++p;
            continue;
        }
        const char* wordEnd = p;
        while (wordEnd < end && !isSpace(*wordEnd)) ++wordEnd;
        const char* start = (*p == '+' && wordEnd - p > 1) ? p + 1 : p;  // from_chars wants no '+'
        float v = 0.0f;
        auto [ptr, ec] = std::from_chars(start, wordEnd, v);
        if (ec != std::errc() || ptr != wordEnd || !std::isfinite(v)) {
            return errorAt(file, e,
                           "<" + e.name + "> has '" + std::string(p, wordEnd) +
                               "', which is not a finite number");
        }
        values.push_back(v);
        p = wordEnd;
    }
    return values;
}

Status readTriple(const std::string& file, const XmlElement& sop, const std::string& name,
                  std::array<float, 3>& out) {
    const XmlElement* e = sop.child(name);
    if (!e) return errorAt(file, sop, "<SOPNode> has no <" + name + ">");
    EMU_ASSIGN_OR_RETURN(std::vector<float> v, numbers(file, *e));
    if (v.size() != 3) {
        return errorAt(file, *e, "<" + name + "> needs 3 numbers, has " + std::to_string(v.size()));
    }
    std::copy(v.begin(), v.end(), out.begin());
    return Status::ok();
}

Status checkNotNegative(const std::string& file, const XmlElement& e, const std::string& what,
                        const std::array<float, 3>& v, bool zeroAllowed) {
    for (float x : v) {
        if (x < 0.0f || (!zeroAllowed && x == 0.0f)) {
            return errorAt(file, e,
                           what + (zeroAllowed ? " must not be negative" : " must be positive"));
        }
    }
    return Status::ok();
}

Result<Cdl> readCorrection(const std::string& file, const XmlElement& cc) {
    Cdl cdl;
    if (auto it = cc.attributes.find("id"); it != cc.attributes.end()) cdl.id = it->second;
    if (const XmlElement* d = cc.child("Description")) cdl.description = d->text;
    if (const XmlElement* sop = cc.child("SOPNode")) {
        EMU_RETURN_IF_ERROR(readTriple(file, *sop, "Slope", cdl.slope));
        EMU_RETURN_IF_ERROR(readTriple(file, *sop, "Offset", cdl.offset));
        EMU_RETURN_IF_ERROR(readTriple(file, *sop, "Power", cdl.power));
        EMU_RETURN_IF_ERROR(
            checkNotNegative(file, *sop->child("Slope"), "<Slope>", cdl.slope, true));
        EMU_RETURN_IF_ERROR(
            checkNotNegative(file, *sop->child("Power"), "<Power>", cdl.power, false));
        if (cdl.description.empty()) {
            if (const XmlElement* d = sop->child("Description")) cdl.description = d->text;
        }
    }
    // ASC v1.2 spells it SATNode, v1.01 SatNode; both are in use.
    const XmlElement* sat = cc.child("SATNode");
    if (!sat) sat = cc.child("SatNode");
    if (sat) {
        const XmlElement* s = sat->child("Saturation");
        if (!s) return errorAt(file, *sat, "<" + sat->name + "> has no <Saturation>");
        EMU_ASSIGN_OR_RETURN(std::vector<float> v, numbers(file, *s));
        if (v.size() != 1) {
            return errorAt(file, *s,
                           "<Saturation> needs 1 number, has " + std::to_string(v.size()));
        }
        if (v[0] < 0.0f) return errorAt(file, *s, "<Saturation> must not be negative");
        cdl.saturation = v[0];
    }
    return cdl;
}

// The corrections under a collection or decision list, in document order.
Status collect(const std::string& file, const XmlElement& e, std::vector<Cdl>& out) {
    for (const XmlElement& c : e.children) {
        if (c.name == "ColorCorrection") {
            EMU_ASSIGN_OR_RETURN(Cdl cdl, readCorrection(file, c));
            out.push_back(std::move(cdl));
        } else if (c.name == "ColorDecision") {
            EMU_RETURN_IF_ERROR(collect(file, c, out));
        } else if (c.name == "ColorCorrectionRef") {
            return errorAt(file, c,
                           "<ColorCorrectionRef> (a correction in another file) is not "
                           "supported",
                           ErrorCode::Unsupported);
        }
    }
    return Status::ok();
}

// Shortest text that reads back as the same float.
std::string formatFloat(float v) {
    char buf[32];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, ptr) : std::string("0");
}

std::string formatTriple(const std::array<float, 3>& v) {
    return formatFloat(v[0]) + " " + formatFloat(v[1]) + " " + formatFloat(v[2]);
}

std::string correctionXml(const Cdl& cdl, const std::string& indent, bool withNamespace) {
    std::string x = indent + "<ColorCorrection";
    if (withNamespace) x += " xmlns=\"urn:ASC:CDL:v1.2\"";
    x += " id=\"" + core::escapeMarkup(cdl.id) + "\">\n";
    const std::string in = indent + "    ";
    if (!cdl.description.empty()) {
        x += in + "<Description>" + core::escapeMarkup(cdl.description) + "</Description>\n";
    }
    x += in + "<SOPNode>\n";
    x += in + "    <Slope>" + formatTriple(cdl.slope) + "</Slope>\n";
    x += in + "    <Offset>" + formatTriple(cdl.offset) + "</Offset>\n";
    x += in + "    <Power>" + formatTriple(cdl.power) + "</Power>\n";
    x += in + "</SOPNode>\n";
    x += in + "<SATNode>\n";
    x += in + "    <Saturation>" + formatFloat(cdl.saturation) + "</Saturation>\n";
    x += in + "</SATNode>\n";
    x += indent + "</ColorCorrection>\n";
    return x;
}

Status writeText(const std::filesystem::path& path, const std::string& text) {
    return core::writeFileAtomically(path, text, "CDL file");
}

constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

}  // namespace

Result<std::vector<Cdl>> readCdlFile(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return makeError(ErrorCode::NotFound, file + ": no such file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::IoError, file + ": cannot open");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EMU_ASSIGN_OR_RETURN(XmlElement root, parseXml(text, file));
    std::vector<Cdl> cdls;
    if (root.name == "ColorCorrection") {
        EMU_ASSIGN_OR_RETURN(Cdl cdl, readCorrection(file, root));
        cdls.push_back(std::move(cdl));
    } else if (root.name == "ColorCorrectionCollection" || root.name == "ColorDecisionList") {
        EMU_RETURN_IF_ERROR(collect(file, root, cdls));
    } else {
        return errorAt(file, root,
                       "<" + root.name +
                           "> is not a ColorCorrection, ColorCorrectionCollection or "
                           "ColorDecisionList");
    }
    if (cdls.empty()) return errorAt(file, root, "no <ColorCorrection> in the file");
    return cdls;
}

Result<Cdl> pickCdl(const std::vector<Cdl>& cdls, const std::string& id) {
    if (cdls.empty()) return makeError(ErrorCode::NotFound, "no colour corrections");
    if (id.empty()) return cdls.front();
    std::string ids;
    for (const Cdl& c : cdls) {
        if (c.id == id) return c;
        ids += (ids.empty() ? "'" : ", '") + c.id + "'";
    }
    return makeError(ErrorCode::NotFound,
                     "no colour correction '" + id + "' (there are " + ids + ")");
}

Status writeCc(const std::filesystem::path& path, const Cdl& cdl) {
    return writeText(path, kXmlDeclaration + correctionXml(cdl, "", true));
}

Status writeCcc(const std::filesystem::path& path, const std::vector<Cdl>& cdls) {
    std::string x = kXmlDeclaration;
    x += "<ColorCorrectionCollection xmlns=\"urn:ASC:CDL:v1.2\">\n";
    for (const Cdl& c : cdls) x += correctionXml(c, "    ", false);
    x += "</ColorCorrectionCollection>\n";
    return writeText(path, x);
}

}  // namespace emu::color
