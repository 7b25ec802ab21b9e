// A real pcscd for tests: started in the foreground with a private reader.conf.d holding the vpcd
// virtual reader (or no reader at all), killed with SIGKILL and restarted on demand, stopped on
// destruction. pcscd's client socket is fixed at /run/pcscd/pcscd.comm, so only one can run per
// machine: a pcscd left over in /run/pcscd/pcscd.pid is ended first, and ctest serialises the
// card tests with RESOURCE_LOCK pcscd. Needs root (the socket directory is /run/pcscd).
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fieldcase::test {

class PcscHarness
{
public:
    // The name pcscd gives vpcd's first slot (TCP port 35963, VpcdCard::kDefaultPort).
    static constexpr const char* kReaderName = "Virtual PCD 00 00";

    // Starts pcscd; with vpcd = false it has no reader (a terminal with the reader unplugged).
    explicit PcscHarness(bool vpcd = true);
    ~PcscHarness();

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] QString error() const { return m_error; }
    // What pcscd printed (-a: every APDU).
    [[nodiscard]] QByteArray log() const;

    // SIGKILL, as in a crash: no cleanup by pcscd, clients see their sockets close.
    void kill();
    // Starts pcscd again (after kill() or stop()), with or without the vpcd reader.
    bool start(bool vpcd = true);
    // SIGTERM and wait.
    void stop();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_pcscd;
    bool m_started = false;
    QString m_error;
    int m_runs = 0;
};

} // namespace fieldcase::test
