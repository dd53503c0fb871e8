#include "Sqlite.h"

#include <utility>

namespace emu::timeline::sqlite {

namespace {

ErrorCode codeFor(int rc) {
    switch (rc & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return ErrorCode::CorruptData;
        case SQLITE_CANTOPEN:
            return ErrorCode::NotFound;
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
        case SQLITE_RANGE:
            return ErrorCode::InvalidArgument;
        default:
            return ErrorCode::IoError;
    }
}

}  // namespace

Result<Database> Database::open(const std::filesystem::path& path, int flags) {
    Database db;
    db.m_path = path;
    const int rc = sqlite3_open_v2(path.c_str(), &db.m_db, flags, nullptr);
    if (rc != SQLITE_OK) return db.error(rc, "cannot open");
    sqlite3_extended_result_codes(db.m_db, 1);
    // Another connection (a render node reading the project) holds a lock only briefly.
    sqlite3_busy_timeout(db.m_db, 5000);
    return db;
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (m_db) sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

Database::~Database() {
    if (m_db) sqlite3_close_v2(m_db);
}

Status Database::error(int rc, const std::string& doing) const {
    std::string what = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    return makeError(codeFor(rc), m_path.string() + ": " + doing + ": " + what);
}

Status Database::exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return Status::ok();
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return makeError(codeFor(rc), m_path.string() + ": " + what);
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return error(rc, "cannot prepare \"" + std::string(sql) + "\"");
    return Statement(*this, stmt);
}

Result<std::int64_t> Database::queryInt(std::string_view sql) {
    EMU_ASSIGN_OR_RETURN(Statement s, prepare(sql));
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return makeError(ErrorCode::Internal, m_path.string() + ": no result");
    return s.integer(0);
}

Result<std::string> Database::queryText(std::string_view sql) {
    EMU_ASSIGN_OR_RETURN(Statement s, prepare(sql));
    EMU_ASSIGN_OR_RETURN(bool row, s.step());
    if (!row) return makeError(ErrorCode::Internal, m_path.string() + ": no result");
    return s.text(0);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db),
      m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_bindError(other.m_bindError) {}

Statement::~Statement() {
    if (m_stmt) sqlite3_finalize(m_stmt);
}

// Binding errors (an index out of range) are kept and reported by step(), so calls chain.
Statement& Statement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK) m_bindError = rc;
    return *this;
}

Statement& Statement::bind(int index, double value) {
    const int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK) m_bindError = rc;
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    const int rc =
        sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK) m_bindError = rc;
    return *this;
}

Statement& Statement::bind(int index, const std::vector<std::uint8_t>& blob) {
    const int rc = sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) m_bindError = rc;
    return *this;
}

Statement& Statement::bindNull(int index) {
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK) m_bindError = rc;
    return *this;
}

Result<bool> Statement::step() {
    if (m_bindError != SQLITE_OK) return m_db->error(m_bindError, "cannot bind");
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return m_db->error(rc, "query failed");
}

Status Statement::run() {
    for (;;) {
        EMU_ASSIGN_OR_RETURN(bool row, step());
        if (!row) return Status::ok();
    }
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::vector<std::uint8_t> Statement::blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    return p ? std::vector<std::uint8_t>(p, p + sqlite3_column_bytes(m_stmt, column))
             : std::vector<std::uint8_t>();
}

Result<Transaction> Transaction::begin(Database& db) {
    EMU_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
    return Transaction(db);
}

Transaction::~Transaction() {
    if (m_db) m_db->exec("ROLLBACK");
}

Status Transaction::commit() {
    Status s = m_db->exec("COMMIT");
    if (s.isOk()) m_db = nullptr;
    return s;
}

}  // namespace emu::timeline::sqlite
