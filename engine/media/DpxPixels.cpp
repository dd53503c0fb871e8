#include "DpxPixels.h"

#include <cstring>

namespace emu::media::dpx {

namespace {

bool isPacked(const RowLayout& l) {
    return l.packing == DpxPacking::Packed && (l.bits == 10 || l.bits == 12);
}

// Ten-bit filled words hold three samples, from the high bits down (from the low bits up for
// one component, see RowLayout). Method A leaves the two low bits empty, method B the two high
// ones.
unsigned tenBitShift(const RowLayout& l, unsigned indexInWord) {
    const unsigned low = l.packing == DpxPacking::FilledB ? 0 : 2;
    return l.oneComponent ? low + 10 * indexInWord : low + 10 * (2 - indexInWord);
}

// Packed samples run on from the least significant bit of each 32-bit word into the next.
void unpackBits(const RowLayout& l, const std::uint8_t* row, std::uint32_t* codes) {
    const std::uint32_t mask = (std::uint32_t(1) << l.bits) - 1;
    const std::uint64_t words = (l.samplesPerRow * unsigned(l.bits) + 31) / 32;
    for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
        const std::uint64_t bit = i * unsigned(l.bits);
        const std::uint64_t word = bit / 32;
        const unsigned shift = unsigned(bit % 32);
        std::uint64_t value = load32(row + 4 * word, l.bigEndian) >> shift;
        if (shift + unsigned(l.bits) > 32 && word + 1 < words) {
            value |= std::uint64_t(load32(row + 4 * (word + 1), l.bigEndian)) << (32 - shift);
        }
        codes[i] = std::uint32_t(value) & mask;
    }
}

void packBits(const RowLayout& l, const std::uint32_t* codes, std::uint8_t* row) {
    const std::uint64_t words = (l.samplesPerRow * unsigned(l.bits) + 31) / 32;
    for (std::uint64_t w = 0; w < words; ++w) {
        // The bits of word w: from every sample that overlaps [32w, 32w + 32).
        std::uint64_t value = 0;
        const std::uint64_t firstBit = 32 * w;
        std::uint64_t i = firstBit / unsigned(l.bits);
        for (; i < l.samplesPerRow && i * unsigned(l.bits) < firstBit + 32; ++i) {
            const std::int64_t offset = std::int64_t(i * unsigned(l.bits)) - std::int64_t(firstBit);
            const std::uint64_t code = codes[i];
            value |= offset >= 0 ? code << offset : code >> -offset;
        }
        store32(row + 4 * w, std::uint32_t(value), l.bigEndian);
    }
}

}  // namespace

std::uint16_t load16(const std::uint8_t* p, bool bigEndian) {
    return bigEndian ? std::uint16_t(p[0] << 8 | p[1]) : std::uint16_t(p[1] << 8 | p[0]);
}

std::uint32_t load32(const std::uint8_t* p, bool bigEndian) {
    if (bigEndian) {
        return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
               p[3];
    }
    return std::uint32_t(p[3]) << 24 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0];
}

void store16(std::uint8_t* p, std::uint16_t value, bool bigEndian) {
    const std::uint8_t hi = std::uint8_t(value >> 8);
    const std::uint8_t lo = std::uint8_t(value);
    p[0] = bigEndian ? hi : lo;
    p[1] = bigEndian ? lo : hi;
}

void store32(std::uint8_t* p, std::uint32_t value, bool bigEndian) {
    for (int i = 0; i < 4; ++i) {
        const std::uint8_t byte = std::uint8_t(value >> (8 * i));
        p[bigEndian ? 3 - i : i] = byte;
    }
}

bool RowLayout::supported() const {
    const bool knownPacking = packing == DpxPacking::Packed || packing == DpxPacking::FilledA ||
                              packing == DpxPacking::FilledB;
    return knownPacking && (bits == 8 || bits == 10 || bits == 12 || bits == 16);
}

std::uint64_t RowLayout::sampleBytes() const {
    if (isPacked(*this)) return (samplesPerRow * unsigned(bits) + 31) / 32 * 4;
    switch (bits) {
        case 8:
            return samplesPerRow;
        case 10:
            return (samplesPerRow + 2) / 3 * 4;
        default:  // 12-bit filled and 16-bit: one 16-bit word per sample
            return samplesPerRow * 2;
    }
}

std::uint64_t RowLayout::rowBytes() const {
    return sampleBytes() + endOfLinePadding;
}

void unpackRow(const RowLayout& l, const std::uint8_t* row, std::uint32_t* codes) {
    if (isPacked(l)) {
        unpackBits(l, row, codes);
        return;
    }
    switch (l.bits) {
        case 8:
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) codes[i] = row[i];
            break;
        case 10:
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
                const std::uint32_t word = load32(row + 4 * (i / 3), l.bigEndian);
                codes[i] = (word >> tenBitShift(l, unsigned(i % 3))) & 0x3FF;
            }
            break;
        case 12: {
            const unsigned shift = l.packing == DpxPacking::FilledB ? 0 : 4;
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
                codes[i] = (load16(row + 2 * i, l.bigEndian) >> shift) & 0xFFF;
            }
            break;
        }
        default:
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
                codes[i] = load16(row + 2 * i, l.bigEndian);
            }
            break;
    }
}

void packRow(const RowLayout& l, const std::uint32_t* codes, std::uint8_t* row) {
    if (isPacked(l)) {
        packBits(l, codes, row);
        return;
    }
    switch (l.bits) {
        case 8:
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) row[i] = std::uint8_t(codes[i]);
            break;
        case 10:
            for (std::uint64_t w = 0; w < (l.samplesPerRow + 2) / 3; ++w) {
                std::uint32_t word = 0;
                for (unsigned k = 0; k < 3 && 3 * w + k < l.samplesPerRow; ++k) {
                    word |= (codes[3 * w + k] & 0x3FF) << tenBitShift(l, k);
                }
                store32(row + 4 * w, word, l.bigEndian);
            }
            break;
        case 12: {
            const unsigned shift = l.packing == DpxPacking::FilledB ? 0 : 4;
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
                store16(row + 2 * i, std::uint16_t((codes[i] & 0xFFF) << shift), l.bigEndian);
            }
            break;
        }
        default:
            for (std::uint64_t i = 0; i < l.samplesPerRow; ++i) {
                store16(row + 2 * i, std::uint16_t(codes[i]), l.bigEndian);
            }
            break;
    }
}

}  // namespace emu::media::dpx
