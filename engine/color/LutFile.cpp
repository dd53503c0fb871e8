#include "emulsion/color/LutFile.h"

#include <OpenColorIO/OpenColorIO.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <sstream>

#include "emulsion/core/AtomicFile.h"

namespace OCIO = OCIO_NAMESPACE;

namespace emu::color {

namespace {

Status checkLut(const std::filesystem::path& path, const Lut3d& lut) {
    if (!lut.valid()) {
        return makeError(ErrorCode::InvalidArgument,
                         path.string() + ": a 3D LUT needs size >= 2 and size^3 RGB entries");
    }
    for (std::size_t i = 0; i < lut.rgb.size(); ++i) {
        if (!std::isfinite(lut.rgb[i])) {
            const std::size_t entry = i / 3;
            const int n = lut.size;
            return makeError(ErrorCode::InvalidArgument,
                             path.string() + ": entry for lattice point (" +
                                 std::to_string(entry % n) + ", " + std::to_string(entry / n % n) +
                                 ", " + std::to_string(entry / n / n) + ") is not a finite number");
        }
    }
    return Status::ok();
}

// The shortest text that reads back as `v`.
void appendFloat(std::string& out, float v) {
    char text[32];
    auto [end, ec] = std::to_chars(text, text + sizeof text, v);
    out.append(text, ec == std::errc() ? end : text);
}

// One line of free text for a file format that ends lines at '\n'.
std::string oneLine(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return text;
}

// OCIO's name for its CLF writer, looked up by extension.
const char* clfFormatName() {
    for (int i = 0; i < OCIO::GroupTransform::GetNumWriteFormats(); ++i) {
        if (std::strcmp(OCIO::GroupTransform::GetFormatExtensionByIndex(i), "clf") == 0) {
            return OCIO::GroupTransform::GetFormatNameByIndex(i);
        }
    }
    return nullptr;
}

}  // namespace

std::vector<float> identityLattice(int size) {
    std::vector<float> rgb;
    if (size < 2) return rgb;
    rgb.reserve(std::size_t(size) * size * size * 3);
    const float scale = 1.0f / float(size - 1);
    for (int b = 0; b < size; ++b) {
        for (int g = 0; g < size; ++g) {
            for (int r = 0; r < size; ++r) {
                rgb.push_back(float(r) * scale);
                rgb.push_back(float(g) * scale);
                rgb.push_back(float(b) * scale);
            }
        }
    }
    return rgb;
}

Status writeCubeLut(const std::filesystem::path& path, const Lut3d& lut) {
    EMU_RETURN_IF_ERROR(checkLut(path, lut));
    std::string text;
    text.reserve(lut.rgb.size() * 12 + 256);
    std::string title = oneLine(lut.title);
    for (char& c : title) {
        if (c == '"') c = '\'';
    }
    if (!title.empty()) text += "TITLE \"" + title + "\"\n";
    for (const std::string& comment : lut.comments) text += "# " + oneLine(comment) + "\n";
    text += "LUT_3D_SIZE " + std::to_string(lut.size) + "\n";
    text += "DOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 1 1\n";
    for (std::size_t i = 0; i < lut.rgb.size(); i += 3) {
        appendFloat(text, lut.rgb[i]);
        text += ' ';
        appendFloat(text, lut.rgb[i + 1]);
        text += ' ';
        appendFloat(text, lut.rgb[i + 2]);
        text += '\n';
    }
    return core::writeFileAtomically(path, text, ".cube LUT");
}

Status writeClfLut(const std::filesystem::path& path, const Lut3d& lut) {
    EMU_RETURN_IF_ERROR(checkLut(path, lut));
    std::ostringstream text;
    try {
        OCIO::Lut3DTransformRcPtr table = OCIO::Lut3DTransform::Create(lut.size);
        table->setInterpolation(OCIO::INTERP_TETRAHEDRAL);
        table->setFileOutputBitDepth(OCIO::BIT_DEPTH_F32);
        const int n = lut.size;
        for (int b = 0; b < n; ++b) {
            for (int g = 0; g < n; ++g) {
                for (int r = 0; r < n; ++r) {
                    const float* v = &lut.rgb[3 * (std::size_t(r) + n * (g + std::size_t(n) * b))];
                    table->setValue(r, g, b, v[0], v[1], v[2]);
                }
            }
        }
        OCIO::GroupTransformRcPtr group = OCIO::GroupTransform::Create();
        OCIO::FormatMetadata& meta = group->getFormatMetadata();
        meta.setName(oneLine(lut.title.empty() ? path.stem().string() : lut.title).c_str());
        meta.setID(oneLine(path.stem().string()).c_str());
        for (const std::string& comment : lut.comments) {
            meta.addChildElement(OCIO::METADATA_DESCRIPTION, oneLine(comment).c_str());
        }
        group->appendTransform(table);
        const char* format = clfFormatName();
        if (!format) return makeError(ErrorCode::Unsupported, "this OpenColorIO cannot write CLF");
        group->write(OCIO::Config::CreateRaw(), format, text);
    } catch (const OCIO::Exception& e) {
        return makeError(ErrorCode::Internal, path.string() + ": cannot make CLF: " + e.what());
    }
    return core::writeFileAtomically(path, text.str(), "CLF LUT");
}

}  // namespace emu::color
