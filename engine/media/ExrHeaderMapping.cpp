#include "ExrHeaderMapping.h"

#include <OpenEXR/ImfChromaticitiesAttribute.h>
#include <OpenEXR/ImfIntAttribute.h>
#include <OpenEXR/ImfRationalAttribute.h>
#include <OpenEXR/ImfStringAttribute.h>
#include <OpenEXR/ImfTimeCodeAttribute.h>

#include <climits>
#include <cstring>

namespace emu::media {

namespace {

constexpr const char* kTimeCode = "timeCode";
constexpr const char* kFramesPerSecond = "framesPerSecond";
constexpr const char* kChromaticities = "chromaticities";

bool timecodeInRange(const ExrTimecode& tc) {
    return tc.hours >= 0 && tc.hours <= 23 && tc.minutes >= 0 && tc.minutes <= 59 &&
           tc.seconds >= 0 && tc.seconds <= 59 && tc.frame >= 0 && tc.frame <= 29 &&
           tc.binaryGroupFlags <= 7;
}

ExrTimecode fromImf(const Imf::TimeCode& in) {
    ExrTimecode tc;
    tc.hours = in.hours();
    tc.minutes = in.minutes();
    tc.seconds = in.seconds();
    tc.frame = in.frame();
    tc.dropFrame = in.dropFrame();
    tc.colorFrame = in.colorFrame();
    tc.fieldPhase = in.fieldPhase();
    tc.binaryGroupFlags =
        std::uint8_t((in.bgf0() ? 1 : 0) | (in.bgf1() ? 2 : 0) | (in.bgf2() ? 4 : 0));
    tc.userData = in.userData();
    return tc;
}

Imf::TimeCode toImf(const ExrTimecode& tc) {
    Imf::TimeCode out;
    out.setHours(tc.hours);
    out.setMinutes(tc.minutes);
    out.setSeconds(tc.seconds);
    out.setFrame(tc.frame);
    out.setDropFrame(tc.dropFrame);
    out.setColorFrame(tc.colorFrame);
    out.setFieldPhase(tc.fieldPhase);
    out.setBgf0(tc.binaryGroupFlags & 1);
    out.setBgf1(tc.binaryGroupFlags & 2);
    out.setBgf2(tc.binaryGroupFlags & 4);
    out.setUserData(tc.userData);
    return out;
}

// Takes a typed member out of the header if its value fits; returns false to leave it opaque.
bool takeTyped(const std::string& name, const Imf::Attribute& attr, ExrAttributes& out) {
    if (name == kTimeCode) {
        const auto* a = dynamic_cast<const Imf::TimeCodeAttribute*>(&attr);
        if (!a) return false;
        const ExrTimecode tc = fromImf(a->value());
        // Damaged BCD digits decode to values the writer would refuse; keep those opaque so the
        // bits survive a rewrite unchanged.
        if (!timecodeInRange(tc)) return false;
        out.timeCode = tc;
        return true;
    }
    if (name == kFramesPerSecond) {
        const auto* a = dynamic_cast<const Imf::RationalAttribute*>(&attr);
        if (!a || a->value().d == 0 || a->value().d > unsigned(INT_MAX)) return false;
        out.framesPerSecond = std::make_pair(a->value().n, int(a->value().d));
        return true;
    }
    if (name == kChromaticities) {
        const auto* a = dynamic_cast<const Imf::ChromaticitiesAttribute*>(&attr);
        if (!a) return false;
        const Imf::Chromaticities& c = a->value();
        out.chromaticities = {c.red.x,  c.red.y,  c.green.x, c.green.y,
                              c.blue.x, c.blue.y, c.white.x, c.white.y};
        return true;
    }
    if (const auto* s = dynamic_cast<const Imf::StringAttribute*>(&attr)) {
        out.strings[name] = s->value();
        return true;
    }
    return false;
}

// Sets `name` to `attr`. Header::insert assigns in place when the types agree but refuses to
// change a type; only then is the old attribute erased (OpenEXR 3.1's erase does not free it,
// a few bytes lost for a file that stored a standard attribute under another type).
void replace(Imf::Header& header, const std::string& name, const Imf::Attribute& attr) {
    const auto it = header.find(name);
    if (it != header.end() && std::strcmp(it.attribute().typeName(), attr.typeName()) != 0) {
        header.erase(name);
    }
    header.insert(name, attr);
}

}  // namespace

bool isStructuralAttribute(std::string_view name) {
    static constexpr std::string_view kStructural[] = {
        "channels",  "compression",      "dataWindow", "displayWindow",
        "lineOrder", "pixelAspectRatio", "tiles",      "type",
        "name",      "version",          "chunkCount", "maxSamplesPerPixel",
    };
    for (std::string_view s : kStructural) {
        if (s == name) return true;
    }
    return false;
}

ExrAttributes attributesFromHeader(const Imf::Header& header) {
    ExrAttributes out;
    auto opaque = std::make_shared<ExrOpaqueHeader>();
    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string name = it.name();
        if (isStructuralAttribute(name)) continue;
        if (takeTyped(name, it.attribute(), out)) continue;
        opaque->attributes.emplace_back(name,
                                        std::unique_ptr<Imf::Attribute>(it.attribute().copy()));
    }
    if (!opaque->attributes.empty()) out.passthrough = std::move(opaque);
    return out;
}

Status applyAttributes(const ExrAttributes& attributes, Imf::Header& header) {
    if (attributes.passthrough) {
        for (const auto& [name, attr] : attributes.passthrough->attributes) {
            if (!isStructuralAttribute(name) && attr) replace(header, name, *attr);
        }
    }
    if (attributes.timeCode) {
        const ExrTimecode& tc = *attributes.timeCode;
        if (!timecodeInRange(tc)) {
            return makeError(ErrorCode::InvalidArgument,
                             "time code " + tc.toString() + " is out of range");
        }
        replace(header, kTimeCode, Imf::TimeCodeAttribute(toImf(tc)));
    }
    if (attributes.framesPerSecond) {
        const auto [num, den] = *attributes.framesPerSecond;
        if (den <= 0) {
            const std::string rate = std::to_string(num) + "/" + std::to_string(den);
            return makeError(ErrorCode::InvalidArgument,
                             "frame rate " + rate + " needs a positive denominator");
        }
        replace(header, kFramesPerSecond, Imf::RationalAttribute(Imf::Rational(num, den)));
    }
    if (attributes.chromaticities) {
        const auto& c = *attributes.chromaticities;
        const Imf::Chromaticities chroma({c[0], c[1]}, {c[2], c[3]}, {c[4], c[5]}, {c[6], c[7]});
        replace(header, kChromaticities, Imf::ChromaticitiesAttribute(chroma));
    }
    for (const auto& [name, value] : attributes.strings) {
        if (name.empty() || isStructuralAttribute(name)) {
            return makeError(ErrorCode::InvalidArgument,
                             "string attribute '" + name + "' would replace a structural one");
        }
        replace(header, name, Imf::StringAttribute(value));
    }
    for (const auto& [name, value] : attributes.ints) {
        if (name.empty() || isStructuralAttribute(name)) {
            return makeError(ErrorCode::InvalidArgument,
                             "int attribute '" + name + "' would replace a structural one");
        }
        replace(header, name, Imf::IntAttribute(value));
    }
    return Status::ok();
}

ExrCompression fromImf(Imf::Compression compression) {
    switch (compression) {
        case Imf::NO_COMPRESSION:
            return ExrCompression::None;
        case Imf::RLE_COMPRESSION:
            return ExrCompression::Rle;
        case Imf::ZIPS_COMPRESSION:
            return ExrCompression::Zips;
        case Imf::ZIP_COMPRESSION:
            return ExrCompression::Zip;
        case Imf::PIZ_COMPRESSION:
            return ExrCompression::Piz;
        case Imf::PXR24_COMPRESSION:
            return ExrCompression::Pxr24;
        case Imf::B44_COMPRESSION:
            return ExrCompression::B44;
        case Imf::B44A_COMPRESSION:
            return ExrCompression::B44a;
        case Imf::DWAA_COMPRESSION:
            return ExrCompression::Dwaa;
        case Imf::DWAB_COMPRESSION:
            return ExrCompression::Dwab;
        default:
            break;
    }
    // The header's sanity check rejects unknown compressions before a frame is built.
    return ExrCompression::Zip;
}

Imf::Compression toImf(ExrCompression compression) {
    switch (compression) {
        case ExrCompression::None:
            return Imf::NO_COMPRESSION;
        case ExrCompression::Rle:
            return Imf::RLE_COMPRESSION;
        case ExrCompression::Zips:
            return Imf::ZIPS_COMPRESSION;
        case ExrCompression::Zip:
            return Imf::ZIP_COMPRESSION;
        case ExrCompression::Piz:
            return Imf::PIZ_COMPRESSION;
        case ExrCompression::Pxr24:
            return Imf::PXR24_COMPRESSION;
        case ExrCompression::B44:
            return Imf::B44_COMPRESSION;
        case ExrCompression::B44a:
            return Imf::B44A_COMPRESSION;
        case ExrCompression::Dwaa:
            return Imf::DWAA_COMPRESSION;
        case ExrCompression::Dwab:
            return Imf::DWAB_COMPRESSION;
    }
    return Imf::ZIP_COMPRESSION;
}

Box2i fromImath(const Imath::Box2i& box) {
    return Box2i{box.min.x, box.min.y, box.max.x, box.max.y};
}

Imath::Box2i toImath(const Box2i& box) {
    return Imath::Box2i(Imath::V2i(box.minX, box.minY), Imath::V2i(box.maxX, box.maxY));
}

}  // namespace emu::media
