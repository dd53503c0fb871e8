#include "ExrPreflight.h"

#include <OpenEXR/openexr.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace emu::media {

namespace {

constexpr unsigned char kMagic[4] = {0x76, 0x2f, 0x31, 0x01};
// Every chunk costs at least its 8-byte offset-table entry and an 8-byte chunk header, so a
// file cannot hold more chunks than this fraction of its size.
constexpr std::int64_t kMinBytesPerChunk = 16;

// The file as the core parser sees it: our descriptor, so no library-owned handle leaks on
// error, and a place for the parser's error text.
struct CoreStream {
    int fd = -1;
    std::int64_t size = 0;
    std::string firstError;
};

int64_t readAt(exr_const_context_t, void* user, void* buffer, uint64_t size, uint64_t offset,
               exr_stream_error_func_ptr_t) {
    auto* stream = static_cast<CoreStream*>(user);
    uint64_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(stream->fd, static_cast<char*>(buffer) + done, size - done,
                                  off_t(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;  // end of file: a short read, which the parser reports as truncation
        done += uint64_t(n);
    }
    return int64_t(done);
}

int64_t querySize(exr_const_context_t, void* user) {
    return static_cast<CoreStream*>(user)->size;
}

void onCoreError(exr_const_context_t ctxt, exr_result_t code, const char* message) {
    void* user = nullptr;
    if (exr_get_user_data(ctxt, &user) != EXR_ERR_SUCCESS || !user) return;
    auto* stream = static_cast<CoreStream*>(user);
    if (!stream->firstError.empty()) return;  // the first report is the specific one
    stream->firstError = message ? message : exr_get_default_error_message(code);
}

// Closes the descriptor on every path out of preflightExr.
struct FdCloser {
    int fd;
    ~FdCloser() {
        if (fd >= 0) ::close(fd);
    }
};

Status corrupt(const std::filesystem::path& path, const std::string& what) {
    return makeError(ErrorCode::CorruptData, path.string() + ": " + what);
}

Status checkPart(const std::filesystem::path& path, exr_context_t ctxt, int part,
                 std::int64_t fileSize) {
    const std::string where = "part " + std::to_string(part) + ": ";
    exr_attr_box2i_t box{};
    if (exr_get_data_window(ctxt, part, &box) != EXR_ERR_SUCCESS) {
        return corrupt(path, where + "no readable data window");
    }
    const std::int64_t w = std::int64_t(box.max.x) - box.min.x + 1;
    const std::int64_t h = std::int64_t(box.max.y) - box.min.y + 1;
    if (w > kMaxExrDimensionPx || h > kMaxExrDimensionPx ||
        (w > 0 && h > 0 && w * h > kMaxExrPixels)) {
        return corrupt(path, where + "data window of " + std::to_string(w) + " x " +
                                 std::to_string(h) + " pixels exceeds the limit of " +
                                 std::to_string(kMaxExrPixels) + " pixels (damaged header?)");
    }
    exr_storage_t storage = EXR_STORAGE_SCANLINE;
    if (exr_get_storage(ctxt, part, &storage) != EXR_ERR_SUCCESS) {
        return corrupt(path, where + "unknown part type");
    }
    if (storage == EXR_STORAGE_TILED || storage == EXR_STORAGE_DEEP_TILED) {
        uint32_t tw = 0, th = 0;
        exr_tile_level_mode_t level{};
        exr_tile_round_mode_t round{};
        if (exr_get_tile_descriptor(ctxt, part, &tw, &th, &level, &round) != EXR_ERR_SUCCESS) {
            return corrupt(path, where + "tiled part without a readable tile description");
        }
        if (tw == 0 || th == 0 || std::int64_t(tw) * th > kMaxExrTilePixels) {
            return corrupt(path, where + "tile size " + std::to_string(tw) + " x " +
                                     std::to_string(th) + " is out of range");
        }
    }
    int32_t chunks = 0;
    if (exr_get_chunk_count(ctxt, part, &chunks) != EXR_ERR_SUCCESS || chunks < 0) {
        return corrupt(path, where + "cannot compute the chunk count");
    }
    if (chunks > kMaxExrChunks || std::int64_t(chunks) * kMinBytesPerChunk > fileSize) {
        return corrupt(path, where + "header claims " + std::to_string(chunks) +
                                 " chunks, more than a file of " + std::to_string(fileSize) +
                                 " bytes can hold (truncated or damaged)");
    }
    return Status::ok();
}

}  // namespace

Status preflightExr(const std::filesystem::path& path) {
    std::error_code ec;
    const auto st = std::filesystem::status(path, ec);
    if (st.type() == std::filesystem::file_type::not_found) {
        return makeError(ErrorCode::NotFound, path.string() + ": no such file");
    }
    if (ec) return makeError(ErrorCode::IoError, path.string() + ": " + ec.message());
    if (std::filesystem::is_directory(st)) {
        return makeError(ErrorCode::IoError, path.string() + ": is a directory, not a file");
    }
    // Reading a FIFO or a device could block forever or never end.
    if (!std::filesystem::is_regular_file(st)) {
        return makeError(ErrorCode::IoError, path.string() + ": not a regular file");
    }

    CoreStream stream;
    stream.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (stream.fd < 0) {
        return makeError(ErrorCode::IoError,
                         path.string() + ": cannot open: " + std::strerror(errno));
    }
    FdCloser closer{stream.fd};
    struct stat info {};
    if (::fstat(stream.fd, &info) != 0) {
        return makeError(ErrorCode::IoError, path.string() + ": " + std::strerror(errno));
    }
    stream.size = std::int64_t(info.st_size);
    if (stream.size == 0) return corrupt(path, "empty file");
    unsigned char magic[4] = {};
    if (readAt(nullptr, &stream, magic, 4, 0, nullptr) != 4 || std::memcmp(magic, kMagic, 4) != 0) {
        return corrupt(path, "not an OpenEXR file");
    }

    exr_context_initializer_t init = EXR_DEFAULT_CONTEXT_INITIALIZER;
    init.error_handler_fn = &onCoreError;
    init.user_data = &stream;
    init.read_fn = &readAt;
    init.size_fn = &querySize;
    exr_context_t ctxt = nullptr;
    const exr_result_t started = exr_start_read(&ctxt, path.c_str(), &init);
    // The core parser reports some damage (an attribute size past the end of the file) and
    // then carries on; the C++ library would trust those bytes, so any report is a refusal.
    if (started != EXR_ERR_SUCCESS || !stream.firstError.empty()) {
        exr_finish(&ctxt);
        const std::string why =
            stream.firstError.empty() ? exr_get_default_error_message(started) : stream.firstError;
        return corrupt(path, "damaged header: " + why);
    }
    Status status = Status::ok();
    int parts = 0;
    if (exr_get_count(ctxt, &parts) != EXR_ERR_SUCCESS || parts <= 0) {
        status = corrupt(path, "no parts");
    }
    for (int part = 0; status.isOk() && part < parts; ++part) {
        status = checkPart(path, ctxt, part, stream.size);
    }
    exr_finish(&ctxt);
    return status;
}

}  // namespace emu::media
