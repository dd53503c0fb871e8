#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "emulsion/core/Result.h"

namespace emu::render {

// The record of what a render has finished: one line per file written, "name<TAB>hash", after
// a first line naming the render's settings. A file is journalled only once it is complete
// under its final name, so after a crash every journalled file whose content still hashes the
// same is done, and everything else is rendered again. Lines are appended and flushed one by
// one; a torn last line (a crash mid-write) is ignored.
// Thread: one owner.
class RenderJournal {
public:
    // Opens the journal at `file`. With `resume`, the entries of an existing journal written
    // for the same `settings` are kept (InvalidArgument naming the file when it was written for
    // other settings: the frames on disk would not match a fresh render); without it, or when
    // there is no journal yet, it starts empty. IoError names the file.
    static Result<RenderJournal> open(const std::filesystem::path& file,
                                      const std::string& settings, bool resume);
    RenderJournal(RenderJournal&&) noexcept;
    RenderJournal& operator=(RenderJournal&&) noexcept;
    ~RenderJournal();

    const std::filesystem::path& file() const { return m_file; }
    // The hash journalled for `name`, if any.
    std::optional<std::string> hashOf(const std::string& name) const;
    // Appends an entry and flushes it to the file.
    Status record(const std::string& name, const std::string& hash);

private:
    RenderJournal() = default;
    std::filesystem::path m_file;
    std::map<std::string, std::string> m_entries;
    int m_fd = -1;
};

// The content hash a journal keeps: 64-bit FNV-1a of the file's bytes, 16 hex digits.
// NotFound / IoError name the file.
Result<std::string> hashFile(const std::filesystem::path& file);

}  // namespace emu::render
