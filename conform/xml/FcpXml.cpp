#include "emulsion/conform/FcpXml.h"

#include <fstream>
#include <iterator>

#include "XmlTree.h"

namespace emu::conform {

Result<XmlConform> readFcpXmlText(std::string_view text, const std::string& fileName) {
    // The root element decides; this parse is cheap next to the reader's own.
    EMU_ASSIGN_OR_RETURN(XmlNode root, parseXmlDocument(text, fileName));
    if (root.name == "xmeml") return readFcp7Xml(text, fileName);
    if (root.name == "fcpxml") return readFcpxml(text, fileName);
    return makeError(ErrorCode::Unsupported,
                     fileName + ":" + std::to_string(root.line) + ": <" + root.name +
                         "> is neither <xmeml> (FCP 7 XML) nor <fcpxml> (FCPXML)");
}

Result<XmlConform> readFcpXmlFile(const std::filesystem::path& path) {
    const std::string file = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return makeError(ErrorCode::NotFound, file + ": no such file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError(ErrorCode::IoError, file + ": cannot open");
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    return readFcpXmlText(text, file);
}

}  // namespace emu::conform
