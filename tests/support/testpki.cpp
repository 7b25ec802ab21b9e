#include "tests/support/testpki.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace fieldcase::test {

TestPki::TestPki()
{
    m_ok = m_dir.isValid()
        && makeCa(QStringLiteral("ca"), QStringLiteral("FieldCase Test Centre CA"))
        && makeCa(QStringLiteral("rogueCa"), QStringLiteral("Rogue CA"))
        && makeLeaf(QStringLiteral("server"), QStringLiteral("ca"), QStringLiteral("localhost"),
            QStringLiteral(
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"))
        && makeLeaf(QStringLiteral("rogueServer"), QStringLiteral("rogueCa"),
            QStringLiteral("localhost"),
            QStringLiteral(
                "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"))
        && makeLeaf(QStringLiteral("client"), QStringLiteral("ca"), QStringLiteral("terminal-0001"),
            QStringLiteral("extendedKeyUsage=clientAuth\n"))
        && makeLeaf(QStringLiteral("rogueClient"), QStringLiteral("rogueCa"),
            QStringLiteral("terminal-0001"), QStringLiteral("extendedKeyUsage=clientAuth\n"));
}

bool TestPki::run(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2")
                      .arg(args.join(u' '), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool TestPki::makeCa(const QString& name, const QString& cn)
{
    return run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
        QStringLiteral("ec"), QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
        QStringLiteral("-nodes"), QStringLiteral("-keyout"), key(name), QStringLiteral("-out"),
        cert(name), QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
        QStringLiteral("/CN=") + cn});
}

bool TestPki::makeLeaf(
    const QString& name, const QString& ca, const QString& cn, const QString& extensions)
{
    const QString csr = m_dir.filePath(name + QStringLiteral(".csr"));
    const QString ext = m_dir.filePath(name + QStringLiteral(".ext"));
    QFile f(ext);
    if (!f.open(QIODevice::WriteOnly) || f.write(extensions.toUtf8()) < 0)
        return false;
    f.close();
    return run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
               QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
               QStringLiteral("-nodes"), QStringLiteral("-keyout"), key(name),
               QStringLiteral("-out"), csr, QStringLiteral("-subj"), QStringLiteral("/CN=") + cn})
        && run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
            QStringLiteral("-CA"), cert(ca), QStringLiteral("-CAkey"), key(ca),
            QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), cert(name),
            QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-extfile"), ext});
}

TlsStatusServer::TlsStatusServer(
    const TestPki& pki, const QString& serverName, bool requireClient, const QString& clientCa)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return;
    const quint16 port = probe.serverPort();
    probe.close();
    m_process = std::make_unique<QProcess>();
    QStringList args {QStringLiteral("s_server"), QStringLiteral("-quiet"), QStringLiteral("-www"),
        QStringLiteral("-accept"), QStringLiteral("127.0.0.1:%1").arg(port),
        QStringLiteral("-cert"), pki.cert(serverName), QStringLiteral("-key"), pki.key(serverName)};
    if (requireClient)
        // -verify_return_error: without it s_server reports a bad client certificate and goes on.
        args << QStringLiteral("-CAfile") << pki.cert(clientCa) << QStringLiteral("-Verify")
             << QStringLiteral("1") << QStringLiteral("-verify_return_error");
    m_process->start(QStringLiteral("openssl"), args);
    if (!m_process->waitForStarted(5000))
        return;
    // Ready when it accepts connections.
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(200)) {
            m_port = port;
            return;
        }
        QThread::msleep(50);
    }
}

TlsStatusServer::~TlsStatusServer()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

QString TlsStatusServer::url() const
{
    return QStringLiteral("https://localhost:%1/status").arg(m_port);
}

} // namespace fieldcase::test
