#include "emulsion/media/ClipRegistry.h"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "emulsion/media/MovieReader.h"
#include "emulsion/media/RawReader.h"

namespace emu::media {

namespace {

std::string lowercaseExtension(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string leadingBytes(const std::filesystem::path& file, std::size_t count) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(count, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(count));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
    return bytes;
}

Result<std::unique_ptr<ClipReader>> openMovieClip(const FileSequence& files) {
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<MovieReader> reader, MovieReader::open(files.firstPath()));
    return std::unique_ptr<ClipReader>(std::move(reader));
}

Result<std::unique_ptr<ClipReader>> openRawClip(const FileSequence& files) {
    EMU_ASSIGN_OR_RETURN(std::unique_ptr<RawReader> reader, RawReader::open(files.pattern.text()));
    return std::unique_ptr<ClipReader>(std::move(reader));
}

}  // namespace

void ClipRegistry::add(ClipReaderType type) {
    m_types.push_back(std::move(type));
}

const ClipReaderType* ClipRegistry::find(const std::filesystem::path& file) const {
    const std::string ext = lowercaseExtension(file);
    for (const ClipReaderType& t : m_types) {
        if (std::find(t.extensions.begin(), t.extensions.end(), ext) != t.extensions.end()) {
            return &t;
        }
    }
    const std::string head = leadingBytes(file, 16);
    for (const ClipReaderType& t : m_types) {
        for (const std::string& magic : t.magics) {
            if (head.compare(0, magic.size(), magic) == 0) return &t;
        }
    }
    return nullptr;
}

Result<std::unique_ptr<ClipReader>> ClipRegistry::open(const std::filesystem::path& path) const {
    const std::string name = path.filename().string();
    const bool pattern = name.find('#') != std::string::npos || name.find('%') != std::string::npos;
    std::error_code ec;
    if (!pattern && !std::filesystem::exists(path, ec)) {
        return makeError(ErrorCode::NotFound, path.string() + ": no such file");
    }
    if (!pattern) {
        if (std::filesystem::is_directory(path, ec)) {
            return makeError(ErrorCode::InvalidArgument,
                             path.string() +
                                 ": is a folder (name a file of the clip, or a "
                                 "pattern such as name.%07d.exr)");
        }
        const ClipReaderType* type = find(path);
        if (!type) {
            return makeError(ErrorCode::Unsupported,
                             path.string() + ": not a kind of file Emulsion reads");
        }
        if (!type->sequences) return type->open(FileSequence{*FramePattern::parse(path), {}});
    }
    EMU_ASSIGN_OR_RETURN(FileSequence files, findSequence(path));
    const ClipReaderType* type = find(files.firstPath());
    if (!type) {
        return makeError(ErrorCode::Unsupported,
                         files.firstPath().string() + ": not a kind of file Emulsion reads");
    }
    return type->open(files);
}

ClipRegistry builtinClipReaders() {
    ClipRegistry r;
    r.add({"exr", {".exr"}, true, {std::string("\x76\x2f\x31\x01", 4)}, openExrClip});
    r.add({"dpx", {".dpx"}, true, {"SDPX", "XPDS"}, openDpxClip});
    r.add({"tiff",
           {".tif", ".tiff"},
           true,
           {std::string("II*\0", 4), std::string("MM\0*", 4)},
           openTiffClip});
    // Camera raw before TIFF: a DNG is a TIFF file, told apart by its extension.
    r.add({"raw",
           {".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw"},
           true,
           {},
           openRawClip});
    // Movies are told by extension: their containers do not start with one fixed signature.
    r.add({"movie", {".mov", ".mp4", ".m4v", ".mxf", ".mkv", ".avi"}, false, {}, openMovieClip});
    return r;
}

}  // namespace emu::media
