#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace emu::media {

// SMPTE 12M time code with its flags and user bits, as file formats store it: EXR in its
// "timeCode" attribute, DPX in the television header (as the packed BCD word below).
// Thread: value type.
struct SmpteTimecode {
    int hours = 0;    // 0..23
    int minutes = 0;  // 0..59
    int seconds = 0;  // 0..59
    int frame = 0;    // 0..29
    bool dropFrame = false;
    bool colorFrame = false;
    bool fieldPhase = false;
    std::uint8_t binaryGroupFlags = 0;  // bgf0..bgf2 in bits 0..2
    std::uint32_t userData = 0;         // the eight 4-bit binary groups

    // "HH:MM:SS:FF", with ';' before the frame for drop-frame time code.
    std::string toString() const;
    // Accepts "HH:MM:SS:FF" or "HH:MM:SS;FF" (drop frame). nullopt if malformed or out of range.
    static std::optional<SmpteTimecode> parse(const std::string& text);

    // The 32-bit time-and-flags word of SMPTE 12M: BCD frame units in bits 0..3 up to hour
    // tens in bits 28..29, drop frame in bit 6, colour frame in bit 7, field phase in bit 15,
    // binary group flags in bits 23, 30 and 31. The user bits are not part of it.
    // Fields outside their ranges are masked to the bits the word has room for.
    std::uint32_t packedTime() const;
    // The inverse, with the user bits beside it. nullopt when a BCD digit is not a decimal
    // digit or a field is out of range (a damaged or undefined word, such as 0xFFFFFFFF).
    static std::optional<SmpteTimecode> fromPacked(std::uint32_t packedTime,
                                                   std::uint32_t userData);

    bool operator==(const SmpteTimecode&) const = default;
};

}  // namespace emu::media
