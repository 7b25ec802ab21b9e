// Our tus client against an independent tus server (@tus/server from npm) over mutual TLS:
// a whole upload arrives byte for byte; an upload cut part-way is resumed by a new client from
// the server's offset, sending nothing twice; a wrong offset is a conflict; terminate removes it.
#include "sync/transport/curltransport.h"
#include "sync/tus/tusclient.h"
#include "tests/support/testpki.h"
#include "tests/support/tuspeer.h"

#include <QBuffer>
#include <QRandomGenerator>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray data(n, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    rng.fillRange(reinterpret_cast<quint32*>(data.data()), n / 4);
    return data;
}

// A device that fails reading past a limit: a terminal that lost power or the link mid-upload.
class CutAfter : public QBuffer
{
public:
    CutAfter(const QByteArray& data, qint64 cut)
        : m_cut(cut)
    {
        setData(data);
    }

protected:
    qint64 readData(char* out, qint64 max) override
    {
        if (pos() >= m_cut)
            return -1;
        return QBuffer::readData(out, std::min(max, m_cut - pos()));
    }

private:
    qint64 m_cut;
};

} // namespace

TEST_CASE("tus client against @tus/server over mutual TLS", "[sync][tus][interop]")
{
    test::TestPki pki;
    REQUIRE(pki.ok());
    test::TusPeer server(pki);
    INFO(server.error().toStdString());
    REQUIRE(server.started());
    CurlTransport transport({pki.cert(QStringLiteral("ca")), pki.cert(QStringLiteral("client")),
        pki.key(QStringLiteral("client"))});
    TusClient client(transport, server.endpoint());
    client.setChunkSize(256 * 1024);

    auto info = client.discover();
    REQUIRE(info);
    CHECK(info->versions.contains(QStringLiteral("1.0.0")));
    CHECK(info->extensions.contains(QStringLiteral("creation")));
    CHECK(info->extensions.contains(QStringLiteral("termination")));

    const QByteArray video = randomBytes(3 * 1024 * 1024 + 12345, 7);

    SECTION("a whole upload arrives byte for byte")
    {
        QBuffer source;
        source.setData(video);
        REQUIRE(source.open(QIODevice::ReadOnly));
        QList<qint64> offsets;
        auto report = client.upload(source, video.size(), {},
            {{QStringLiteral("filename"), QByteArray("执法记录仪_20261121.mp4")}}, nullptr,
            [&](qint64 at) { offsets.append(at); });
        INFO((report ? QString() : report.error().toString()).toStdString());
        REQUIRE(report);
        CHECK(report->bytesSent == video.size());
        CHECK(report->patches == 13); // 12 full chunks and the rest
        CHECK(offsets.last() == video.size());
        CHECK(server.stored(report->uploadUrl) == video);
    }
    SECTION("an upload cut part-way resumes from the server's offset, nothing sent twice")
    {
        CutAfter cut(video, 1024 * 1024 + 5); // four chunks get through, the fifth read fails
        REQUIRE(cut.open(QIODevice::ReadOnly));
        TusUploadReport partial;
        auto first = client.upload(cut, video.size(), {}, {}, &partial);
        REQUIRE_FALSE(first);
        REQUIRE_FALSE(partial.uploadUrl.isEmpty());
        CHECK(partial.bytesSent == 1024 * 1024);
        auto serverOffset = client.offset(partial.uploadUrl);
        REQUIRE(serverOffset);
        CHECK(*serverOffset == 1024 * 1024);

        // Later, after a restart: a new transport and client, the saved URL, the whole file.
        CurlTransport again({pki.cert(QStringLiteral("ca")), pki.cert(QStringLiteral("client")),
            pki.key(QStringLiteral("client"))});
        TusClient resumed(again, server.endpoint());
        resumed.setChunkSize(256 * 1024);
        QBuffer source;
        source.setData(video);
        REQUIRE(source.open(QIODevice::ReadOnly));
        auto report = resumed.upload(source, video.size(), partial.uploadUrl, {});
        REQUIRE(report);
        CHECK(report->bytesSent == video.size() - 1024 * 1024); // only what the server lacked
        CHECK(server.stored(partial.uploadUrl) == video);
    }
    SECTION("a PATCH at the wrong offset is a conflict; terminate removes the upload")
    {
        auto url = client.create(1000, {});
        REQUIRE(url);
        auto wrong = client.patch(*url, 500, QByteArray(100, 'x'));
        REQUIRE_FALSE(wrong);
        CHECK(wrong.error().code == ErrorCode::Conflict);
        auto right = client.patch(*url, 0, QByteArray(100, 'x'));
        REQUIRE(right);
        CHECK(*right == 100);
        REQUIRE(client.terminate(*url));
        auto gone = client.offset(*url);
        REQUIRE_FALSE(gone);
        CHECK(gone.error().code == ErrorCode::NotFound);
    }
    SECTION("a terminal without the centre's client certificate is refused")
    {
        CurlTransport rogue({pki.cert(QStringLiteral("ca")),
            pki.cert(QStringLiteral("rogueClient")), pki.key(QStringLiteral("rogueClient"))});
        TusClient stranger(rogue, server.endpoint());
        auto url = stranger.create(10, {});
        REQUIRE_FALSE(url);
        INFO(url.error().toString().toStdString());
        // node closes or resets the connection without a TLS alert: to the client that is a link
        // broken before the answer, retried as an interruption, with a message that names the
        // certificate.
        const TransportFailure f = transportFailureOf(url.error());
        CHECK((f == TransportFailure::ClientRejected || f == TransportFailure::Interrupted));
        CHECK(url.error().message.contains(QStringLiteral("certificate")));
    }
}
