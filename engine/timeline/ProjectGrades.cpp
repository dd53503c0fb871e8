// Grade versions and the command log of Project: every grade edit records the state it
// replaced and the state it made, so undo and redo are restores, and survive restarts.
//
// The states are JSON objects:
//   set_grade:          {"version": N, "name": "v2" | null, "grade": "<grade JSON>" | null,
//                        "active": M | null}   (null name and grade: the version did not exist)
//   set_active_version: {"active": M | null}

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

#include "Sqlite.h"
#include "emulsion/timeline/Project.h"

namespace emu::timeline {

using nlohmann::json;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

Result<std::string> Project::activeState(ShotId shot) {
    EMU_ASSIGN_OR_RETURN(Statement s,
                         m_db->prepare("SELECT active_version FROM shots WHERE id = ?"));
    s.bind(1, shot);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) {
        return makeError(ErrorCode::NotFound,
                         path().string() + ": no shot " + std::to_string(shot));
    }
    return json{{"active", s.isNull(0) ? json(nullptr) : json(s.integer(0))}}.dump();
}

Result<std::string> Project::gradeState(ShotId shot, int version) {
    EMU_ASSIGN_OR_RETURN(std::string active, activeState(shot));
    json state = json::parse(active);
    state["version"] = version;
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT name, grade_json FROM grade_versions "
                                                    "WHERE shot_id = ? AND version = ?"));
    s.bind(1, shot).bind(2, std::int64_t(version));
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    state["name"] = row ? json(s.text(0)) : json(nullptr);
    state["grade"] = row ? json(s.text(1)) : json(nullptr);
    return state.dump();
}

namespace {

// A state from the log, read without trusting it: a damaged entry is an error, not a crash.
struct LoggedState {
    std::optional<std::int64_t> active;
    std::optional<std::int64_t> version;     // set for set_grade states
    std::optional<std::string> name, grade;  // unset: the version did not exist
};

const json* member(const json& j, const char* key) {
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

std::optional<LoggedState> parseState(const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    LoggedState state;
    const json* active = member(j, "active");
    if (!active || !(active->is_null() || active->is_number_integer())) return std::nullopt;
    if (!active->is_null()) state.active = active->get<std::int64_t>();
    const json* version = member(j, "version");
    if (!version) return state;
    const json* name = member(j, "name");
    const json* grade = member(j, "grade");
    if (!version->is_number_integer() || !name || !grade) return std::nullopt;
    state.version = version->get<std::int64_t>();
    if (grade->is_null()) return state;
    if (!grade->is_string() || !name->is_string()) return std::nullopt;
    state.name = name->get<std::string>();
    state.grade = grade->get<std::string>();
    return state;
}

}  // namespace

Status Project::restore(ShotId shot, const std::string& text) {
    const std::optional<LoggedState> state = parseState(text);
    if (!state) {
        return makeError(ErrorCode::CorruptData, path().string() + ": command log entry for shot " +
                                                     std::to_string(shot) +
                                                     " is not a state: " + text);
    }
    if (state->version && !state->grade) {
        EMU_ASSIGN_OR_RETURN(Statement del, m_db->prepare("DELETE FROM grade_versions WHERE "
                                                          "shot_id = ? AND version = ?"));
        del.bind(1, shot).bind(2, *state->version);
        EMU_RETURN_IF_ERROR(del.run());
    } else if (state->version) {
        EMU_ASSIGN_OR_RETURN(Statement put,
                             m_db->prepare("INSERT OR REPLACE INTO grade_versions (shot_id, "
                                           "version, name, grade_json) VALUES (?, ?, ?, ?)"));
        put.bind(1, shot).bind(2, *state->version).bind(3, *state->name).bind(4, *state->grade);
        EMU_RETURN_IF_ERROR(put.run());
    }
    EMU_ASSIGN_OR_RETURN(Statement active,
                         m_db->prepare("UPDATE shots SET active_version = ? WHERE id = ?"));
    active.bind(1, state->active).bind(2, shot);
    return active.run();
}

Status Project::appendCommand(ShotId shot, const std::string& kind, const std::string& before,
                              const std::string& after) {
    EMU_ASSIGN_OR_RETURN(std::int64_t pointer, undoPointer());
    // A new edit after undos abandons what could have been redone, as in any editor.
    EMU_ASSIGN_OR_RETURN(Statement drop, m_db->prepare("DELETE FROM command_log WHERE seq > ?"));
    drop.bind(1, pointer);
    EMU_RETURN_IF_ERROR(drop.run());
    EMU_ASSIGN_OR_RETURN(Statement add,
                         m_db->prepare("INSERT INTO command_log (seq, timestamp_ms, shot_id, "
                                       "kind, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)"));
    add.bind(1, pointer + 1).bind(2, nowMs()).bind(3, shot).bind(4, kind).bind(5, before);
    add.bind(6, after);
    EMU_RETURN_IF_ERROR(add.run());
    EMU_ASSIGN_OR_RETURN(Statement move,
                         m_db->prepare("UPDATE undo_state SET pointer = ? WHERE id = 1"));
    move.bind(1, pointer + 1);
    return move.run();
}

Status Project::setGrade(ShotId shot, int version, std::string_view gradeJson) {
    const std::string where = path().string() + ": shot " + std::to_string(shot);
    if (version < 1) {
        return makeError(ErrorCode::InvalidArgument,
                         where + ": grade version " + std::to_string(version) + " (from 1)");
    }
    json grade = json::parse(gradeJson, nullptr, false);
    if (grade.is_discarded()) {
        return makeError(ErrorCode::InvalidArgument, where + ": the grade is not JSON");
    }
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(std::string before, gradeState(shot, version));
    json after = json::parse(before);
    if (after["name"].is_null()) {
        after["name"] = "v" + std::to_string(version);
        after["active"] = version;  // a new version is the one the colourist looks at
    }
    after["grade"] = std::string(gradeJson);
    EMU_RETURN_IF_ERROR(restore(shot, after.dump()));
    EMU_RETURN_IF_ERROR(appendCommand(shot, "set_grade", before, after.dump()));
    return tx.commit();
}

Status Project::setActiveVersion(ShotId shot, int version) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT 1 FROM grade_versions WHERE "
                                                    "shot_id = ? AND version = ?"));
    s.bind(1, shot).bind(2, std::int64_t(version));
    EMU_ASSIGN_OR_RETURN(bool exists, s.step());
    if (!exists) {
        return makeError(ErrorCode::NotFound, path().string() + ": shot " + std::to_string(shot) +
                                                  " has no grade version " +
                                                  std::to_string(version));
    }
    EMU_ASSIGN_OR_RETURN(std::string before, activeState(shot));
    const std::string after = json{{"active", version}}.dump();
    EMU_RETURN_IF_ERROR(restore(shot, after));
    EMU_RETURN_IF_ERROR(appendCommand(shot, "set_active_version", before, after));
    return tx.commit();
}

Result<GradeVersion> Project::grade(ShotId shot, int version) {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT name, grade_json FROM grade_versions "
                                                    "WHERE shot_id = ? AND version = ?"));
    s.bind(1, shot).bind(2, std::int64_t(version));
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) {
        return makeError(ErrorCode::NotFound, path().string() + ": shot " + std::to_string(shot) +
                                                  " has no grade version " +
                                                  std::to_string(version));
    }
    return GradeVersion{version, s.text(0), s.text(1)};
}

Result<std::vector<GradeVersion>> Project::gradeVersions(ShotId shot) {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT version, name, grade_json FROM "
                                                    "grade_versions WHERE shot_id = ? "
                                                    "ORDER BY version"));
    s.bind(1, shot);
    std::vector<GradeVersion> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        out.push_back({int(s.integer(0)), s.text(1), s.text(2)});
    }
}

Result<std::int64_t> Project::undoPointer() {
    return m_db->queryInt("SELECT pointer FROM undo_state WHERE id = 1");
}

Result<bool> Project::canUndo() {
    EMU_ASSIGN_OR_RETURN(std::int64_t pointer, undoPointer());
    return pointer > 0;
}

Result<bool> Project::canRedo() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT 1 FROM command_log WHERE seq > "
                                                    "(SELECT pointer FROM undo_state) LIMIT 1"));
    return s.step();
}

Result<bool> Project::step(bool forward) {
    EMU_ASSIGN_OR_RETURN(auto tx, Transaction::begin(*m_db));
    EMU_ASSIGN_OR_RETURN(std::int64_t pointer, undoPointer());
    EMU_ASSIGN_OR_RETURN(
        Statement s,
        m_db->prepare(forward ? "SELECT seq, shot_id, after_json FROM command_log WHERE seq > ? "
                                "ORDER BY seq LIMIT 1"
                              : "SELECT seq, shot_id, before_json FROM command_log WHERE seq = ?"));
    s.bind(1, pointer);
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return false;
    const std::int64_t seq = s.integer(0);
    EMU_RETURN_IF_ERROR(restore(s.integer(1), s.text(2)));
    std::int64_t newPointer = seq;
    if (!forward) {
        EMU_ASSIGN_OR_RETURN(Statement prev, m_db->prepare("SELECT coalesce(max(seq), 0) FROM "
                                                           "command_log WHERE seq < ?"));
        prev.bind(1, seq);
        EMU_ASSIGN_OR_RETURN(bool any, prev.step());
        newPointer = any ? prev.integer(0) : 0;
    }
    EMU_ASSIGN_OR_RETURN(Statement move,
                         m_db->prepare("UPDATE undo_state SET pointer = ? WHERE id = 1"));
    move.bind(1, newPointer);
    EMU_RETURN_IF_ERROR(move.run());
    EMU_RETURN_IF_ERROR(tx.commit());
    return true;
}

Result<bool> Project::undo() {
    return step(false);
}

Result<bool> Project::redo() {
    return step(true);
}

Result<std::vector<CommandEntry>> Project::commandLog() {
    EMU_ASSIGN_OR_RETURN(Statement s, m_db->prepare("SELECT seq, timestamp_ms, shot_id, kind, "
                                                    "before_json, after_json FROM command_log "
                                                    "ORDER BY seq"));
    std::vector<CommandEntry> out;
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, s.step());
        if (!row) return out;
        out.push_back({s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.text(5)});
    }
}

}  // namespace emu::timeline
