#include "emulsion/panels/SystemTransports.h"

#include <alsa/asoundlib.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <hidapi/hidapi.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <cwchar>

namespace emu::panels {

namespace {

// ALSA prints its own complaints to stderr; the Status carries ours instead.
void quietAlsa(const char*, int, const char*, int, const char*, ...) {}

std::string systemError(const std::string& what) {
    return what + ": " + std::strerror(errno);
}

class HidTransport : public Transport {
public:
    HidTransport(hid_device* device, std::string path)
        : m_device(device), m_path(std::move(path)) {}
    ~HidTransport() override { hid_close(m_device); }

    Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) override {
        out.resize(64);
        const int n = hid_read_timeout(m_device, out.data(), out.size(), timeoutMs);
        if (n < 0) return makeError(ErrorCode::IoError, describe() + ": read failed (unplugged?)");
        return static_cast<std::size_t>(n);
    }
    Status write(std::span<const std::uint8_t> data) override {
        if (hid_write(m_device, data.data(), data.size()) < 0) {
            return makeError(ErrorCode::IoError, describe() + ": write failed");
        }
        return Status::ok();
    }
    Status sendFeature(std::span<const std::uint8_t> data) override {
        if (hid_send_feature_report(m_device, data.data(), data.size()) < 0) {
            return makeError(ErrorCode::IoError, describe() + ": feature report refused");
        }
        return Status::ok();
    }
    Result<std::vector<std::uint8_t>> getFeature(std::uint8_t id, std::size_t length) override {
        std::vector<std::uint8_t> r(length, 0);
        r[0] = id;
        const int n = hid_get_feature_report(m_device, r.data(), r.size());
        if (n < 0) return makeError(ErrorCode::IoError, describe() + ": feature read failed");
        r.resize(static_cast<std::size_t>(n));
        return r;
    }
    std::string describe() const override { return "hid " + m_path; }

private:
    hid_device* m_device;
    std::string m_path;
};

// A file descriptor read with poll(): serial ports and sockets.
class FdTransport : public Transport {
public:
    FdTransport(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {}
    ~FdTransport() override { ::close(m_fd); }

    Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) override {
        pollfd p{m_fd, POLLIN, 0};
        const int r = ::poll(&p, 1, timeoutMs);
        if (r < 0 && errno != EINTR) return makeError(ErrorCode::IoError, systemError(describe()));
        if (r <= 0) return std::size_t{0};
        out.resize(4096);
        const ssize_t n = ::read(m_fd, out.data(), out.size());
        if (n <= 0) {
            return makeError(ErrorCode::IoError,
                             n == 0 ? describe() + ": closed" : systemError(describe()));
        }
        return static_cast<std::size_t>(n);
    }
    Status write(std::span<const std::uint8_t> data) override {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::write(m_fd, data.data() + done, data.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return makeError(ErrorCode::IoError, systemError(describe()));
            done += static_cast<std::size_t>(n);
        }
        return Status::ok();
    }
    std::string describe() const override { return m_name; }

private:
    int m_fd;
    std::string m_name;
};

class AlsaTransport : public Transport {
public:
    AlsaTransport(snd_seq_t* seq, snd_midi_event_t* decoder) : m_seq(seq), m_decoder(decoder) {}
    ~AlsaTransport() override {
        snd_midi_event_free(m_decoder);
        snd_seq_close(m_seq);
    }
    Result<std::size_t> read(std::vector<std::uint8_t>& out, int timeoutMs) override {
        std::vector<pollfd> fds(snd_seq_poll_descriptors_count(m_seq, POLLIN));
        snd_seq_poll_descriptors(m_seq, fds.data(), fds.size(), POLLIN);
        if (::poll(fds.data(), fds.size(), timeoutMs) <= 0) return std::size_t{0};
        out.resize(256);
        std::size_t size = 0;
        snd_seq_event_t* ev = nullptr;
        while (snd_seq_event_input(m_seq, &ev) >= 0 && ev) {
            const long n =
                snd_midi_event_decode(m_decoder, out.data() + size, out.size() - size, ev);
            if (n > 0) size += static_cast<std::size_t>(n);
            if (snd_seq_event_input_pending(m_seq, 0) == 0 || out.size() - size < 16) break;
        }
        return size;
    }
    Status write(std::span<const std::uint8_t>) override { return Status::ok(); }
    std::string describe() const override { return "ALSA sequencer"; }

private:
    snd_seq_t* m_seq;
    snd_midi_event_t* m_decoder;
};

}  // namespace

Result<std::unique_ptr<Transport>> openHid(const std::string& path) {
    if (hid_init() != 0) return makeError(ErrorCode::IoError, "hidapi could not start");
    hid_device* d = hid_open_path(path.c_str());
    if (!d) {
        return makeError(ErrorCode::IoError,
                         path +
                             ": cannot open (unplugged, or no permission: install the udev "
                             "rules, see docs/PANELS.md)");
    }
    return std::unique_ptr<Transport>(std::make_unique<HidTransport>(d, path));
}

Result<std::unique_ptr<Transport>> openSerial(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return makeError(ErrorCode::IoError, systemError(path));
    termios tio{};
    if (tcgetattr(fd, &tio) == 0) {
        cfmakeraw(&tio);
        cfsetspeed(&tio, B115200);  // ignored by a USB CDC port, required by termios
        tcsetattr(fd, TCSANOW, &tio);
    }
    return std::unique_ptr<Transport>(std::make_unique<FdTransport>(fd, "serial " + path));
}

Result<std::unique_ptr<Transport>> openTcp(const std::string& host, std::uint16_t port,
                                           int timeoutMs) {
    const std::string name = "tcp " + host + ":" + std::to_string(port);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
        return makeError(ErrorCode::InvalidArgument, name + ": not an IPv4 address");
    }
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return makeError(ErrorCode::IoError, systemError(name));
    int r = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    if (r != 0 && errno == EINPROGRESS) {
        pollfd p{fd, POLLOUT, 0};
        r = ::poll(&p, 1, timeoutMs) == 1 ? 0 : -1;
        int err = 0;
        socklen_t len = sizeof err;
        if (r == 0 && (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0)) {
            errno = err;
            r = -1;
        }
        if (r != 0 && err == 0) errno = ETIMEDOUT;
    }
    if (r != 0) {
        const Status s = makeError(ErrorCode::IoError, systemError(name));
        ::close(fd);
        return s;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // small messages, now
    return std::unique_ptr<Transport>(std::make_unique<FdTransport>(fd, name));
}

Result<std::unique_ptr<Transport>> openAlsaSequencer(const std::string& clientName) {
    snd_lib_error_set_handler(quietAlsa);
    snd_seq_t* seq = nullptr;
    if (snd_seq_open(&seq, "default", SND_SEQ_OPEN_INPUT, SND_SEQ_NONBLOCK) < 0) {
        return makeError(ErrorCode::Unsupported,
                         "no ALSA sequencer on this machine (is the snd-seq module loaded?)");
    }
    snd_seq_set_client_name(seq, clientName.c_str());
    const int port = snd_seq_create_simple_port(
        seq, "controls", SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE,
        SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION);
    snd_midi_event_t* decoder = nullptr;
    if (port < 0 || snd_midi_event_new(256, &decoder) < 0) {
        snd_seq_close(seq);
        return makeError(ErrorCode::IoError, "ALSA sequencer: cannot create a port");
    }
    snd_midi_event_no_status(decoder, 1);  // full status bytes: the decoder expects them
    // Subscribe to every hardware or software port that can be read.
    snd_seq_client_info_t* client = nullptr;
    snd_seq_port_info_t* info = nullptr;
    snd_seq_client_info_alloca(&client);
    snd_seq_port_info_alloca(&info);
    snd_seq_client_info_set_client(client, -1);
    while (snd_seq_query_next_client(seq, client) >= 0) {
        const int c = snd_seq_client_info_get_client(client);
        if (c == SND_SEQ_CLIENT_SYSTEM || c == snd_seq_client_id(seq)) continue;
        snd_seq_port_info_set_client(info, c);
        snd_seq_port_info_set_port(info, -1);
        while (snd_seq_query_next_port(seq, info) >= 0) {
            const unsigned caps = snd_seq_port_info_get_capability(info);
            if ((caps & SND_SEQ_PORT_CAP_READ) && (caps & SND_SEQ_PORT_CAP_SUBS_READ)) {
                snd_seq_connect_from(seq, port, c, snd_seq_port_info_get_port(info));
            }
        }
    }
    return std::unique_ptr<Transport>(std::make_unique<AlsaTransport>(seq, decoder));
}

}  // namespace emu::panels
