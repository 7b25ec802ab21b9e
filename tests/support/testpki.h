// A throw-away PKI for TLS tests, made with the openssl command line (EC P-256): the centre CA,
// a server certificate for localhost/127.0.0.1, a terminal (client) certificate, and a rogue CA
// with its own server and client certificates for interception and wrong-identity tests. Plus
// `openssl s_server` as a mutual-TLS HTTPS server that answers every request with a status page.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fieldcase::test {

class TestPki
{
public:
    TestPki(); // generates everything; check ok()
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] QString error() const { return m_error; }
    // PEM files: ca, server, client, rogueCa, rogueServer, rogueClient (+ ".key" variants).
    [[nodiscard]] QString cert(const QString& name) const
    {
        return m_dir.filePath(name + QStringLiteral(".pem"));
    }
    [[nodiscard]] QString key(const QString& name) const
    {
        return m_dir.filePath(name + QStringLiteral(".key"));
    }

private:
    bool run(const QStringList& args);
    bool makeCa(const QString& name, const QString& cn);
    bool makeLeaf(
        const QString& name, const QString& ca, const QString& cn, const QString& extensions);

    QTemporaryDir m_dir;
    bool m_ok = false;
    QString m_error;
};

// `openssl s_server -www` over mutual TLS on a free loopback port; stopped on destruction.
class TlsStatusServer
{
public:
    // serverName picks the certificate ("server" or "rogueServer"); clients must present a
    // certificate from clientCa when requireClient is set.
    TlsStatusServer(const TestPki& pki, const QString& serverName, bool requireClient = true,
        const QString& clientCa = QStringLiteral("ca"));
    ~TlsStatusServer();
    [[nodiscard]] bool started() const { return m_port != 0; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString url() const;

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace fieldcase::test
