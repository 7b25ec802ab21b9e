#include "tests/support/gpsdharness.h"

#include <QByteArray>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ;

namespace fieldcase::test {

namespace {

sockaddr_in loopback(quint16 port)
{
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    return addr;
}

} // namespace

quint16 GpsFakeHarness::freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr = loopback(0);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool GpsFakeHarness::listening(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in addr = loopback(port);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

GpsFakeHarness::~GpsFakeHarness()
{
    stop();
}

bool GpsFakeHarness::start(const QString& nmeaLog, quint16 port, double cycleSeconds, bool once)
{
    stop();
    m_port = port ? port : freePort();
    std::vector<QByteArray> args {"/usr/bin/python3", "/usr/bin/gpsfake", "-q", "-n", "-c",
        QByteArray::number(cycleSeconds), "-P", QByteArray::number(m_port)};
    if (once)
        args.emplace_back("-1");
    args.push_back(nmeaLog.toLocal8Bit());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    // gpsd complains about the missing system D-Bus on every start; keep test output readable.
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group, so stop() reaches gpsd too.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &files, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        m_error = QStringLiteral("cannot start gpsfake: errno %1").arg(rc);
        return false;
    }
    m_pgid = pid;
    for (int i = 0; i < 100; ++i) {
        if (listening(m_port))
            return true;
        if (::waitpid(pid, nullptr, WNOHANG) == pid) {
            m_pgid = 0;
            m_error = QStringLiteral("gpsfake exited before gpsd listened");
            return false;
        }
        QThread::msleep(50);
    }
    m_error = QStringLiteral("gpsd did not listen on port %1 within 5 s").arg(m_port);
    stop();
    return false;
}

void GpsFakeHarness::stop()
{
    if (m_pgid <= 0)
        return;
    const pid_t pgid = std::exchange(m_pgid, 0);
    ::kill(-pgid, SIGTERM);
    bool reaped = false;
    for (int i = 0; i < 20 && !reaped; ++i) {
        reaped = ::waitpid(pgid, nullptr, WNOHANG) == pgid;
        if (!reaped)
            QThread::msleep(25);
    }
    // gpsfake ignores SIGTERM while it is feeding (stack.md §12); gpsd may outlive it.
    ::kill(-pgid, SIGKILL);
    if (!reaped)
        ::waitpid(pgid, nullptr, 0);
    for (int i = 0; i < 100 && listening(m_port); ++i)
        QThread::msleep(20);
}

} // namespace fieldcase::test
