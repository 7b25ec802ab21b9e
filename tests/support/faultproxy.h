// A fault-injecting TCP proxy for sync tests (this machine's kernel has no netem): listens on
// 127.0.0.1, forwards each connection to one upstream, and per direction limits the rate, adds
// latency, stalls, truncates or resets connections. Runs a poll() loop on its own thread, so the
// test thread may block in libcurl meanwhile; every setter is thread-safe and takes effect while
// connections are open. "Up" is client → upstream, "down" is upstream → client.
#pragma once

#include <QString>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct pollfd;

namespace fieldcase::test {

class FaultProxy
{
public:
    // Which way bytes flow.
    enum class Direction { Up, Down };
    // Whether the rate limit is one link shared by all connections or one per connection.
    enum class RateSharing { Shared, PerConnection };
    // Whether a byte-count fault fires on the first connection to reach it or on every one.
    enum class Repeat { Once, EveryConnection };

    // Random resets: each connection draws from its own generator seeded with (seed, connection
    // index since setRandomResets, direction), so a fixed seed gives the same resets at the same
    // byte offsets whatever the timing.
    struct RandomResets
    {
        double probability = 0; // chance of a reset per draw; 0 disables
        qint64 everyBytes = 0; // draw after each such block of bytes; 0 = after each write
        std::uint64_t seed = 0;
        bool up = true;
        bool down = true;
    };

    // A snapshot of what the proxy has done since start().
    struct Counters
    {
        qint64 accepted = 0; // connections accepted from clients
        qint64 open = 0; // connections not yet closed
        qint64 bytesUp = 0; // bytes written to the upstream
        qint64 bytesDown = 0; // bytes written to clients
        qint64 resets = 0; // connections reset by cutAll, cutAfterBytes or random resets
        qint64 randomResets = 0; // of those, the ones drawn at random
        qint64 truncations = 0; // connections closed by truncateAfter
        qint64 upstreamFailures = 0; // upstream connects that failed (client then reset)
        qint64 peakBuffered = 0; // most bytes held for one direction of one connection
    };

    // Forwards to upstreamHost:upstreamPort (a name or address, resolved on start()).
    FaultProxy(QString upstreamHost, quint16 upstreamPort);
    // Stops the proxy, resetting any open connection.
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    // Listens on 127.0.0.1:port (0 = a free port) and starts the proxy thread.
    [[nodiscard]] bool start(quint16 port = 0);
    // Stops the thread and resets every open connection; counters are kept until start().
    void stop();
    // Whether the proxy thread runs (between start() and stop()).
    [[nodiscard]] bool running() const { return m_thread.joinable(); }
    // The port clients connect to.
    [[nodiscard]] quint16 port() const { return m_port; }
    // Why start() failed.
    [[nodiscard]] QString error() const { return m_error; }
    // What the proxy did so far; safe from any thread.
    [[nodiscard]] Counters counters() const;

    // Settings and faults apply to connections accepted after the call returns (and, where said,
    // to open ones); they persist across stop() and start().

    // Token-bucket limit in bytes per second for one direction; 0 = unlimited.
    void setRateLimit(Direction direction, qint64 bytesPerSecond);
    // Shared (the default, like one 3G link) or per connection.
    void setRateSharing(RateSharing sharing);
    // One-way delay: bytes leave no earlier than they passed the rate limit plus this, in order.
    void setLatency(Direction direction, std::chrono::milliseconds latency);
    // Most bytes held per direction per connection (default 256 KiB); beyond it the proxy stops
    // reading from that side, so the sender's TCP window closes.
    void setBufferLimit(qint64 bytes);

    // Resets (RST) every open connection now, blackholed ones included.
    void cutAll();
    // Resets a connection once `bytes` more have been forwarded in `direction` (counted from now
    // for open connections, from their start for later ones). The reset waits (up to 1 s) until
    // the receiver's kernel acknowledged those bytes, so it can read exactly that many.
    void cutAfterBytes(Direction direction, qint64 bytes, Repeat repeat = Repeat::Once);
    // Forwards `bytes` more in `direction` (counted as for cutAfterBytes), then closes the
    // connection cleanly: the receiving side gets a FIN and is drained until it closes; the
    // sending side gets a FIN and is closed (a reset if it had more data in flight).
    void truncateAfter(Direction direction, qint64 bytes, Repeat repeat = Repeat::Once);
    // Resets connections at random (see RandomResets), like cutAfterBytes at the drawn offsets;
    // applies to open and new connections.
    void setRandomResets(const RandomResets& resets);

    // Stops forwarding in one direction (sockets stay open; reading stops once the buffer is
    // full) until resume().
    void stall(Direction direction);
    // Stops forwarding both ways until resume().
    void stall();
    // Stops forwarding both ways for a while.
    void stallFor(std::chrono::milliseconds duration);
    // Ends every stall.
    void resume();

    // New connections are accepted but never forwarded nor answered (a link that is up but
    // dead); open connections are not affected.
    void blackhole(bool on = true);
    // Back to a transparent proxy: no rate limit, latency, stall, blackhole or armed fault.
    void clearFaults();

private:
    struct Rule;
    struct Connection;
    struct Pipe;
    struct Bucket
    {
        double tokens = 0;
        std::chrono::steady_clock::time_point last {};
    };
    // Settings shared with the proxy thread, guarded by m_mutex.
    struct Settings
    {
        qint64 rate[2] = {0, 0};
        std::chrono::milliseconds latency[2] = {};
        std::chrono::steady_clock::time_point stalledUntil[2] = {};
        RateSharing sharing = RateSharing::Shared;
        qint64 bufferLimit = 256 * 1024;
        bool blackhole = false;
        RandomResets random;
    };
    // One-shot requests for the proxy thread.
    struct Command
    {
        enum class Kind { CutAll, Cut, Truncate, Random, ClearRules } kind;
        Direction direction = Direction::Up;
        qint64 bytes = 0;
        Repeat repeat = Repeat::Once;
    };

    void change(const std::function<void(Settings&)>& edit, const Command* command = nullptr);
    void wake();
    void run();
    bool takeChanges();
    void apply(const Command& command);
    void acceptAll();
    void connectUpstream(Connection& c);
    void service(Connection& c);
    void drain(Connection& c);
    void readSide(Connection& c, int d);
    void meter(Connection& c, int d);
    void writeSide(Connection& c, int d);
    bool checkFaults(Connection& c, int d, qint64 written);
    [[nodiscard]] qint64 untilNextFault(const Connection& c, int d) const;
    void arm(Connection& c, const std::shared_ptr<Rule>& rule);
    void seedRandom(Connection& c);
    void reset(Connection& c, bool injected);
    void cutAfterFlush(Connection& c, int d);
    void truncate(Connection& c, int d);
    [[nodiscard]] bool stalled(int d) const;
    [[nodiscard]] Bucket& bucket(Connection& c, int d);
    [[nodiscard]] qint64 room(const Connection& c, int d) const;
    [[nodiscard]] bool wantsRead(const Connection& c, int d) const;
    // Fills the poll set; returns the time to the next timer in ns, or -1 for none.
    [[nodiscard]] long long buildPoll(std::vector<::pollfd>& fds);

    QString m_host;
    quint16 m_upstreamPort;
    quint16 m_port = 0;
    QString m_error;
    std::thread m_thread;
    int m_listenFd = -1;
    int m_wakeFd = -1;

    mutable std::mutex m_mutex;
    Settings m_shared;
    std::vector<Command> m_commands;
    std::uint64_t m_generation = 0;
    bool m_stopping = false;

    // Proxy-thread state.
    Settings m_settings;
    std::uint64_t m_seenGeneration = 0;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<std::shared_ptr<Rule>> m_rules;
    Bucket m_buckets[2];
    std::vector<char> m_buffer;
    std::uint64_t m_randomIndex = 0;
    std::uint64_t m_round = 0;
    std::vector<std::byte> m_upstreamAddress;

    std::atomic<qint64> m_accepted {0};
    std::atomic<qint64> m_open {0};
    std::atomic<qint64> m_bytes[2] = {0, 0};
    std::atomic<qint64> m_resets {0};
    std::atomic<qint64> m_randomResets {0};
    std::atomic<qint64> m_truncations {0};
    std::atomic<qint64> m_upstreamFailures {0};
    std::atomic<qint64> m_peakBuffered {0};
};

} // namespace fieldcase::test
