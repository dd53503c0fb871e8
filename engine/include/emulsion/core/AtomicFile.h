#pragma once

#include <filesystem>
#include <string>

#include "emulsion/core/Status.h"

namespace emu::core {

// Writing a file so that its final name only ever holds a complete file: write to
// temporaryPath(), then commit() renames it over finalPath(). If commit() is never called (an
// error, an exception, a crash unwinding) the destructor deletes the temporary, so nothing
// half-written is left under the final name and an existing file there is untouched.
// Thread: one owner.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path finalPath);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::filesystem::path& finalPath() const { return m_final; }
    // In the same directory as the final path (so the rename is atomic), hidden, unique to
    // this process and object.
    const std::filesystem::path& temporaryPath() const { return m_temporary; }

    // Renames the temporary onto the final path. Fails (naming both paths) if the temporary
    // does not exist or the rename is refused.
    Status commit();

private:
    std::filesystem::path m_final;
    std::filesystem::path m_temporary;
    bool m_committed = false;
};

// Writes `contents` to `path` through an AtomicFile. IoError names the path and says what kind
// of file (`what`, e.g. "CDL file") could not be written; an existing file is then untouched.
Status writeFileAtomically(const std::filesystem::path& path, const std::string& contents,
                           const std::string& what);

}  // namespace emu::core
