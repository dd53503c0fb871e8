#pragma once

// A thin RAII layer over the SQLite C API for the project store: a connection, prepared
// statements and an IMMEDIATE transaction. Errors become Status values naming the file.
// Private to engine/timeline.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulsion/core/Result.h"

namespace emu::timeline::sqlite {

class Statement;

// One connection. Thread: one owner.
class Database {
public:
    // `flags` as for sqlite3_open_v2 (SQLITE_OPEN_READONLY, ...). Fails with the file named.
    static Result<Database> open(const std::filesystem::path& path, int flags);

    Database() = default;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    bool isOpen() const { return m_db != nullptr; }
    const std::filesystem::path& path() const { return m_path; }

    // Runs one or more statements that return nothing of interest.
    Status exec(const std::string& sql);
    Result<Statement> prepare(std::string_view sql);
    // The first column of the first row of a query that yields one value.
    Result<std::int64_t> queryInt(std::string_view sql);
    Result<std::string> queryText(std::string_view sql);

    std::int64_t lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
    // The error of the last call, as "path: message", with a code mapped from SQLite's.
    Status error(int rc, const std::string& doing) const;
    sqlite3* handle() { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

// A prepared statement; parameters are bound by 1-based index.
class Statement {
public:
    Statement(Database& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::vector<std::uint8_t>& blob);
    Statement& bindNull(int index);
    template <typename T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    // True while there is a row; false when done. Fails with the statement's error.
    Result<bool> step();
    // Steps to completion, for statements that return no rows.
    Status run();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<std::uint8_t> blob(int column) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt;
    int m_bindError = SQLITE_OK;
};

// BEGIN IMMEDIATE on construction (through begin()), ROLLBACK on destruction unless committed.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept : m_db(other.m_db) { other.m_db = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database& db) : m_db(&db) {}
    Database* m_db;
};

}  // namespace emu::timeline::sqlite
