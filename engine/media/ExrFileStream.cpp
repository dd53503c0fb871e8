#include "ExrFileStream.h"

#include <Iex.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace emu::media {

namespace {
constexpr std::size_t kBufferBytes = std::size_t(1) << 20;
}

ExrFileStream::ExrFileStream(const std::filesystem::path& path) : Imf::OStream(path.c_str()) {
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (m_fd < 0) fail("cannot create " + path.string(), errno);
    m_buffer.reserve(kBufferBytes);
}

ExrFileStream::~ExrFileStream() {
    if (m_fd >= 0) ::close(m_fd);
}

void ExrFileStream::fail(const std::string& what, int errnum) {
    if (m_error.empty()) m_error = what + ": " + std::strerror(errnum);
}

bool ExrFileStream::writeAt(const char* data, std::size_t size, std::uint64_t offset) {
    std::size_t done = 0;
    while (ok() && m_fd >= 0 && done < size) {
        const ssize_t n = ::pwrite(m_fd, data + done, size - done, off_t(offset + done));
        if (n < 0 && errno == EINTR) continue;
        // A write that makes no progress is how a full disk can look.
        if (n <= 0) fail("write failed", n < 0 ? errno : ENOSPC);
        if (n > 0) done += std::size_t(n);
    }
    return ok();
}

bool ExrFileStream::flush() {
    writeAt(m_buffer.data(), m_buffer.size(), m_bufferStart);
    m_bufferStart += m_buffer.size();
    m_buffer.clear();
    return ok();
}

void ExrFileStream::write(const char c[], int n) {
    if (!ok() || m_fd < 0) throw Iex::IoExc(m_error.empty() ? "file not open" : m_error);
    if (m_position != m_bufferStart + m_buffer.size()) {
        if (!flush()) throw Iex::IoExc(m_error);
        m_bufferStart = m_position;
    }
    if (m_buffer.size() + std::size_t(n) > kBufferBytes && !flush()) throw Iex::IoExc(m_error);
    if (std::size_t(n) >= kBufferBytes) {
        // The buffer is empty here; a large chunk goes straight to the file.
        if (!writeAt(c, std::size_t(n), m_position)) throw Iex::IoExc(m_error);
        m_bufferStart += std::uint64_t(n);
    } else {
        m_buffer.insert(m_buffer.end(), c, c + n);
    }
    m_position += std::uint64_t(n);
}

Status ExrFileStream::finish() {
    flush();
    if (m_fd >= 0) {
        if (ok() && ::fsync(m_fd) != 0) fail("sync failed", errno);
        if (::close(m_fd) != 0) fail("close failed", errno);
        m_fd = -1;
    }
    if (!ok()) return makeError(ErrorCode::IoError, m_error);
    return Status::ok();
}

}  // namespace emu::media
