// A private gpsd for tests: gpsfake replays an NMEA log through a pty into its own gpsd on a
// loopback port. gpsfake survives SIGTERM and leaves its gpsd behind when killed alone
// (stack.md §12), so both run in their own process group and are stopped together, escalating
// to SIGKILL. Stopped on destruction.
#pragma once

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace fieldcase::test {

class GpsFakeHarness
{
public:
    GpsFakeHarness() = default;
    ~GpsFakeHarness();
    GpsFakeHarness(const GpsFakeHarness&) = delete;
    GpsFakeHarness& operator=(const GpsFakeHarness&) = delete;

    // Starts `gpsfake -q -n -c <cycleSeconds> -P <port> <log>` (looping unless `once`) under
    // /usr/bin/python3 (a pyenv python on PATH cannot import gps) and waits until gpsd accepts
    // connections. Port 0 picks a free one.
    [[nodiscard]] bool start(
        const QString& nmeaLog, quint16 port = 0, double cycleSeconds = 0.02, bool once = false);
    // Kills gpsfake and its gpsd (SIGTERM, then SIGKILL) and waits for the port to close.
    void stop();

    [[nodiscard]] bool running() const { return m_pgid > 0; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString error() const { return m_error; }

    // A loopback TCP port that was free a moment ago.
    [[nodiscard]] static quint16 freePort();
    // True if something accepts TCP connections on 127.0.0.1:port.
    [[nodiscard]] static bool listening(quint16 port);

private:
    pid_t m_pgid = 0;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace fieldcase::test
