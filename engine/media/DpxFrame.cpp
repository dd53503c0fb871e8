#include "emulsion/media/DpxFrame.h"

#include <cctype>

namespace emu::media {

namespace {

struct CharacteristicName {
    DpxCharacteristic value;
    const char* name;
};

constexpr CharacteristicName kCharacteristicNames[] = {
    {DpxCharacteristic::UserDefined, "User defined"},
    {DpxCharacteristic::PrintingDensity, "Printing density"},
    {DpxCharacteristic::Linear, "Linear"},
    {DpxCharacteristic::Logarithmic, "Logarithmic"},
    {DpxCharacteristic::UnspecifiedVideo, "Unspecified video"},
    {DpxCharacteristic::Smpte274M, "SMPTE 274M"},
    {DpxCharacteristic::ItuR709, "ITU-R 709-4"},
    {DpxCharacteristic::ItuR601BG, "ITU-R 601-5 system B or G"},
    {DpxCharacteristic::ItuR601M, "ITU-R 601-5 system M"},
    {DpxCharacteristic::NtscComposite, "NTSC composite video"},
    {DpxCharacteristic::PalComposite, "PAL composite video"},
    {DpxCharacteristic::ZLinear, "Z depth linear"},
    {DpxCharacteristic::ZHomogeneous, "Z depth homogeneous"},
    {DpxCharacteristic::Undefined, "Undefined"},
};

struct DescriptorName {
    DpxDescriptor value;
    const char* name;
};

constexpr DescriptorName kDescriptorNames[] = {
    {DpxDescriptor::UserDefined, "user defined"},
    {DpxDescriptor::Red, "red"},
    {DpxDescriptor::Green, "green"},
    {DpxDescriptor::Blue, "blue"},
    {DpxDescriptor::Alpha, "alpha"},
    {DpxDescriptor::Luminance, "luminance"},
    {DpxDescriptor::Chrominance, "chrominance"},
    {DpxDescriptor::Depth, "depth"},
    {DpxDescriptor::Composite, "composite video"},
    {DpxDescriptor::Rgb, "RGB"},
    {DpxDescriptor::Rgba, "RGBA"},
    {DpxDescriptor::Abgr, "ABGR"},
    {DpxDescriptor::CbYCrY, "CbYCrY 4:2:2"},
    {DpxDescriptor::CbYACrYA, "CbYACrYA 4:2:2:4"},
    {DpxDescriptor::CbYCr, "CbYCr 4:4:4"},
    {DpxDescriptor::CbYCrA, "CbYCrA 4:4:4:4"},
};

bool equalsIgnoringCase(const std::string& a, const char* b) {
    std::size_t i = 0;
    for (; i < a.size() && b[i] != '\0'; ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) !=
            std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return i == a.size() && b[i] == '\0';
}

}  // namespace

std::string toString(DpxCharacteristic value) {
    for (const auto& entry : kCharacteristicNames) {
        if (entry.value == value) return entry.name;
    }
    return "unknown (" + std::to_string(int(value)) + ")";
}

std::optional<DpxCharacteristic> parseDpxCharacteristic(const std::string& name) {
    for (const auto& entry : kCharacteristicNames) {
        if (equalsIgnoringCase(name, entry.name)) return entry.value;
    }
    return std::nullopt;
}

std::string toString(DpxDescriptor value) {
    for (const auto& entry : kDescriptorNames) {
        if (entry.value == value) return entry.name;
    }
    return "unknown (" + std::to_string(int(value)) + ")";
}

std::string toString(DpxPacking value) {
    switch (value) {
        case DpxPacking::Packed:
            return "packed";
        case DpxPacking::FilledA:
            return "filled method A";
        case DpxPacking::FilledB:
            return "filled method B";
    }
    return "unknown (" + std::to_string(int(value)) + ")";
}

std::string DpxEdgeCode::text() const {
    return manufacturer + " " + filmType + " " + prefix + " " + count;
}

double DpxHeader::pixelAspectRatio() const {
    if (!pixelAspectH || !pixelAspectV || *pixelAspectH == 0 || *pixelAspectV == 0) return 1.0;
    return double(*pixelAspectH) / double(*pixelAspectV);
}

}  // namespace emu::media
