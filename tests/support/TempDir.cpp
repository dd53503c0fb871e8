#include "TempDir.h"

#include <unistd.h>

#include <atomic>
#include <system_error>

namespace emu::test {

namespace {
std::atomic<int> g_counter{0};  // distinct names within one test process
}

TempDir::TempDir() {
    m_path = std::filesystem::temp_directory_path() /
             ("emulsion-test-" + std::to_string(getpid()) + "-" + std::to_string(g_counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

}  // namespace emu::test
