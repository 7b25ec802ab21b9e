#include "tests/support/faultproxy.h"

#include <QByteArray>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <limits>
#include <linux/sockios.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <random>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace fieldcase::test {

using Clock = std::chrono::steady_clock;

namespace {

constexpr int kUp = 0;
constexpr int kDown = 1;
constexpr qint64 kReadChunk = 64 * 1024;
// A truncated connection's receiver gets this long to close after our FIN.
constexpr auto kDrainTimeout = std::chrono::seconds(5);
// A byte-count reset waits this long at most for the peer to acknowledge what was written.
constexpr auto kFlushTimeout = std::chrono::seconds(1);
constexpr auto kFlushPoll = std::chrono::milliseconds(2);

// Closes with SO_LINGER 0: the kernel drops unsent data and sends a reset instead of a FIN.
void abortFd(int& fd)
{
    if (fd < 0)
        return;
    const linger hard {1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    ::close(std::exchange(fd, -1));
}

void closeFd(int& fd)
{
    if (fd >= 0)
        ::close(std::exchange(fd, -1));
}

// The proxy must not add Nagle delays of its own on top of the configured latency.
void noDelay(int fd)
{
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Bucket depth: 100 ms of traffic, so a late wake-up under load loses no tokens.
double burst(qint64 rate)
{
    return std::max(double(rate) / 10.0, 1.0);
}

// Bytes worth waking up for: 10 ms of traffic (about 100 wake-ups a second when saturated).
double quantum(qint64 rate)
{
    return std::max(double(rate) / 100.0, 1.0);
}

// A uniform draw in [0, 1) from the top 53 bits: the same on every standard library, unlike
// std::uniform_real_distribution.
bool draw(std::mt19937_64& rng, double probability)
{
    return double(rng() >> 11) * 0x1.0p-53 < probability;
}

} // namespace

struct FaultProxy::Rule
{
    Command::Kind kind;
    int direction;
    qint64 bytes;
    Repeat repeat;
    bool spent = false;
};

struct FaultProxy::Pipe
{
    struct Chunk
    {
        QByteArray data;
        qsizetype offset = 0;
        Clock::time_point release {};
        bool fin = false; // the sender's FIN, delayed like data
    };
    struct Armed
    {
        std::shared_ptr<Rule> rule;
        qint64 at; // value of `forwarded` at which the rule fires
    };

    std::deque<Chunk> pending; // read, waiting for tokens
    qint64 pendingBytes = 0;
    std::deque<Chunk> wire; // metered, waiting for their release time and a writable socket
    qint64 wireBytes = 0;
    bool srcEof = false;
    bool finSent = false;
    bool blocked = false; // the last write would block
    qint64 forwarded = 0;
    Bucket bucket; // used when the rate is per connection
    std::vector<Armed> armed;
    bool random = false;
    std::mt19937_64 rng;
    qint64 nextDraw = 0;
};

struct FaultProxy::Connection
{
    enum class State { Connecting, Open, Flushing, Draining, Blackholed, Closed };
    State state = State::Connecting;
    int client = -1;
    int upstream = -1;
    Pipe pipes[2];
    Clock::time_point deadline {}; // of Draining or Flushing
    int flushFd = -1; // while Flushing: the socket whose send queue must empty before the reset

    int& src(int d) { return d == kUp ? client : upstream; }
    int& dst(int d) { return d == kUp ? upstream : client; }
};

FaultProxy::FaultProxy(QString upstreamHost, quint16 upstreamPort)
    : m_host(std::move(upstreamHost))
    , m_upstreamPort(upstreamPort)
{ }

FaultProxy::~FaultProxy()
{
    stop();
}

bool FaultProxy::start(quint16 port)
{
    stop();
    m_error.clear();
    addrinfo hints {};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const int rc = ::getaddrinfo(m_host.toUtf8().constData(),
        QByteArray::number(m_upstreamPort).constData(), &hints, &found);
    if (rc != 0 || !found) {
        m_error = QStringLiteral("cannot resolve %1: %2")
                      .arg(m_host, QString::fromLocal8Bit(::gai_strerror(rc)));
        return false;
    }
    const auto* raw = reinterpret_cast<const std::byte*>(found->ai_addr);
    m_upstreamAddress.assign(raw, raw + found->ai_addrlen);
    ::freeaddrinfo(found);

    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int on = 1;
    ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0
        || ::listen(m_listenFd, 128) != 0
        || ::getsockname(m_listenFd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        m_error = QStringLiteral("cannot listen on 127.0.0.1:%1: errno %2").arg(port).arg(errno);
        closeFd(m_listenFd);
        return false;
    }
    m_port = ntohs(addr.sin_port);
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    for (auto* counter : {&m_accepted, &m_open, &m_bytes[0], &m_bytes[1], &m_resets,
             &m_randomResets, &m_truncations, &m_upstreamFailures, &m_peakBuffered})
        counter->store(0);
    m_connections.clear();
    m_rules.clear();
    m_buckets[0] = m_buckets[1] = Bucket {};
    m_buffer.resize(kReadChunk);
    m_randomIndex = m_round = 0;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_settings = m_shared;
        m_seenGeneration = m_generation;
    }
    m_thread = std::thread([this] { run(); });
    return true;
}

void FaultProxy::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    wake();
    m_thread.join();
    closeFd(m_listenFd);
    closeFd(m_wakeFd);
    m_open = 0;
}

FaultProxy::Counters FaultProxy::counters() const
{
    return {m_accepted.load(), m_open.load(), m_bytes[kUp].load(), m_bytes[kDown].load(),
        m_resets.load(), m_randomResets.load(), m_truncations.load(), m_upstreamFailures.load(),
        m_peakBuffered.load()};
}

void FaultProxy::change(const std::function<void(Settings&)>& edit, const Command* command)
{
    {
        std::lock_guard lock(m_mutex);
        if (edit) {
            edit(m_shared);
            ++m_generation;
        }
        if (command)
            m_commands.push_back(*command);
    }
    wake();
}

void FaultProxy::wake()
{
    if (m_wakeFd < 0)
        return;
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
}

void FaultProxy::setRateLimit(Direction direction, qint64 bytesPerSecond)
{
    change([&](Settings& s) { s.rate[int(direction)] = std::max<qint64>(bytesPerSecond, 0); });
}

void FaultProxy::setRateSharing(RateSharing sharing)
{
    change([&](Settings& s) { s.sharing = sharing; });
}

void FaultProxy::setLatency(Direction direction, std::chrono::milliseconds latency)
{
    change([&](Settings& s) { s.latency[int(direction)] = latency; });
}

void FaultProxy::setBufferLimit(qint64 bytes)
{
    change([&](Settings& s) { s.bufferLimit = std::max<qint64>(bytes, 1); });
}

void FaultProxy::cutAll()
{
    const Command command {Command::Kind::CutAll};
    change({}, &command);
}

void FaultProxy::cutAfterBytes(Direction direction, qint64 bytes, Repeat repeat)
{
    const Command command {Command::Kind::Cut, direction, std::max<qint64>(bytes, 0), repeat};
    change({}, &command);
}

void FaultProxy::truncateAfter(Direction direction, qint64 bytes, Repeat repeat)
{
    const Command command {Command::Kind::Truncate, direction, std::max<qint64>(bytes, 0), repeat};
    change({}, &command);
}

void FaultProxy::setRandomResets(const RandomResets& resets)
{
    const Command command {Command::Kind::Random};
    change([&](Settings& s) { s.random = resets; }, &command);
}

void FaultProxy::stall(Direction direction)
{
    change([&](Settings& s) { s.stalledUntil[int(direction)] = Clock::time_point::max(); });
}

void FaultProxy::stall()
{
    change([](Settings& s) {
        s.stalledUntil[kUp] = s.stalledUntil[kDown] = Clock::time_point::max();
    });
}

void FaultProxy::stallFor(std::chrono::milliseconds duration)
{
    const auto until = Clock::now() + duration;
    change([&](Settings& s) { s.stalledUntil[kUp] = s.stalledUntil[kDown] = until; });
}

void FaultProxy::resume()
{
    change([](Settings& s) { s.stalledUntil[kUp] = s.stalledUntil[kDown] = Clock::time_point {}; });
}

void FaultProxy::blackhole(bool on)
{
    change([&](Settings& s) { s.blackhole = on; });
}

void FaultProxy::clearFaults()
{
    const Command command {Command::Kind::ClearRules};
    change(
        [](Settings& s) {
            Settings clean;
            clean.sharing = s.sharing;
            clean.bufferLimit = s.bufferLimit;
            s = clean;
        },
        &command);
}

// --- proxy thread ---

void FaultProxy::run()
{
    std::vector<::pollfd> fds;
    while (takeChanges()) {
        acceptAll();
        // Start with a different connection each round so a shared bucket is shared fairly.
        const std::size_t n = m_connections.size();
        for (std::size_t i = 0; i < n; ++i)
            service(*m_connections[(i + m_round) % n]);
        ++m_round;
        std::erase_if(
            m_connections, [](const auto& c) { return c->state == Connection::State::Closed; });
        m_open = qint64(m_connections.size());

        const long long timeoutNs = buildPoll(fds);
        timespec timeout {};
        if (timeoutNs >= 0) {
            timeout.tv_sec = time_t(timeoutNs / 1'000'000'000);
            timeout.tv_nsec = long(timeoutNs % 1'000'000'000);
        }
        ::ppoll(fds.data(), fds.size(), timeoutNs >= 0 ? &timeout : nullptr, nullptr);
        if (fds[0].revents & POLLIN) {
            std::uint64_t wakes = 0;
            [[maybe_unused]] const auto got = ::read(m_wakeFd, &wakes, sizeof wakes);
        }
    }
    for (auto& c : m_connections)
        reset(*c, false);
    m_connections.clear();
}

bool FaultProxy::takeChanges()
{
    std::vector<Command> commands;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return false;
        if (m_generation != m_seenGeneration) {
            m_settings = m_shared;
            m_seenGeneration = m_generation;
        }
        commands.swap(m_commands);
    }
    for (const Command& command : commands)
        apply(command);
    return true;
}

void FaultProxy::apply(const Command& command)
{
    using State = Connection::State;
    switch (command.kind) {
    case Command::Kind::CutAll:
        for (auto& c : m_connections) {
            if (c->state != State::Closed)
                reset(*c, c->state != State::Flushing); // a flushing one is counted
        }
        break;
    case Command::Kind::Cut:
    case Command::Kind::Truncate: {
        auto rule = std::make_shared<Rule>(
            Rule {command.kind, int(command.direction), command.bytes, command.repeat});
        m_rules.push_back(rule);
        for (auto& c : m_connections) {
            if (c->state == State::Connecting || c->state == State::Open)
                arm(*c, rule);
        }
        break;
    }
    case Command::Kind::Random:
        m_randomIndex = 0;
        for (auto& c : m_connections) {
            if (c->state == State::Connecting || c->state == State::Open)
                seedRandom(*c);
        }
        break;
    case Command::Kind::ClearRules:
        for (auto& rule : m_rules)
            rule->spent = true;
        m_rules.clear();
        for (auto& c : m_connections) {
            for (Pipe& p : c->pipes) {
                p.armed.clear();
                p.random = false;
            }
        }
        break;
    }
}

void FaultProxy::arm(Connection& c, const std::shared_ptr<Rule>& rule)
{
    Pipe& p = c.pipes[rule->direction];
    p.armed.push_back({rule, p.forwarded + rule->bytes});
}

void FaultProxy::seedRandom(Connection& c)
{
    const RandomResets& r = m_settings.random;
    const std::uint64_t index = m_randomIndex++;
    for (int d : {kUp, kDown}) {
        Pipe& p = c.pipes[d];
        p.random = r.probability > 0 && (d == kUp ? r.up : r.down);
        std::seed_seq seq {std::uint32_t(r.seed), std::uint32_t(r.seed >> 32), std::uint32_t(index),
            std::uint32_t(d)};
        p.rng.seed(seq);
        p.nextDraw = p.forwarded + r.everyBytes;
    }
}

void FaultProxy::acceptAll()
{
    for (;;) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN, or out of descriptors: try again on the next round
        // A test that sets a fault and then connects must see the fault on that connection,
        // even if its connect raced with this round.
        if (!takeChanges()) {
            ::close(fd);
            return;
        }
        ++m_accepted;
        noDelay(fd);
        auto c = std::make_unique<Connection>();
        c->client = fd;
        if (m_settings.blackhole) {
            // Never read: the client's data fills the windows and goes unanswered.
            c->state = Connection::State::Blackholed;
        } else {
            seedRandom(*c);
            for (const auto& rule : m_rules)
                arm(*c, rule);
            connectUpstream(*c);
        }
        m_connections.push_back(std::move(c));
    }
}

void FaultProxy::connectUpstream(Connection& c)
{
    const auto* addr = reinterpret_cast<const sockaddr*>(m_upstreamAddress.data());
    c.upstream = ::socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    noDelay(c.upstream);
    if (::connect(c.upstream, addr, socklen_t(m_upstreamAddress.size())) == 0) {
        c.state = Connection::State::Open;
    } else if (errno == EINPROGRESS) {
        c.state = Connection::State::Connecting;
    } else {
        ++m_upstreamFailures;
        reset(c, false);
    }
}

void FaultProxy::service(Connection& c)
{
    using State = Connection::State;
    switch (c.state) {
    case State::Blackholed:
    case State::Closed:
        return;
    case State::Draining:
        drain(c);
        return;
    case State::Flushing: {
        int unsent = 0;
        if (::ioctl(c.flushFd, SIOCOUTQ, &unsent) != 0 || unsent == 0 || Clock::now() >= c.deadline)
            reset(c, false); // counted when the cut was decided
        return;
    }
    case State::Connecting: {
        ::pollfd p {c.upstream, POLLOUT, 0};
        if (::poll(&p, 1, 0) <= 0) {
            readSide(c, kUp); // the request may arrive before the upstream answers
            return;
        }
        int error = 0;
        socklen_t len = sizeof error;
        ::getsockopt(c.upstream, SOL_SOCKET, SO_ERROR, &error, &len);
        if (error != 0) {
            ++m_upstreamFailures;
            reset(c, false);
            return;
        }
        c.state = State::Open;
        [[fallthrough]];
    }
    case State::Open:
        for (int d : {kUp, kDown}) {
            readSide(c, d);
            if (c.state != State::Open)
                return;
        }
        for (int d : {kUp, kDown}) {
            meter(c, d);
            writeSide(c, d);
            if (c.state != State::Open)
                return;
        }
        if (c.pipes[kUp].finSent && c.pipes[kDown].finSent) {
            // Both sides sent their FIN and got the other's: a clean end.
            closeFd(c.client);
            closeFd(c.upstream);
            c.state = State::Closed;
        }
        return;
    }
}

void FaultProxy::drain(Connection& c)
{
    int& fd = c.client >= 0 ? c.client : c.upstream;
    for (;;) {
        const ssize_t n = ::recv(fd, m_buffer.data(), m_buffer.size(), 0);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (Clock::now() < c.deadline)
                return;
            abortFd(fd);
        }
        closeFd(fd);
        c.state = Connection::State::Closed;
        return;
    }
}

qint64 FaultProxy::room(const Connection& c, int d) const
{
    const Pipe& p = c.pipes[d];
    return m_settings.bufferLimit - p.pendingBytes - p.wireBytes;
}

bool FaultProxy::wantsRead(const Connection& c, int d) const
{
    // Hysteresis: once full, read again only when a good piece is free. Reading whenever a few
    // bytes drained made poll() return at once, forever, with a dribble of tiny reads.
    const Pipe& p = c.pipes[d];
    const qint64 lowWater
        = std::min<qint64>(16 * 1024, std::max<qint64>(m_settings.bufferLimit / 4, 1));
    const qint64 space = room(c, d);
    return !p.srcEof && space > 0 && (space >= lowWater || p.pendingBytes + p.wireBytes == 0);
}

void FaultProxy::readSide(Connection& c, int d)
{
    Pipe& p = c.pipes[d];
    if (!wantsRead(c, d))
        return; // bounded memory: leave it in the kernel, the sender's window closes
    while (!p.srcEof) {
        const qint64 space = room(c, d);
        if (space <= 0)
            return;
        const ssize_t n
            = ::recv(c.src(d), m_buffer.data(), std::size_t(std::min(space, kReadChunk)), 0);
        if (n > 0) {
            p.pending.push_back({QByteArray(m_buffer.data(), n)});
            p.pendingBytes += n;
            const qint64 held = p.pendingBytes + p.wireBytes;
            if (held > m_peakBuffered.load())
                m_peakBuffered = held;
        } else if (n == 0) {
            p.srcEof = true;
            p.pending.push_back({QByteArray(), 0, {}, true});
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        } else if (errno != EINTR) {
            reset(c, false); // the peer reset: pass it on
            return;
        }
    }
}

FaultProxy::Bucket& FaultProxy::bucket(Connection& c, int d)
{
    return m_settings.sharing == RateSharing::Shared ? m_buckets[d] : c.pipes[d].bucket;
}

bool FaultProxy::stalled(int d) const
{
    return Clock::now() < m_settings.stalledUntil[d];
}

void FaultProxy::meter(Connection& c, int d)
{
    Pipe& p = c.pipes[d];
    if (p.pending.empty() || stalled(d))
        return;
    const auto now = Clock::now();
    const auto release = now + m_settings.latency[d];
    const qint64 rate = m_settings.rate[d];
    double unlimited = double(p.pendingBytes) + 1;
    double* tokens = &unlimited;
    if (rate > 0) {
        Bucket& b = bucket(c, d);
        if (b.last == Clock::time_point {})
            b.last = now;
        const double elapsed = std::chrono::duration<double>(now - b.last).count();
        b.tokens = std::min(burst(rate), b.tokens + elapsed * double(rate));
        b.last = now;
        tokens = &b.tokens;
    }
    // Move nothing until a quantum's worth of tokens is there: no dribble of tiny segments.
    if (rate > 0 && p.pendingBytes > 0 && *tokens < std::min(double(p.pendingBytes), quantum(rate)))
        return;
    while (!p.pending.empty()) {
        Pipe::Chunk& front = p.pending.front();
        if (front.fin) {
            front.release = release;
            p.wire.push_back(std::move(front));
            p.pending.pop_front();
            continue;
        }
        const qint64 left = front.data.size() - front.offset;
        const qint64 take = std::min(left, qint64(*tokens));
        if (take <= 0)
            return;
        *tokens -= double(take);
        if (take == left && front.offset == 0) {
            front.release = release;
            p.wire.push_back(std::move(front));
            p.pending.pop_front();
        } else {
            p.wire.push_back({front.data.mid(front.offset, take), 0, release});
            front.offset += take;
            if (front.offset == front.data.size())
                p.pending.pop_front();
        }
        p.pendingBytes -= take;
        p.wireBytes += take;
    }
}

qint64 FaultProxy::untilNextFault(const Connection& c, int d) const
{
    const Pipe& p = c.pipes[d];
    qint64 limit = std::numeric_limits<qint64>::max();
    for (const auto& armed : p.armed) {
        if (!armed.rule->spent)
            limit = std::min(limit, armed.at - p.forwarded);
    }
    if (p.random && m_settings.random.everyBytes > 0)
        limit = std::min(limit, p.nextDraw - p.forwarded);
    return std::max<qint64>(limit, 0);
}

void FaultProxy::writeSide(Connection& c, int d)
{
    Pipe& p = c.pipes[d];
    p.blocked = false;
    if (checkFaults(c, d, 0) || stalled(d))
        return;
    const auto now = Clock::now();
    while (!p.wire.empty() && p.wire.front().release <= now) {
        Pipe::Chunk& front = p.wire.front();
        if (front.fin) {
            ::shutdown(c.dst(d), SHUT_WR);
            p.finSent = true;
            p.wire.pop_front();
            continue;
        }
        const qint64 len = std::min(front.data.size() - front.offset, untilNextFault(c, d));
        ssize_t n = 0;
        if (len > 0) {
            n = ::send(
                c.dst(d), front.data.constData() + front.offset, std::size_t(len), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    p.blocked = true;
                    return;
                }
                reset(c, false); // the receiver went away: pass it on
                return;
            }
            front.offset += n;
            p.wireBytes -= n;
            p.forwarded += n;
            m_bytes[d] += n;
            if (front.offset == front.data.size())
                p.wire.pop_front();
        }
        if (checkFaults(c, d, n))
            return;
    }
}

bool FaultProxy::checkFaults(Connection& c, int d, qint64 written)
{
    Pipe& p = c.pipes[d];
    std::erase_if(p.armed, [](const Pipe::Armed& a) { return a.rule->spent; });
    for (const auto& armed : p.armed) {
        if (p.forwarded < armed.at)
            continue;
        const std::shared_ptr<Rule> rule = armed.rule;
        if (rule->repeat == Repeat::Once) {
            rule->spent = true;
            std::erase(m_rules, rule);
        }
        if (rule->kind == Command::Kind::Cut)
            cutAfterFlush(c, d);
        else
            truncate(c, d);
        return true;
    }
    if (!p.random)
        return false;
    const RandomResets& r = m_settings.random;
    bool hit = false;
    if (r.everyBytes > 0) {
        while (!hit && p.forwarded >= p.nextDraw) {
            p.nextDraw += r.everyBytes;
            hit = draw(p.rng, r.probability);
        }
    } else if (written > 0) {
        hit = draw(p.rng, r.probability);
    }
    if (hit) {
        ++m_randomResets;
        cutAfterFlush(c, d);
    }
    return hit;
}

void FaultProxy::reset(Connection& c, bool injected)
{
    // Counted before the RST goes out, so a test that saw its client reset also sees the count.
    if (injected)
        ++m_resets;
    abortFd(c.client);
    abortFd(c.upstream);
    c.state = Connection::State::Closed;
}

void FaultProxy::cutAfterFlush(Connection& c, int d)
{
    // A reset throws away whatever the kernel has not sent yet (a fresh connection's window is
    // small), so wait until the peer has acknowledged every forwarded byte: "reset after n
    // bytes" then means the peer can read exactly n bytes before its ECONNRESET.
    ++m_resets;
    c.state = Connection::State::Flushing;
    c.flushFd = c.dst(d);
    c.deadline = Clock::now() + kFlushTimeout;
    for (Pipe& p : c.pipes) {
        p.pending.clear();
        p.wire.clear();
        p.pendingBytes = p.wireBytes = 0;
    }
}

void FaultProxy::truncate(Connection& c, int d)
{
    ++m_truncations;
    // FIN right after the last forwarded byte; the receiver reads to EOF and closes.
    ::shutdown(c.dst(d), SHUT_WR);
    ::shutdown(c.src(d), SHUT_WR);
    closeFd(c.src(d));
    for (Pipe& p : c.pipes) {
        p.pending.clear();
        p.wire.clear();
        p.pendingBytes = p.wireBytes = 0;
    }
    c.state = Connection::State::Draining;
    c.deadline = Clock::now() + kDrainTimeout;
}

long long FaultProxy::buildPoll(std::vector<::pollfd>& fds)
{
    using State = Connection::State;
    fds.clear();
    fds.push_back({m_wakeFd, POLLIN, 0});
    fds.push_back({m_listenFd, POLLIN, 0});
    const auto now = Clock::now();
    auto next = Clock::duration::max();
    const auto until = [&](Clock::time_point t) {
        next = std::min(next, std::max(t - now, Clock::duration::zero()));
    };
    for (const auto& conn : m_connections) {
        Connection& c = *conn;
        switch (c.state) {
        case State::Blackholed:
        case State::Closed:
            continue;
        case State::Draining:
            fds.push_back({c.client >= 0 ? c.client : c.upstream, POLLIN, 0});
            until(c.deadline);
            continue;
        case State::Flushing:
            until(now + kFlushPoll); // acknowledgements wake no poll(): check again shortly
            continue;
        case State::Connecting:
            fds.push_back({c.upstream, POLLOUT, 0});
            if (wantsRead(c, kUp))
                fds.push_back({c.client, POLLIN, 0});
            continue;
        case State::Open:
            break;
        }
        short events[2] = {0, 0}; // client, upstream
        for (int d : {kUp, kDown}) {
            const Pipe& p = c.pipes[d];
            const int source = d == kUp ? 0 : 1;
            if (wantsRead(c, d))
                events[source] |= POLLIN;
            if (p.blocked)
                events[1 - source] |= POLLOUT;
            if (stalled(d)) {
                if (m_settings.stalledUntil[d] != Clock::time_point::max())
                    until(m_settings.stalledUntil[d]);
                continue;
            }
            if (!p.blocked && !p.wire.empty())
                until(p.wire.front().release);
            const qint64 rate = m_settings.rate[d];
            if (!p.pending.empty() && rate > 0) {
                const Bucket& b = bucket(c, d);
                const double need = std::min(double(p.pendingBytes), quantum(rate));
                const double seconds = std::max(need - b.tokens, 0.0) / double(rate);
                until(b.last
                    + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(seconds)));
            }
        }
        if (events[0])
            fds.push_back({c.client, events[0], 0});
        if (events[1])
            fds.push_back({c.upstream, events[1], 0});
    }
    if (next == Clock::duration::max())
        return -1;
    return std::chrono::duration_cast<std::chrono::nanoseconds>(next).count();
}

} // namespace fieldcase::test
