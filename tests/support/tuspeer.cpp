#include "tests/support/tuspeer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUrl>

namespace fieldcase::test {

TusPeer::TusPeer(const TestPki& pki)
{
    const QString peerDir = QStringLiteral(FIELDCASE_SOURCE_DIR "/tests/peers/tus");
    if (!QFile::exists(peerDir + QStringLiteral("/node_modules/@tus/server/package.json"))) {
        m_error
            = QStringLiteral("@tus/server is not installed in %1 (run packaging/install-deps.sh)")
                  .arg(peerDir);
        return;
    }
    m_node = std::make_unique<QProcess>();
    m_node->setWorkingDirectory(peerDir);
    m_node->setProcessChannelMode(QProcess::MergedChannels);
    m_node->start(QStringLiteral("node"),
        {QStringLiteral("server.mjs"), QStringLiteral("0"),
            m_dir.filePath(QStringLiteral("uploads")), pki.key(QStringLiteral("server")),
            pki.cert(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))});
    if (!m_node->waitForStarted(5000)) {
        m_error = QStringLiteral("node did not start: ") + m_node->errorString();
        return;
    }
    QElapsedTimer t;
    t.start();
    QByteArray out;
    while (t.elapsed() < 15000 && m_node->state() == QProcess::Running) {
        m_node->waitForReadyRead(200);
        out += m_node->readAll();
        const qsizetype at = out.indexOf("listening ");
        const qsizetype end = out.indexOf('\n', at);
        if (at >= 0 && end > at) {
            m_port = quint16(out.mid(at + 10, end - at - 10).trimmed().toUInt());
            return;
        }
    }
    m_error = QStringLiteral("the tus server did not start: ")
        + QString::fromUtf8(out + m_node->readAll());
}

TusPeer::~TusPeer()
{
    if (m_node) {
        m_node->kill();
        m_node->waitForFinished(3000);
    }
}

QString TusPeer::endpoint() const
{
    return QStringLiteral("https://localhost:%1/files").arg(m_port);
}

QByteArray TusPeer::stored(const QString& uploadUrl) const
{
    const QString id = QUrl(uploadUrl).path().section(u'/', -1);
    QFile f(m_dir.filePath(QStringLiteral("uploads/") + id));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace fieldcase::test
