#pragma once

// Private to the media module.

#include <OpenEXR/ImfIO.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "emulsion/core/Status.h"

namespace emu::media {

// An OpenEXR output stream on a file descriptor that remembers its first I/O error.
// OpenEXR writes the chunk offset tables and flushes from destructors that swallow exceptions;
// with this stream a failure there (disk full) is still seen, by finish(), before the file is
// renamed into place. Writes are buffered; seeks flush.
// Thread: one owner.
class ExrFileStream : public Imf::OStream {
public:
    // Creates (or truncates) `path`; check ok() before writing.
    explicit ExrFileStream(const std::filesystem::path& path);
    ~ExrFileStream() override;
    ExrFileStream(const ExrFileStream&) = delete;
    ExrFileStream& operator=(const ExrFileStream&) = delete;

    // False when the file could not be created or a write failed; error() says why.
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    // Throws Iex::IoExc on failure (OpenEXR's contract for streams).
    void write(const char c[], int n) override;
    std::uint64_t tellp() override { return m_position; }
    void seekp(std::uint64_t position) override { m_position = position; }

    // Flushes, syncs to disk and closes. Failure: IoError with the first error met.
    Status finish();

private:
    // Both return false (and set m_error) on failure.
    bool writeAt(const char* data, std::size_t size, std::uint64_t offset);
    bool flush();
    void fail(const std::string& what, int errnum);

    int m_fd = -1;
    std::vector<char> m_buffer;  // bytes destined for [m_bufferStart, + size)
    std::uint64_t m_bufferStart = 0;
    std::uint64_t m_position = 0;
    std::string m_error;
};

}  // namespace emu::media
