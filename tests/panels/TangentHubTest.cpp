// Emulsion as a Tangent Hub client against a scripted hub on a loopback socket; messages
// written byte by byte from the TIPC layout in docs/PANELS.md.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <bit>
#include <chrono>
#include <string>
#include <thread>

#include "emulsion/panels/SystemTransports.h"
#include "emulsion/panels/TangentHub.h"

namespace emu::panels {
namespace {

using Bytes = std::vector<std::uint8_t>;

void be32(Bytes& b, std::uint32_t v) {
    b.push_back(v >> 24);
    b.push_back(v >> 16);
    b.push_back(v >> 8);
    b.push_back(v);
}

Bytes framed(const Bytes& body) {
    Bytes out;
    be32(out, static_cast<std::uint32_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

bool readExactly(int fd, std::uint8_t* p, std::size_t n) {
    while (n > 0) {
        const ssize_t r = ::recv(fd, p, n, 0);
        if (r <= 0) return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

// The hub's side: a listening socket on an ephemeral port.
struct ScriptedHub {
    int listener = -1;
    std::uint16_t port = 0;
    std::string appName;
    std::string systemDir;
    bool gotDefinition = false;

    ScriptedHub() {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = 0;
        ::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a);
        ::listen(listener, 1);
        socklen_t len = sizeof a;
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &len);
        port = ntohs(a.sin_port);
    }
    ~ScriptedHub() { ::close(listener); }

    void serve() {
        const int fd = ::accept(listener, nullptr, nullptr);
        ASSERT_GE(fd, 0);
        // InitiateComms: id 1, protocol revision 5, two panels (type 0x0c id 1, type 0x0d id 2)
        Bytes init;
        for (std::uint32_t v : {1u, 5u, 2u, 0x0cu, 1u, 0x0du, 2u}) be32(init, v);
        const Bytes f = framed(init);
        ::send(fd, f.data(), f.size(), 0);
        // ApplicationDefinition back: id 0x81, then three counted strings.
        std::uint8_t head[4];
        ASSERT_TRUE(readExactly(fd, head, 4));
        const std::uint32_t size = (head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3];
        Bytes body(size);
        ASSERT_TRUE(readExactly(fd, body.data(), size));
        auto word = [&](std::size_t at) {
            return (std::uint32_t(body[at]) << 24) | (body[at + 1] << 16) | (body[at + 2] << 8) |
                   body[at + 3];
        };
        ASSERT_GE(size, 16u);
        EXPECT_EQ(word(0), 0x81u);
        const std::uint32_t n1 = word(4);
        appName.assign(body.begin() + 8, body.begin() + 8 + n1);
        const std::uint32_t n2 = word(8 + n1);
        systemDir.assign(body.begin() + 12 + n1, body.begin() + 12 + n1 + n2);
        gotDefinition = true;
        // Two commands in one message, then two messages in one send.
        Bytes change;  // ParameterChange: ball 1 x (0x101) +2.5, ring 2 (0x302) -1
        be32(change, 2);
        be32(change, 0x101);
        be32(change, std::bit_cast<std::uint32_t>(2.5f));
        be32(change, 2);
        be32(change, 0x302);
        be32(change, std::bit_cast<std::uint32_t>(-1.0f));
        Bytes on, off, jog;
        be32(on, 8);
        be32(on, 0x503);  // ActionOn button 3
        be32(off, 0x0b);
        be32(off, 0x503);  // ActionOff button 3
        be32(jog, 0x0a);
        be32(jog, static_cast<std::uint32_t>(-4));  // Transport: jog -4, shuttle 0
        be32(jog, 0);
        Bytes all = framed(change);
        for (const Bytes* b : {&on, &off, &jog}) {
            const Bytes fb = framed(*b);
            all.insert(all.end(), fb.begin(), fb.end());
        }
        // Sent in two pieces cut inside a message, as TCP may deliver it.
        ::send(fd, all.data(), 7, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        ::send(fd, all.data() + 7, all.size() - 7, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        ::close(fd);
    }
};

TEST(TangentHub, ClientAgainstScriptedHub) {
    ScriptedHub hub;
    std::thread server([&] { hub.serve(); });
    auto t = openTcp("127.0.0.1", hub.port, 1000);
    ASSERT_TRUE(t.isOk()) << t.status().message();
    TangentHub driver("Emulsion", "/usr/share/emulsion/tangent");
    std::vector<SurfaceEvent> all, ev;
    std::vector<std::uint8_t> buffer;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (all.size() < 5 && std::chrono::steady_clock::now() < until) {
        auto n = (*t)->read(buffer, 50);
        if (!n.isOk()) break;
        ev.clear();
        driver.decode({buffer.data(), *n}, 1, ev);
        all.insert(all.end(), ev.begin(), ev.end());
        for (const auto& reply : driver.takeReplies()) ASSERT_TRUE((*t)->write(reply).isOk());
    }
    server.join();
    EXPECT_TRUE(hub.gotDefinition);
    EXPECT_EQ(hub.appName, "Emulsion");
    EXPECT_EQ(hub.systemDir, "/usr/share/emulsion/tangent");
    EXPECT_EQ(driver.protocolRevision(), 5);
    EXPECT_EQ(driver.panelCount(), 2);
    ASSERT_EQ(all.size(), 5u);
    EXPECT_EQ(all[0].control, (ControlId{ControlKind::Ball, 1}));
    EXPECT_EQ(all[0].dx, 2.5f);
    EXPECT_EQ(all[1].control, (ControlId{ControlKind::Ring, 2}));
    EXPECT_EQ(all[1].dx, -1.0f);
    EXPECT_EQ(all[2].control, (ControlId{ControlKind::Button, 3}));
    EXPECT_TRUE(all[2].pressed);
    EXPECT_FALSE(all[3].pressed);
    EXPECT_EQ(all[4].control, (ControlId{ControlKind::Jog, 1}));
    EXPECT_EQ(all[4].dx, -4.0f);
    EXPECT_EQ(driver.stats().malformed, 0u);
    // The hub closed the connection: the transport now reports the device gone.
    auto after = (*t)->read(buffer, 200);
    EXPECT_FALSE(after.isOk());
}

TEST(TangentHub, NoHubIsAClearError) {
    // A port nobody listens on (the hub's socket of a closed scripted hub).
    std::uint16_t port = 0;
    {
        ScriptedHub closed;
        port = closed.port;
    }
    auto t = openTcp("127.0.0.1", port, 200);
    ASSERT_FALSE(t.isOk());
    EXPECT_NE(t.status().message().find(std::to_string(port)), std::string::npos);
}

TEST(TangentHub, TruncatedAndUnknownCommandsCounted) {
    TangentHub driver("Emulsion", "");
    std::vector<SurfaceEvent> ev;
    Bytes shortChange;  // ParameterChange missing its increment
    be32(shortChange, 2);
    be32(shortChange, 0x101);
    Bytes unknown;
    be32(unknown, 0x77);
    be32(unknown, 1);
    Bytes all = framed(shortChange);
    const Bytes u = framed(unknown);
    all.insert(all.end(), u.begin(), u.end());
    driver.decode(all, 0, ev);
    EXPECT_TRUE(ev.empty());
    EXPECT_EQ(driver.stats().malformed, 2u);
}

}  // namespace
}  // namespace emu::panels
