#include "tests/support/pcscharness.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <csignal>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace fieldcase::test {

namespace {

constexpr const char* kRunDir = "/run/pcscd";
constexpr const char* kSocket = "/run/pcscd/pcscd.comm";
constexpr const char* kPidFile = "/run/pcscd/pcscd.pid";

bool alive(pid_t pid)
{
    return pid > 0 && ::kill(pid, 0) == 0;
}

QByteArray processName(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/comm").arg(pid));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

// A pcscd left running by an earlier, crashed test run owns the fixed socket: end it (by the
// pid it wrote, and only if that process really is pcscd), and clear files a killed one left.
void clearStrayDaemon(pid_t ours)
{
    QFile pidFile {QString::fromLatin1(kPidFile)};
    pid_t pid = 0;
    if (pidFile.open(QIODevice::ReadOnly))
        pid = pidFile.readAll().trimmed().toInt();
    pidFile.close();
    if (pid != ours && alive(pid) && processName(pid) == "pcscd") {
        ::kill(pid, SIGTERM);
        for (int i = 0; i < 50 && alive(pid); ++i)
            QThread::msleep(100);
        if (alive(pid))
            ::kill(pid, SIGKILL);
        for (int i = 0; i < 50 && alive(pid); ++i)
            QThread::msleep(100);
    }
    if (!alive(pid)) {
        QFile::remove(QLatin1String(kPidFile));
        QFile::remove(QLatin1String(kSocket));
    }
}

bool socketAnswers()
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr {};
    addr.sun_family = AF_UNIX;
    qstrncpy(addr.sun_path, kSocket, sizeof addr.sun_path);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

// Whether something listens on the TCP port. Read from /proc rather than by connecting: a
// connection to vpcd is a card insertion.
bool listening(quint16 port)
{
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f {QString::fromLatin1(table)};
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray needle
            = QStringLiteral(":%1 ").arg(port, 4, 16, QLatin1Char('0')).toUpper().toLatin1();
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.simplified().split(' ');
            // sl local_address rem_address st ...; st 0A = LISTEN
            if (cols.size() > 3 && (cols.at(1) + ' ').endsWith(needle) && cols.at(3) == "0A")
                return true;
        }
    }
    return false;
}

} // namespace

PcscHarness::PcscHarness(bool vpcd)
{
    m_started = start(vpcd);
}

PcscHarness::~PcscHarness()
{
    stop();
}

QByteArray PcscHarness::log() const
{
    QFile f(m_dir.filePath(QStringLiteral("pcscd.log")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool PcscHarness::start(bool vpcd)
{
    m_started = false;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    stop();
    clearStrayDaemon(0);
    QDir().mkpath(QLatin1String(kRunDir));
    // A fresh config directory per run, so "no reader" really has none.
    const QString conf = m_dir.filePath(QStringLiteral("reader.conf.d-%1").arg(++m_runs));
    QDir().mkpath(conf);
    if (vpcd) {
        QFile f(conf + QStringLiteral("/vpcd"));
        f.open(QIODevice::WriteOnly);
        // As Debian's /etc/reader.conf.d/vpcd: 0x8C7B = 35963, vpcd's first port.
        f.write("FRIENDLYNAME \"Virtual PCD\"\n"
                "DEVICENAME   /dev/null:0x8C7B\n"
                "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
                "CHANNELID    0x8C7B\n");
    }
    m_pcscd = std::make_unique<QProcess>();
    // To a file, not a pipe: a test blocked in PC/SC calls does not drain a pipe, and pcscd
    // would stall writing its log.
    m_pcscd->setStandardOutputFile(m_dir.filePath(QStringLiteral("pcscd.log")), QIODevice::Append);
    m_pcscd->setStandardErrorFile(m_dir.filePath(QStringLiteral("pcscd.log")), QIODevice::Append);
    m_pcscd->start(QStringLiteral("pcscd"),
        {QStringLiteral("-f"), QStringLiteral("-a"), QStringLiteral("-c"), conf});
    if (!m_pcscd->waitForStarted(5000)) {
        m_error = QStringLiteral("pcscd did not start: ") + m_pcscd->errorString();
        return false;
    }
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        if (m_pcscd->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("pcscd exited: ") + QString::fromLocal8Bit(log().right(2000));
            return false;
        }
        if (socketAnswers() && (!vpcd || listening(35963))) {
            m_started = true;
            return true;
        }
        QThread::msleep(20);
    }
    m_error = QStringLiteral("pcscd did not come up: ") + QString::fromLocal8Bit(log().right(2000));
    return false;
}

void PcscHarness::kill()
{
    if (m_pcscd && m_pcscd->state() != QProcess::NotRunning) {
        m_pcscd->kill();
        m_pcscd->waitForFinished(5000);
    }
    m_started = false;
}

void PcscHarness::stop()
{
    if (m_pcscd && m_pcscd->state() != QProcess::NotRunning) {
        m_pcscd->terminate();
        if (!m_pcscd->waitForFinished(5000)) {
            m_pcscd->kill();
            m_pcscd->waitForFinished(5000);
        }
    }
    m_pcscd.reset();
    m_started = false;
}

} // namespace fieldcase::test
