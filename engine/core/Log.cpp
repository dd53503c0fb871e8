#include "emulsion/core/Log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace emu::core {

struct Log::Impl {
    std::atomic<LogLevel> level;
    std::mutex mutex;
    Sink sink;
};

namespace {
const char* prefix(LogLevel level) {
    switch (level) {
        case LogLevel::Debug:
            return "debug";
        case LogLevel::Info:
            return "info";
        case LogLevel::Warning:
            return "warning";
        case LogLevel::Error:
            return "error";
        case LogLevel::Off:
            return "";
    }
    return "";
}
}  // namespace

bool parseLogLevel(std::string_view text, LogLevel& out) {
    for (LogLevel l :
         {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error, LogLevel::Off}) {
        if (text == (l == LogLevel::Off ? "off" : prefix(l))) {
            out = l;
            return true;
        }
    }
    return false;
}

Log::Log(LogLevel level) : m_impl(new Impl{{level}, {}, {}}) {}
Log::~Log() {
    delete m_impl;
}

void Log::setLevel(LogLevel level) {
    m_impl->level = level;
}
LogLevel Log::level() const {
    return m_impl->level;
}

void Log::setSink(Sink sink) {
    std::lock_guard lock(m_impl->mutex);
    m_impl->sink = std::move(sink);
}

void Log::write(LogLevel level, std::string_view message) {
    if (!enabled(level) || level == LogLevel::Off) return;
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->sink) {
        m_impl->sink(level, message);
        return;
    }
    std::fprintf(stderr, "emulsion %s: %.*s\n", prefix(level), static_cast<int>(message.size()),
                 message.data());
}

}  // namespace emu::core
