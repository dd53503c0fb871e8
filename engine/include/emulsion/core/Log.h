#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace emu::core {

enum class LogLevel { Debug = 0, Info = 1, Warning = 2, Error = 3, Off = 4 };

// Parses "debug", "info", "warning", "error", "off"; returns false for anything else.
bool parseLogLevel(std::string_view text, LogLevel& out);

// A logger passed by reference to whoever needs one (no global). Messages below the level are
// dropped before formatting. The sink defaults to stderr, one line per message.
// Thread: all functions may be called from any thread; the sink is called under a lock.
class Log {
public:
    using Sink = std::function<void(LogLevel, std::string_view)>;

    explicit Log(LogLevel level = LogLevel::Warning);
    ~Log();
    Log(const Log&) = delete;
    Log& operator=(const Log&) = delete;

    void setLevel(LogLevel level);
    LogLevel level() const;
    bool enabled(LogLevel level) const { return level >= this->level(); }
    void setSink(Sink sink);

    void write(LogLevel level, std::string_view message);
    void debug(std::string_view m) { write(LogLevel::Debug, m); }
    void info(std::string_view m) { write(LogLevel::Info, m); }
    void warning(std::string_view m) { write(LogLevel::Warning, m); }
    void error(std::string_view m) { write(LogLevel::Error, m); }

private:
    struct Impl;
    Impl* m_impl;
};

}  // namespace emu::core
