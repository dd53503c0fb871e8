#include "QuickTimeVendor.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <string_view>
#include <vector>

namespace emu::media {

namespace {

std::uint64_t bigEndian(const unsigned char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

struct Atom {
    std::string_view type;
    std::size_t body = 0;  // offset of the content, past the header
    std::size_t end = 0;   // offset just past the atom
};

// The atom at `pos` inside [pos, limit) of `data`; false when its size does not fit.
bool atomAt(const std::vector<unsigned char>& data, std::size_t pos, std::size_t limit,
            Atom& atom) {
    if (limit - pos < 8) return false;
    std::uint64_t size = bigEndian(&data[pos], 4);
    std::size_t header = 8;
    if (size == 1) {
        if (limit - pos < 16) return false;
        size = bigEndian(&data[pos + 8], 8);
        header = 16;
    } else if (size == 0) {
        size = limit - pos;
    }
    if (size < header || size > limit - pos) return false;
    atom.type = std::string_view(reinterpret_cast<const char*>(&data[pos + 4]), 4);
    atom.body = pos + header;
    atom.end = pos + std::size_t(size);
    return true;
}

// Offsets (within `data`) of the vendor fields of `fourcc` sample descriptions found under
// [pos, limit), descending through the containers that lead to 'stsd'.
bool findVendors(const std::vector<unsigned char>& data, std::size_t pos, std::size_t limit,
                 std::string_view fourcc, std::vector<std::size_t>& out) {
    constexpr std::array<std::string_view, 5> kContainers{"moov", "trak", "mdia", "minf", "stbl"};
    while (pos < limit) {
        Atom atom;
        if (!atomAt(data, pos, limit, atom)) return false;
        if (atom.type == "stsd") {
            // version and flags (4), entry count (4), then the entries: size (4), format (4),
            // reserved (6), data reference index (2), version (2), revision (2), vendor (4) at 20.
            std::size_t entry = atom.body + 8;
            while (entry + 28 <= atom.end) {
                Atom e;
                if (!atomAt(data, entry, atom.end, e)) return false;
                if (e.type == fourcc && e.end - entry >= 28) out.push_back(entry + 20);
                entry = e.end;
            }
        } else if (std::find(kContainers.begin(), kContainers.end(), atom.type) !=
                   kContainers.end()) {
            if (!findVendors(data, atom.body, atom.end, fourcc, out)) return false;
        }
        pos = atom.end;
    }
    return true;
}

}  // namespace

Status setQuickTimeVendor(const std::filesystem::path& path, const std::string& fourcc,
                          const std::string& vendor, int* changed) {
    if (fourcc.size() != 4 || vendor.size() != 4)
        return makeError(ErrorCode::InvalidArgument, "codes are four characters");
    std::fstream file(path, std::ios::binary | std::ios::in | std::ios::out);
    if (!file) return makeError(ErrorCode::IoError, path.string() + ": cannot open to update");
    file.seekg(0, std::ios::end);
    const std::size_t fileSize = std::size_t(file.tellg());

    // Walk the top level reading headers only; the movie atom is small, the media data not.
    std::size_t pos = 0;
    int count = 0;
    while (pos + 8 <= fileSize) {
        std::vector<unsigned char> header(16, 0);
        file.seekg(std::streamoff(pos));
        file.read(reinterpret_cast<char*>(header.data()),
                  std::streamsize(std::min<std::size_t>(16, fileSize - pos)));
        // atomAt reads only the 16 header bytes; the limit checks the size against the file.
        Atom atom;
        if (!atomAt(header, 0, fileSize - pos, atom))
            return makeError(ErrorCode::CorruptData, path.string() + ": atoms do not nest");
        if (atom.type == "moov") {
            std::vector<unsigned char> moov(atom.end);
            file.seekg(std::streamoff(pos));
            file.read(reinterpret_cast<char*>(moov.data()), std::streamsize(moov.size()));
            std::vector<std::size_t> vendors;
            if (!file || !findVendors(moov, 0, moov.size(), fourcc, vendors))
                return makeError(ErrorCode::CorruptData, path.string() + ": damaged movie atom");
            for (std::size_t at : vendors) {
                file.seekp(std::streamoff(pos + at));
                file.write(vendor.data(), 4);
                ++count;
            }
        }
        pos += atom.end;
    }
    file.flush();
    if (!file) return makeError(ErrorCode::IoError, path.string() + ": cannot update");
    if (changed) *changed = count;
    return Status::ok();
}

}  // namespace emu::media
