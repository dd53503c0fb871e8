#pragma once

// Opening, creating, checking and migrating project files. Private to engine/timeline.

#include <filesystem>

#include "Sqlite.h"
#include "emulsion/core/Result.h"

namespace emu::timeline {

// A read-write connection to a project at the current schema, configured (WAL,
// synchronous=FULL, foreign keys). See Project::open for what is refused and when a backup
// is made.
Result<sqlite::Database> openProjectDatabase(const std::filesystem::path& path);

}  // namespace emu::timeline
