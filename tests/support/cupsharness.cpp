#include "tests/support/cupsharness.h"

#include <QDir>
#include <QFile>
#include <QThread>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fieldcase::test {

namespace {
// A TCP port that was free a moment ago (the kernel picks it).
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

void writeText(const QString& path, const QString& text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text.toUtf8());
}
} // namespace

CupsHarness::CupsHarness()
{
    m_started = start();
}

CupsHarness::~CupsHarness()
{
    for (auto* p : {m_sink.get(), m_cupsd.get()}) {
        if (p && p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(3000)) {
                p->kill();
                p->waitForFinished(3000);
            }
        }
    }
}

QString CupsHarness::server() const
{
    return m_dir.filePath(QStringLiteral("cups/cups.sock"));
}

QString CupsHarness::sinkFile() const
{
    return m_dir.filePath(QStringLiteral("out/sink.prn"));
}

QString CupsHarness::pdfFile() const
{
    return m_dir.filePath(QStringLiteral("out/pdffile.pdf"));
}

int CupsHarness::run(const QString& program, const QStringList& args, QByteArray* output)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CUPS_SERVER"), server());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(20000))
        return -1;
    if (output)
        *output = p.readAll();
    return p.exitCode();
}

bool CupsHarness::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return false;
    }
    const QString h = m_dir.path();
    for (const char* sub :
        {"cups/etc/ppd", "cups/spool/tmp", "cups/cache", "cups/state", "out", "log"})
        QDir().mkpath(h + QLatin1Char('/') + QLatin1String(sub));
    // Paths in the config files must not contain spaces; QTemporaryDir paths do not.
    writeText(h + QStringLiteral("/cups/etc/cups-files.conf"),
        QStringLiteral(
            "ServerRoot %1/cups/etc\nRequestRoot %1/cups/spool\nTempDir %1/cups/spool/tmp\n"
            "CacheDir %1/cups/cache\nStateDir %1/cups/state\nAccessLog %1/log/access_log\n"
            "ErrorLog %1/log/error_log\nPageLog %1/log/page_log\nFileDevice Yes\n"
            "User lp\nGroup lp\nSystemGroup root\nPrintcap\n")
            .arg(h));
    writeText(h + QStringLiteral("/cups/etc/cupsd.conf"),
        QStringLiteral(
            "LogLevel info\nListen %1/cups/cups.sock\nBrowsing No\nBrowseLocalProtocols none\n"
            "WebInterface No\nDefaultAuthType Basic\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n")
            .arg(h));
    // cupsd runs backends and filters as lp: its directories must be root:lp, group-writable.
    QProcess::execute(
        QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("root:lp"), h});
    QProcess::execute(QStringLiteral("chmod"), {QStringLiteral("-R"), QStringLiteral("g+rwX"), h});
    QProcess::execute(QStringLiteral("chmod"),
        {QStringLiteral("1777"), h + QStringLiteral("/cups/spool/tmp"),
            h + QStringLiteral("/out")});
    QFile::setPermissions(h,
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
            | QFile::ReadOther | QFile::ExeOther);

    const int sinkPort = freePort();
    m_sink = std::make_unique<QProcess>();
    m_sink->start(QStringLiteral("socat"),
        {QStringLiteral("-u"),
            QStringLiteral("TCP-LISTEN:%1,bind=127.0.0.1,reuseaddr,fork").arg(sinkPort),
            QStringLiteral("OPEN:%1,creat,append").arg(sinkFile())});
    m_cupsd = std::make_unique<QProcess>();
    m_cupsd->setProcessChannelMode(QProcess::MergedChannels);
    m_cupsd->start(QStringLiteral("cupsd"),
        {QStringLiteral("-f"), QStringLiteral("-c"), h + QStringLiteral("/cups/etc/cupsd.conf"),
            QStringLiteral("-s"), h + QStringLiteral("/cups/etc/cups-files.conf")});
    if (!m_cupsd->waitForStarted(5000) || !m_sink->waitForStarted(5000)) {
        m_error = QStringLiteral("cupsd or socat did not start (are cups and socat installed?)");
        return false;
    }
    // lpstat -r exits 0 even without a scheduler (stack.md): wait for the words instead.
    bool running = false;
    for (int i = 0; i < 100 && !running; ++i) {
        QByteArray out;
        run(QStringLiteral("lpstat"), {QStringLiteral("-r")}, &out);
        running = out.contains("is running");
        if (!running)
            QThread::msleep(100);
    }
    if (!running) {
        m_error = QStringLiteral("cupsd did not come up: ")
            + QString::fromLocal8Bit(m_cupsd->readAll());
        return false;
    }
    QByteArray out;
    if (run(QStringLiteral("lpadmin"),
            {QStringLiteral("-p"), QStringLiteral("raw9100"), QStringLiteral("-E"),
                QStringLiteral("-v"), QStringLiteral("socket://127.0.0.1:%1").arg(sinkPort),
                QStringLiteral("-m"), QStringLiteral("raw")},
            &out)
            != 0
        || run(QStringLiteral("lpadmin"),
               {QStringLiteral("-p"), QStringLiteral("deadraw"), QStringLiteral("-E"),
                   QStringLiteral("-v"), QStringLiteral("socket://127.0.0.1:%1").arg(freePort()),
                   QStringLiteral("-m"), QStringLiteral("raw")},
               &out)
            != 0
        || run(QStringLiteral("lpadmin"),
               {QStringLiteral("-p"), QStringLiteral("pdffile"), QStringLiteral("-E"),
                   QStringLiteral("-v"), QStringLiteral("file:") + pdfFile(), QStringLiteral("-m"),
                   QStringLiteral("lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd")},
               &out)
            != 0) {
        m_error = QStringLiteral("lpadmin failed: ") + QString::fromLocal8Bit(out);
        return false;
    }
    return true;
}

void CupsHarness::stopScheduler()
{
    if (m_cupsd) {
        m_cupsd->kill();
        m_cupsd->waitForFinished(3000);
    }
}

} // namespace fieldcase::test
