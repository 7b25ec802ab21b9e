// An isolated CUPS scheduler for tests: its own config, spool and state under a temporary
// directory, listening on a unix socket only, with a raw queue to a socket:// sink (socat writes
// every byte it receives to a file) and a PDF queue writing to a file. Needs root (cupsd runs
// backends as lp). Stopped on destruction.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fieldcase::test {

class CupsHarness
{
public:
    CupsHarness();
    ~CupsHarness();

    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString server() const; // the scheduler's socket path
    [[nodiscard]] QString sinkFile() const; // bytes the raw printer received
    [[nodiscard]] QString pdfFile() const; // output of the PDF queue
    // Raw queue "raw9100" → socket sink; "deadraw" → a port nobody listens on; "pdffile".
    void stopScheduler(); // kill cupsd (simulates a crash mid-job)
    // Runs a CUPS client command against this scheduler; returns its exit code.
    int run(const QString& program, const QStringList& args, QByteArray* output = nullptr);

private:
    bool start();

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_cupsd;
    std::unique_ptr<QProcess> m_sink;
    bool m_started = false;
    QString m_error;
};

} // namespace fieldcase::test
