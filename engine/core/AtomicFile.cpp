#include "emulsion/core/AtomicFile.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <system_error>

namespace emu::core {

namespace {
std::atomic<unsigned> g_sequence{0};  // makes names unique within the process, not state
}

AtomicFile::AtomicFile(std::filesystem::path finalPath) : m_final(std::move(finalPath)) {
    std::string name = "." + m_final.filename().string() + ".part-" + std::to_string(getpid()) +
                       "-" + std::to_string(g_sequence++);
    // Keep the extension last: some writers choose the format from it.
    name += m_final.extension().string();
    m_temporary = m_final.parent_path() / name;
}

AtomicFile::~AtomicFile() {
    if (m_committed) return;
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
}

Status AtomicFile::commit() {
    std::error_code ec;
    std::filesystem::rename(m_temporary, m_final, ec);
    if (ec) {
        return makeError(ErrorCode::IoError, "cannot rename " + m_temporary.string() + " to " +
                                                 m_final.string() + ": " + ec.message());
    }
    m_committed = true;
    return Status::ok();
}

Status writeFileAtomically(const std::filesystem::path& path, const std::string& contents,
                           const std::string& what) {
    AtomicFile file(path);
    {
        std::ofstream out(file.temporaryPath(), std::ios::binary);
        out << contents;
        out.flush();
        if (!out.good())
            return makeError(ErrorCode::IoError, path.string() + ": cannot write " + what);
    }
    return file.commit();
}

}  // namespace emu::core
