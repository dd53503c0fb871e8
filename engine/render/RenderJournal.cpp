#include "emulsion/render/RenderJournal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "emulsion/core/Hash.h"

namespace emu::render {

namespace {

constexpr const char* kMagic = "emulsion-render-journal 1";

Status ioError(const std::filesystem::path& file, const std::string& what) {
    return makeError(ErrorCode::IoError, file.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

RenderJournal::RenderJournal(RenderJournal&& other) noexcept
    : m_file(std::move(other.m_file)), m_entries(std::move(other.m_entries)), m_fd(other.m_fd) {
    other.m_fd = -1;
}

RenderJournal& RenderJournal::operator=(RenderJournal&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) ::close(m_fd);
        m_file = std::move(other.m_file);
        m_entries = std::move(other.m_entries);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

RenderJournal::~RenderJournal() {
    if (m_fd >= 0) ::close(m_fd);
}

Result<RenderJournal> RenderJournal::open(const std::filesystem::path& file,
                                          const std::string& settings, bool resume) {
    RenderJournal j;
    j.m_file = file;
    const std::string header = std::string(kMagic) + "\t" + settings;
    std::error_code ec;
    bool keep = false;
    if (resume && std::filesystem::exists(file, ec)) {
        std::ifstream in(file);
        std::string line;
        std::getline(in, line);
        if (line != header) {
            return makeError(ErrorCode::InvalidArgument,
                             file.string() +
                                 ": this render journal was written for other "
                                 "settings (preset, range, timeline or grades "
                                 "changed); render again without --resume");
        }
        while (std::getline(in, line)) {
            if (in.eof()) break;  // no newline: torn by a crash
            const auto tab = line.find('\t');
            if (tab == std::string::npos) continue;
            j.m_entries[line.substr(0, tab)] = line.substr(tab + 1);
        }
        keep = true;
    }
    j.m_fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (keep ? 0 : O_TRUNC),
                    0644);
    if (j.m_fd < 0) return ioError(file, "cannot open render journal");
    if (!keep) {
        const std::string first = header + "\n";
        if (::write(j.m_fd, first.data(), first.size()) != ssize_t(first.size())) {
            return ioError(file, "cannot write render journal");
        }
    } else {
        // A torn last line must not glue onto the next entry.
        std::ifstream in(file, std::ios::binary | std::ios::ate);
        const auto size = in.tellg();
        if (size > 0) {
            in.seekg(-1, std::ios::end);
            if (in.get() != '\n' && ::write(j.m_fd, "\n", 1) != 1) {
                return ioError(file, "cannot write render journal");
            }
        }
    }
    return j;
}

std::optional<std::string> RenderJournal::hashOf(const std::string& name) const {
    auto it = m_entries.find(name);
    if (it == m_entries.end()) return std::nullopt;
    return it->second;
}

Status RenderJournal::record(const std::string& name, const std::string& hash) {
    const std::string line = name + "\t" + hash + "\n";
    if (::write(m_fd, line.data(), line.size()) != ssize_t(line.size()) || ::fdatasync(m_fd) != 0) {
        return ioError(m_file, "cannot write render journal");
    }
    m_entries[name] = hash;
    return Status::ok();
}

Result<std::string> hashFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError(ErrorCode::NotFound, file.string() + ": cannot open");
    core::Hasher hasher;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        if (in.gcount() > 0) hasher.add(buffer.data(), std::size_t(in.gcount()));
    }
    if (in.bad()) return makeError(ErrorCode::IoError, file.string() + ": read failed");
    return hasher.hex();
}

}  // namespace emu::render
