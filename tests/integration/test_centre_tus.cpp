// The centre's tus 1.0 evidence endpoint (/v1/files) over mutual TLS with our TusClient signing
// every request: 5 MiB uploads arrive byte for byte with sm3 and sha256 chunk checksums; a wrong
// offset is a conflict and a damaged chunk a 460 that keeps nothing; an upload cut by the network
// or by a centre restart resumes from the centre's offset with only the missing bytes; another
// terminal cannot see or touch an upload; termination; a blob the completion hook refuses is a
// 422 and gone; an unsigned body is accepted for tus PATCH only.
#include "sync/centre/centreserver.h"
#include "sync/protocol/requestsigning.h"
#include "sync/transport/curltransport.h"
#include "sync/tus/tusclient.h"
#include "tests/support/faultproxy.h"
#include "tests/support/storefixture.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QUrl>
#include <QtConcurrent>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

// Runs a blocking client call on a worker thread while this thread runs the centre's event loop.
template<typename F>
auto offThread(F work)
{
    auto future = QtConcurrent::run(std::move(work));
    REQUIRE(test::waitFor([&] { return future.isFinished(); }, 60000));
    return future.result();
}

QByteArray pathOf(const QString& url)
{
    const QUrl u(url);
    return u.path(QUrl::FullyEncoded).toUtf8()
        + (u.hasQuery() ? "?" + u.query(QUrl::FullyEncoded).toUtf8() : QByteArray());
}

// Adds FieldCase-Signature to a request as the terminal would (a PATCH without its body).
void sign(HttpRequest& r, const KeyPair& key, const QString& terminal,
    std::optional<BodySigning> body = std::nullopt)
{
    auto header = signRequest(key, terminal, {r.method, pathOf(r.url), r.body},
        QDateTime::currentMSecsSinceEpoch(),
        body.value_or(r.method == "PATCH" ? BodySigning::Unsigned : BodySigning::Signed));
    REQUIRE(header);
    r.headers.append({QByteArray(kSignatureHeader), *header});
}

std::function<void(HttpRequest&)> signer(const KeyPair& key, const QString& terminal)
{
    return [key, terminal](HttpRequest& r) { sign(r, key, terminal); };
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString uploadId(const QString& url)
{
    return QUrl(url).path().section(u'/', -1);
}

// The centre (its store, the signature check and the event route) and a terminal it enrolled,
// with a transport that has the terminal's client certificate. The tus endpoint under test runs
// on a server of its own beside the centre, authenticated by the centre, so the test chooses the
// completion hook (the centre's own hook decrypts and checks real evidence); the centre's own
// /v1/files route is checked separately.
struct Rig
{
    explicit Rig(qint64 maxSize = qint64(64) << 20, qint64 maxChunk = qint64(16) << 20)
        : tusOptions {QString(), maxSize, maxChunk}
        , transport({pki.cert(QStringLiteral("ca")), pki.cert(QStringLiteral("client")),
              pki.key(QStringLiteral("client"))})
    {
        REQUIRE(pki.ok());
        REQUIRE(files.isValid());
        tusOptions.directory = files.filePath(QStringLiteral("uploads"));
        REQUIRE(centreStore.store->registerTerminal(centreStore.installer,
            terminal.store->terminalId(), terminal.store->terminalKey().publicKey()));
        start();
    }

    // (Re)starts the centre and the endpoint on the same directories and ports.
    void start()
    {
        CentreServer::Options o;
        o.certFile = pki.cert(QStringLiteral("server"));
        o.keyFile = pki.key(QStringLiteral("server"));
        o.clientCaFile = pki.cert(QStringLiteral("ca"));
        o.filesDirectory = files.filePath(QStringLiteral("centre"));
        centre = std::make_unique<CentreServer>(*centreStore.store, Clock::system(), o);
        auto bound = centre->listen(centrePort);
        INFO((bound ? QString() : bound.error().toString()).toStdString());
        REQUIRE(bound);
        centrePort = *bound;

        endpoint = std::make_unique<TusEndpoint>(
            tusOptions,
            [this](const HttpHead& head, std::optional<QByteArrayView> body, HttpReply* refusal) {
                return centre->authenticate(head, body, refusal, /*allowUnsignedBody=*/true);
            },
            [this](const CompletedUpload& upload) -> Status {
                completed.append(upload);
                return verdict ? verdict(upload) : Status {};
            });
        server = std::make_unique<QHttpServer>();
        endpoint->install(*server);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        QFile cert(pki.cert(QStringLiteral("server")));
        QFile key(pki.key(QStringLiteral("server")));
        REQUIRE(cert.open(QIODevice::ReadOnly));
        REQUIRE(key.open(QIODevice::ReadOnly));
        tls.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
        tls.setCaCertificates(QSslCertificate::fromPath(pki.cert(QStringLiteral("ca"))));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        HttpFront::Options frontOptions;
        frontOptions.tls = tls;
        frontOptions.idleTimeoutMs = idleTimeoutMs;
        front = std::make_unique<HttpFront>(
            *server, [this](const HttpHead& head) { return endpoint->streamRoute(head); },
            frontOptions);
        auto listening = front->listen(port);
        REQUIRE(listening);
        port = *listening;
    }

    void stop()
    {
        front.reset();
        server.reset();
        endpoint.reset();
        centre.reset();
    }

    [[nodiscard]] QString endpointUrl(quint16 at = 0) const
    {
        return QStringLiteral("https://localhost:%1/v1/files").arg(at ? at : port);
    }

    [[nodiscard]] std::unique_ptr<TusClient> client(quint16 at = 0)
    {
        auto c = std::make_unique<TusClient>(transport, endpointUrl(at));
        c->setRequestDecorator(signer(terminal.store->terminalKey(), terminal.store->terminalId()));
        c->setChunkSize(1 << 20);
        return c;
    }

    [[nodiscard]] QByteArray stored(const QString& url) const
    {
        return readFile(TusEndpoint::dataFile(tusOptions.directory, uploadId(url)));
    }

    // A raw signed tus request, for what TusClient never sends.
    Result<HttpResponse> send(const QByteArray& method, const QString& url,
        const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body = {},
        std::optional<BodySigning> signing = std::nullopt)
    {
        HttpRequest r {method, url};
        r.headers = headers;
        r.body = body;
        sign(r, terminal.store->terminalKey(), terminal.store->terminalId(), signing);
        return offThread([this, r] { return transport.send(r); });
    }

    TusEndpoint::Options tusOptions;
    test::TestPki pki;
    test::StoreFixture centreStore;
    test::StoreFixture terminal;
    QTemporaryDir files;
    std::unique_ptr<CentreServer> centre;
    quint16 centrePort = 0;
    std::unique_ptr<TusEndpoint> endpoint;
    std::unique_ptr<QHttpServer> server;
    std::unique_ptr<HttpFront> front;
    int idleTimeoutMs = 120 * 1000;
    quint16 port = 0;
    QList<CompletedUpload> completed;
    std::function<Status(const CompletedUpload&)> verdict;
    CurlTransport transport;
};

const QList<QPair<QByteArray, QByteArray>> kTus {{"Tus-Resumable", "1.0.0"}};

QList<QPair<QByteArray, QByteArray>> patchHeaders(qint64 offset)
{
    return kTus
        + QList<QPair<QByteArray, QByteArray>> {{"Upload-Offset", QByteArray::number(offset)},
            {"Content-Type", "application/offset+octet-stream"}};
}

QByteArray randomData(qint64 n, quint32 seed)
{
    QTemporaryDir dir;
    return readFile(test::writeRandomFile(dir.filePath(QStringLiteral("data")), n, seed));
}

} // namespace

TEST_CASE("Centre tus: 5 MiB uploads arrive byte for byte with sm3 and sha256 checksums",
    "[sync][centre][tus]")
{
    Rig rig;
    auto client = rig.client();
    auto info = offThread([&] { return client->discover(); });
    INFO((info ? QString() : info.error().toString()).toStdString());
    REQUIRE(info);
    CHECK(info->versions == QStringList {QStringLiteral("1.0.0")});
    CHECK(info->extensions
        == QStringList {
            QStringLiteral("creation"), QStringLiteral("termination"), QStringLiteral("checksum")});
    CHECK(
        info->checksumAlgorithms == QStringList {QStringLiteral("sm3"), QStringLiteral("sha256")});
    CHECK(info->maxSize > 0);

    const QByteArray video = randomData(5 * 1024 * 1024 + 4321, 11);
    for (const char* algorithm : {"sm3", "sha256"}) {
        INFO(algorithm);
        client->setChecksumAlgorithm(QString::fromLatin1(algorithm));
        QBuffer source;
        source.setData(video);
        REQUIRE(source.open(QIODevice::ReadOnly));
        auto report = offThread([&] {
            return client->upload(source, video.size(), {},
                {{QStringLiteral("evidence"), QByteArray("ev-0001")},
                    {QStringLiteral("case"), QByteArray("案件-2026-001")}});
        });
        INFO((report ? QString() : report.error().toString()).toStdString());
        REQUIRE(report);
        CHECK(report->bytesSent == video.size());
        CHECK(report->patches == 6);
        CHECK(report->uploadUrl.startsWith(rig.endpointUrl() + QStringLiteral("/")));
        CHECK(rig.stored(report->uploadUrl) == video);
        // HEAD still answers the full offset, and the final PATCH again is harmless.
        auto offset = offThread([&] { return client->offset(report->uploadUrl); });
        REQUIRE(offset);
        CHECK(*offset == video.size());
        auto again = offThread([&] { return client->patch(report->uploadUrl, video.size(), {}); });
        REQUIRE(again);
        CHECK(*again == video.size());
        auto head = rig.send("HEAD", report->uploadUrl, kTus);
        REQUIRE(head);
        CHECK(head->status == 200);
        CHECK(head->header("upload-length") == QByteArray::number(video.size()));
        CHECK(head->header("cache-control") == "no-store");
        CHECK(head->header("tus-resumable") == "1.0.0");
        CHECK(head->header("upload-metadata").contains("evidence ZXYtMDAwMQ=="));
        // A complete upload is evidence received: it cannot be terminated.
        auto remove = offThread([&] { return client->terminate(report->uploadUrl); });
        CHECK_FALSE(remove);
        CHECK(rig.stored(report->uploadUrl) == video);
    }
}

TEST_CASE("Centre tus: conflicts, damaged chunks, refusals, termination and other terminals",
    "[sync][centre][tus]")
{
    Rig rig;
    auto client = rig.client();
    client->setChecksumAlgorithm(QStringLiteral("sm3"));
    const QByteArray data = randomData(300'000, 3);
    auto url = offThread([&] { return client->create(data.size(), {}); });
    REQUIRE(url);
    auto first = offThread([&] { return client->patch(*url, 0, data.left(100'000)); });
    REQUIRE(first);
    CHECK(*first == 100'000);

    // 409 at a wrong offset, with the centre's offset.
    auto wrong = offThread([&] { return client->patch(*url, 50'000, data.mid(50'000, 1000)); });
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == ErrorCode::Conflict);

    // 460: a chunk that does not match its checksum; nothing of it is kept.
    const QByteArray chunk = data.mid(100'000, 100'000);
    QByteArray damaged = chunk;
    damaged[500] = char(damaged[500] ^ 0x20);
    const QByteArray sm3 = Hasher::hash(HashAlgorithm::Sm3, chunk).toBase64();
    auto mismatch = rig.send("PATCH", *url,
        patchHeaders(100'000)
            + QList<QPair<QByteArray, QByteArray>> {{"Upload-Checksum", "sm3 " + sm3}},
        damaged);
    REQUIRE(mismatch);
    CHECK(mismatch->status == 460);
    CHECK(mismatch->header("tus-resumable") == "1.0.0");
    CHECK(offThread([&] { return client->offset(*url); }).value_or(-1) == 100'000);
    CHECK(rig.stored(*url) == data.left(100'000));
    // A PATCH signed over its body is refused before its bytes are taken: the centre writes
    // them as they arrive, so it must know the sender first.
    auto signedBody = rig.send("PATCH", *url, patchHeaders(100'000), chunk, BodySigning::Signed);
    REQUIRE(signedBody);
    CHECK(signedBody->status == 401);
    CHECK(signedBody->body.contains("body=unsigned"));
    CHECK(rig.stored(*url) == data.left(100'000));
    // The same chunk intact, with its sha256: accepted.
    auto intact = rig.send("PATCH", *url,
        patchHeaders(100'000)
            + QList<QPair<QByteArray, QByteArray>> {{"Upload-Checksum",
                "sha256 " + Hasher::hash(HashAlgorithm::Sha256, chunk).toBase64()}},
        chunk);
    REQUIRE(intact);
    CHECK(intact->status == 204);
    CHECK(intact->header("upload-offset") == "200000");

    // Refusals that leave the upload as it was.
    const QByteArray rest = data.mid(200'000);
    auto status = [&](const QByteArray& method, const QList<QPair<QByteArray, QByteArray>>& h,
                      const QByteArray& body = {}) {
        auto r = rig.send(method, *url, h, body);
        REQUIRE(r);
        INFO(r->body.toStdString());
        CHECK(r->header("tus-resumable") == "1.0.0");
        return r->status;
    };
    CHECK(status("PATCH",
              QList<QPair<QByteArray, QByteArray>> {{"Tus-Resumable", "1.0.0"},
                  {"Upload-Offset", "200000"}, {"Content-Type", "application/octet-stream"}},
              rest)
        == 415);
    CHECK(status("PATCH",
              QList<QPair<QByteArray, QByteArray>> {{"Tus-Resumable", "0.2.2"},
                  {"Upload-Offset", "200000"}, {"Content-Type", "application/offset+octet-stream"}},
              rest)
        == 412);
    CHECK(status("PATCH",
              patchHeaders(200'000)
                  + QList<QPair<QByteArray, QByteArray>> {{"Upload-Checksum", "md5 AAAA"}},
              rest)
        == 400);
    CHECK(status("PATCH", patchHeaders(200'000), rest + "beyond") == 400);
    CHECK(status("HEAD", {}) == 412);
    CHECK(rig.stored(*url) == data.left(200'000));

    // Another terminal the centre enrolled cannot see, write or remove it.
    test::StoreFixture other;
    REQUIRE(rig.centreStore.store->registerTerminal(rig.centreStore.installer,
        other.store->terminalId(), other.store->terminalKey().publicKey()));
    TusClient stranger(rig.transport, rig.endpointUrl());
    stranger.setRequestDecorator(signer(other.store->terminalKey(), other.store->terminalId()));
    auto peek = offThread([&] { return stranger.offset(*url); });
    REQUIRE_FALSE(peek);
    CHECK(peek.error().code == ErrorCode::NotFound);
    auto write = offThread([&] { return stranger.patch(*url, 200'000, rest); });
    REQUIRE_FALSE(write);
    CHECK(write.error().code == ErrorCode::NotFound);
    // (TusClient takes the 404 as "already gone".)
    CHECK(offThread([&] { return stranger.terminate(*url); }));
    CHECK(rig.stored(*url) == data.left(200'000));

    // An unsigned body is for tus PATCH only: the event route refuses it.
    const QByteArray batch = R"({"events":[]})";
    HttpRequest events {
        "POST", QStringLiteral("https://localhost:%1/v1/events").arg(rig.centrePort)};
    events.body = batch;
    events.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    sign(events, rig.terminal.store->terminalKey(), rig.terminal.store->terminalId(),
        BodySigning::Unsigned);
    auto refused = offThread([&] { return rig.transport.send(events); });
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(refused->body.contains("does not cover the body"));

    // Termination: 204, then the upload is gone.
    auto fresh = offThread([&] { return client->create(10, {}); });
    REQUIRE(fresh);
    REQUIRE(offThread([&] { return client->terminate(*fresh); }));
    auto gone = offThread([&] { return client->offset(*fresh); });
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);
    CHECK_FALSE(QFile::exists(TusEndpoint::dataFile(rig.tusOptions.directory, uploadId(*fresh))));
    // The stranger's DELETE above did not remove the first upload.
    CHECK(offThread([&] { return client->offset(*url); }).value_or(-1) == 200'000);
}

TEST_CASE("Centre tus: a cut upload and a centre restart resume with only the missing bytes",
    "[sync][centre][tus]")
{
    Rig rig;
    const QByteArray video = randomData(5 * 1024 * 1024 + 777, 5);
    test::FaultProxy proxy(QStringLiteral("127.0.0.1"), rig.port);
    REQUIRE(proxy.start());
    auto client = rig.client(proxy.port());
    client->setMaxAttempts(1);

    // Two chunks get through (the terminal's source ends there, as when it lost power).
    QBuffer firstPart;
    firstPart.setData(video.left(2 * 1024 * 1024));
    REQUIRE(firstPart.open(QIODevice::ReadOnly));
    TusUploadReport partial;
    auto first
        = offThread([&] { return client->upload(firstPart, video.size(), {}, {}, &partial); });
    REQUIRE_FALSE(first);
    REQUIRE_FALSE(partial.uploadUrl.isEmpty());
    const QString url = partial.uploadUrl;

    // The link dies 512 KiB into the third chunk, on the open connection and on the fresh one
    // (libcurl silently retries a request once on a new connection when a reused one dies before
    // any answer: that retry is cut too).
    proxy.cutAfterBytes(
        test::FaultProxy::Direction::Up, 512 * 1024, test::FaultProxy::Repeat::EveryConnection);
    QBuffer source;
    source.setData(video);
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto cut = offThread([&] { return client->upload(source, video.size(), url, {}); });
    INFO("proxy resets " << proxy.counters().resets);
    REQUIRE_FALSE(cut);
    CHECK(transportFailureOf(cut.error()) == TransportFailure::Interrupted);
    proxy.clearFaults();
    // What arrived of the cut chunk was kept (the centre streams PATCH bodies to disk): the
    // centre has more than the two whole chunks, less than three, and exactly the video's bytes.
    const qint64 kept = offThread([&] { return client->offset(url); }).value_or(-1);
    CHECK(kept > 2 * 1024 * 1024);
    CHECK(kept < 3 * 1024 * 1024);
    CHECK(rig.stored(url) == video.left(kept));

    // The centre restarts on the same directory and port; a crash had left bytes past the
    // recorded offset, which are cut back.
    rig.stop();
    {
        QFile part(TusEndpoint::dataFile(rig.tusOptions.directory, uploadId(url)));
        REQUIRE(part.open(QIODevice::Append));
        part.write(QByteArray(1000, 'x'));
    }
    rig.start();

    // A new client (after a terminal restart) asks the offset and sends only what is missing.
    auto afterRestart = rig.client(proxy.port());
    auto head = offThread([&] { return afterRestart->offset(url); });
    INFO((head ? QString() : head.error().toString()).toStdString());
    REQUIRE(head);
    CHECK(*head == kept);
    CHECK(rig.stored(url).size() == kept);
    QBuffer whole;
    whole.setData(video);
    REQUIRE(whole.open(QIODevice::ReadOnly));
    auto report = offThread([&] { return afterRestart->upload(whole, video.size(), url, {}); });
    INFO((report ? QString() : report.error().toString()).toStdString());
    REQUIRE(report);
    CHECK(report->bytesSent == video.size() - kept);
    CHECK(report->resumes == 0);
    CHECK(rig.stored(url) == video);
    CHECK(rig.completed.size() == 1);
}

// A PATCH on a raw TLS connection, signed as the terminal signs it, whose body the test sends
// piece by piece and may never finish (a terminal whose radio died mid-chunk).
struct RawPatch
{
    RawPatch(Rig& rig, const QString& url, qint64 offset, qint64 length)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(rig.pki.cert(QStringLiteral("ca"))));
        tls.setLocalCertificate(
            QSslCertificate(readFile(rig.pki.cert(QStringLiteral("client"))), QSsl::Pem));
        tls.setPrivateKey(
            QSslKey(readFile(rig.pki.key(QStringLiteral("client"))), QSsl::Ec, QSsl::Pem));
        socket.setSslConfiguration(tls);
        QObject::connect(&socket, &QSslSocket::readyRead, [this] { in += socket.readAll(); });
        socket.connectToHostEncrypted(QStringLiteral("localhost"), rig.port);
        REQUIRE(test::waitFor([this] { return socket.isEncrypted(); }));
        const QByteArray path = pathOf(url);
        auto signature
            = signRequest(rig.terminal.store->terminalKey(), rig.terminal.store->terminalId(),
                {"PATCH", path, {}}, QDateTime::currentMSecsSinceEpoch(), BodySigning::Unsigned);
        REQUIRE(signature);
        send("PATCH " + path
            + " HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\n"
              "Content-Type: application/offset+octet-stream\r\nUpload-Offset: "
            + QByteArray::number(offset) + "\r\nContent-Length: " + QByteArray::number(length)
            + "\r\n" + kSignatureHeader + ": " + *signature + "\r\n\r\n");
    }

    void send(const QByteArray& bytes)
    {
        socket.write(bytes);
        REQUIRE(test::waitFor([this] { return socket.bytesToWrite() == 0; }));
    }

    bool closed() const { return socket.state() == QAbstractSocket::UnconnectedState; }

    QSslSocket socket;
    QByteArray in;
};

TEST_CASE("Centre tus: a PATCH cut mid-body keeps what arrived, one still streaming is cut off by "
          "the terminal's next request, and with keepCutChunks off a cut keeps nothing",
    "[sync][centre][tus]")
{
    Rig rig;
    const QByteArray data = randomData(600'000, 21);
    auto client = rig.client();
    auto url = offThread([&] { return client->create(data.size(), {}); });
    REQUIRE(url);
    auto offsetNow = [&] { return offThread([&] { return client->offset(*url); }).value_or(-1); };

    // The terminal goes away 100,000 bytes into a 300,000-byte chunk: those bytes count.
    {
        RawPatch patch(rig, *url, 0, 300'000);
        patch.send(data.left(100'000));
        patch.socket.disconnectFromHost();
        REQUIRE(test::waitFor([&] { return patch.closed(); }));
    }
    REQUIRE(test::waitFor([&] { return rig.stored(*url).size() == 100'000; }));
    CHECK(offsetNow() == 100'000);
    CHECK(rig.stored(*url) == data.left(100'000));

    // A PATCH whose connection is silently dead (no FIN ever came) still holds the upload when
    // the terminal comes back: the terminal's HEAD cuts it off, with its bytes, and drops it.
    RawPatch stale(rig, *url, 100'000, 300'000);
    stale.send(data.mid(100'000, 50'000));
    REQUIRE(test::waitFor([&] {
        return QFileInfo(TusEndpoint::dataFile(rig.tusOptions.directory, uploadId(*url))).size()
            == 150'000; // every byte sent has reached the file (written unbuffered)
    }));
    CHECK(offsetNow() == 150'000);
    REQUIRE(test::waitFor([&] { return stale.closed(); }));
    CHECK(stale.in.isEmpty()); // it gets no answer: its terminal is not listening any more
    CHECK(rig.stored(*url) == data.left(150'000));

    // A PATCH at an old offset while a newer one streams: the streaming one is cut off (its
    // bytes kept) and the late one is told the new offset.
    RawPatch streaming(rig, *url, 150'000, 100'000);
    streaming.send(data.mid(150'000, 40'000));
    REQUIRE(test::waitFor([&] {
        return QFileInfo(TusEndpoint::dataFile(rig.tusOptions.directory, uploadId(*url))).size()
            == 190'000;
    }));
    auto late = rig.send("PATCH", *url, patchHeaders(150'000), data.mid(150'000, 100'000));
    REQUIRE(late);
    CHECK(late->status == 409);
    CHECK(late->header("upload-offset") == "190000");
    REQUIRE(test::waitFor([&] { return streaming.closed(); }));

    // The rest with the client: only what is missing travels.
    QBuffer source;
    source.setData(data);
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto report = offThread([&] { return client->upload(source, data.size(), *url, {}); });
    REQUIRE(report);
    CHECK(report->bytesSent == data.size() - 190'000);
    CHECK(rig.stored(*url) == data);
    CHECK(rig.completed.size() == 1);

    // keepCutChunks off (TLS ends before the centre): a cut PATCH leaves the offset where it was.
    rig.stop();
    rig.tusOptions.keepCutChunks = false;
    rig.start();
    auto client2 = rig.client();
    auto url2 = offThread([&] { return client2->create(data.size(), {}); });
    REQUIRE(url2);
    {
        RawPatch patch(rig, *url2, 0, 300'000);
        patch.send(data.left(100'000));
        REQUIRE(test::waitFor([&] { return rig.stored(*url2).size() == 100'000; }));
        patch.socket.disconnectFromHost();
        REQUIRE(test::waitFor([&] { return patch.closed(); }));
    }
    REQUIRE(test::waitFor([&] { return rig.stored(*url2).isEmpty(); })); // rolled back
    CHECK(offThread([&] { return client2->offset(*url2); }).value_or(-1) == 0);
}

TEST_CASE("Centre tus: libcurl does not resend a cut PATCH by itself, so nothing crosses the "
          "link only to be refused",
    "[sync][centre][tus]")
{
    Rig rig;
    test::FaultProxy proxy(QStringLiteral("127.0.0.1"), rig.port);
    REQUIRE(proxy.start());
    const QByteArray data = randomData(3 * 1024 * 1024, 31);
    auto client = rig.client(proxy.port());
    auto url = offThread([&] { return client->create(data.size(), {}); });
    REQUIRE(url); // the connection is kept for what follows
    auto patchAt = [&](qint64 offset, qint64 size, bool resend) {
        HttpRequest r {
            "PATCH", QUrl(rig.endpointUrl(proxy.port())).resolved(QUrl(*url)).toString()};
        r.headers = patchHeaders(offset);
        r.body = data.mid(offset, size);
        r.resendBodyOnFreshConnection = resend;
        sign(r, rig.terminal.store->terminalKey(), rig.terminal.store->terminalId());
        return offThread([&rig, r] { return rig.transport.send(r); });
    };

    // As TusClient sends it: the kept connection dies 256 KiB in, and the request fails instead
    // of going again on a fresh connection; the centre kept what arrived.
    proxy.cutAfterBytes(test::FaultProxy::Direction::Up, 256 * 1024);
    auto cut = patchAt(0, 1024 * 1024, /*resend=*/false);
    REQUIRE_FALSE(cut);
    CHECK(transportFailureOf(cut.error()) == TransportFailure::Interrupted);
    // (What the centre had read before the reset arrived; the kernel may drop the rest.)
    const qint64 kept = offThread([&] { return client->offset(*url); }).value_or(-1);
    CHECK(kept >= 0);
    CHECK(kept < 256 * 1024);
    CHECK(rig.stored(*url) == data.left(kept));

    // libcurl's default: the same request again on a fresh connection, all of it carried to be
    // refused (the centre saw its signature's nonce on the cut one, so it is a replay; and its
    // offset is behind what the centre kept).
    const qint64 before = proxy.counters().bytesUp;
    proxy.cutAfterBytes(test::FaultProxy::Direction::Up, 256 * 1024);
    auto resent = patchAt(kept, 1024 * 1024, /*resend=*/true);
    REQUIRE(resent);
    CHECK(resent->reconnected);
    CHECK(resent->status == 401);
    CHECK(resent->body.contains("replay"));
    INFO("carried " << proxy.counters().bytesUp - before);
    CHECK(proxy.counters().bytesUp - before > 1024 * 1024);
}

TEST_CASE(
    "Centre tus: a blob the completion hook refuses is a 422 and gone, and size limits are kept",
    "[sync][centre][tus]")
{
    Rig rig(1 << 20, 64 * 1024);
    rig.verdict = [](const CompletedUpload& upload) -> Status {
        if (upload.metadata.value(QStringLiteral("case")) == "bad")
            return fail(
                ErrorCode::Rejected, QStringLiteral("The blob does not match its manifest"));
        return {};
    };
    auto client = rig.client();
    client->setChunkSize(64 * 1024);
    const QByteArray blob = randomData(200'000, 9);

    auto info = offThread([&] { return client->discover(); });
    REQUIRE(info);
    CHECK(info->maxSize == 1 << 20);
    auto tooLarge = offThread([&] { return client->create((1 << 20) + 1, {}); });
    REQUIRE_FALSE(tooLarge);
    CHECK(tooLarge.error().message.contains(QStringLiteral("413")));

    // Accepted: the hook sees the whole blob and the metadata, once.
    QBuffer good;
    good.setData(blob);
    REQUIRE(good.open(QIODevice::ReadOnly));
    auto ok = offThread([&] {
        return client->upload(good, blob.size(), {}, {{QStringLiteral("case"), QByteArray("c1")}});
    });
    INFO((ok ? QString() : ok.error().toString()).toStdString());
    REQUIRE(ok);
    REQUIRE(rig.completed.size() == 1);
    CHECK(rig.completed.at(0).terminalId == rig.terminal.store->terminalId());
    CHECK(rig.completed.at(0).length == blob.size());
    CHECK(rig.completed.at(0).metadata.value(QStringLiteral("case")) == "c1");
    CHECK(readFile(rig.completed.at(0).path) == blob);
    auto again = offThread([&] { return client->patch(ok->uploadUrl, blob.size(), {}); });
    REQUIRE(again);
    CHECK(rig.completed.size() == 1);

    // A chunk over the limit: 413, nothing kept.
    auto url = offThread([&] {
        return client->create(blob.size(), {{QStringLiteral("case"), QByteArray("bad")}});
    });
    REQUIRE(url);
    auto big = rig.send("PATCH", *url, patchHeaders(0), blob.left(64 * 1024 + 1));
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(offThread([&] { return client->offset(*url); }).value_or(-1) == 0);

    // The centre's own trouble in the hook (its disk): 507, the upload kept with its last chunk
    // unacknowledged, so the terminal's next try resends it and the hook is asked again.
    rig.verdict = [](const CompletedUpload&) -> Status {
        return fail(ErrorCode::DiskFull, QStringLiteral("The centre's disk is full"));
    };
    QBuffer held;
    held.setData(blob);
    REQUIRE(held.open(QIODevice::ReadOnly));
    auto later = offThread([&] {
        return client->create(blob.size(), {{QStringLiteral("case"), QByteArray("c2")}});
    });
    REQUIRE(later);
    client->setMaxAttempts(1);
    auto full = offThread([&] { return client->upload(held, blob.size(), *later, {}); });
    REQUIRE_FALSE(full);
    CHECK(full.error().message.contains(QStringLiteral("507"))); // Insufficient Storage
    const qint64 kept = offThread([&] { return client->offset(*later); }).value_or(-1);
    CHECK(kept > 0);
    CHECK(kept < blob.size()); // the last chunk is not acknowledged
    rig.verdict = {};
    auto resumed = offThread([&] { return client->upload(held, blob.size(), *later, {}); });
    INFO((resumed ? QString() : resumed.error().toString()).toStdString());
    REQUIRE(resumed);
    CHECK(rig.completed.size() == 3);
    CHECK(readFile(rig.completed.last().path) == blob);
    client->setMaxAttempts(3);
    rig.verdict = [](const CompletedUpload& upload) -> Status {
        if (upload.metadata.value(QStringLiteral("case")) == "bad")
            return fail(
                ErrorCode::Rejected, QStringLiteral("The blob does not match its manifest"));
        return {};
    };

    // Refused by the hook: 422 with the reason, and the upload is gone.
    QBuffer bad;
    bad.setData(blob);
    REQUIRE(bad.open(QIODevice::ReadOnly));
    auto refused = offThread([&] { return client->upload(bad, blob.size(), *url, {}); });
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.contains(QStringLiteral("HTTP 422")));
    CHECK(refused.error().context.contains(QStringLiteral("verification")));
    CHECK(refused.error().context.contains(QStringLiteral("does not match its manifest")));
    CHECK(rig.completed.size() == 4);
    auto gone = offThread([&] { return client->offset(*url); });
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);
    CHECK_FALSE(QFile::exists(TusEndpoint::dataFile(rig.tusOptions.directory, uploadId(*url))));
}

TEST_CASE(
    "Centre tus: the centre serves /v1/files when it has a files directory", "[sync][centre][tus]")
{
    Rig rig;
    TusClient client(
        rig.transport, QStringLiteral("https://localhost:%1/v1/files").arg(rig.centrePort));
    client.setRequestDecorator(
        signer(rig.terminal.store->terminalKey(), rig.terminal.store->terminalId()));
    auto info = offThread([&] { return client.discover(); });
    INFO((info ? QString() : info.error().toString()).toStdString());
    REQUIRE(info);
    CHECK(info->extensions.contains(QStringLiteral("checksum")));
    auto url = offThread([&] { return client.create(1000, {}); });
    REQUIRE(url);
    CHECK(
        offThread([&] { return client.patch(*url, 0, QByteArray(400, 'e')); }).value_or(-1) == 400);
    CHECK(offThread([&] { return client.offset(*url); }).value_or(-1) == 400);
    CHECK(readFile(
              TusEndpoint::dataFile(rig.files.filePath(QStringLiteral("centre")), uploadId(*url)))
        == QByteArray(400, 'e'));
    REQUIRE(offThread([&] { return client.terminate(*url); }));
    CHECK_FALSE(offThread([&] { return client.offset(*url); }));
}

TEST_CASE("Centre tus: tus-js-client from npm uploads and resumes over mutual TLS",
    "[sync][centre][tus][interop]")
{
    const QString peerDir = QStringLiteral(FIELDCASE_SOURCE_DIR "/tests/peers/tus");
    INFO("tus-js-client is missing: run npm ci in tests/peers/tus (packaging/install-deps.sh)");
    REQUIRE(QFile::exists(peerDir + QStringLiteral("/node_modules/tus-js-client/package.json")));
    Rig rig;
    // An independent terminal identity: an ECDSA P-256 key enrolled at the centre, its private
    // half written for node.
    auto key = KeyPair::generate(SignatureAlgorithm::EcdsaP256Sha256);
    REQUIRE(key);
    const QString terminalId = QStringLiteral("tusjs-terminal-01");
    REQUIRE(rig.centreStore.store->registerTerminal(
        rig.centreStore.installer, terminalId, key->publicKey()));
    QTemporaryDir work;
    const QString keyFile = work.filePath(QStringLiteral("signing.key"));
    {
        QFile f(keyFile);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(key->privatePem());
    }
    const QString file = test::writeRandomFile(
        work.filePath(QStringLiteral("video.bin")), 5 * 1024 * 1024 + 999, 21);
    const QByteArray video = readFile(file);

    // Runs node client.mjs against an endpoint while this thread serves it; the JSON it prints.
    auto runNode = [&](quint16 port) {
        QProcess node;
        node.setWorkingDirectory(peerDir);
        node.start(QStringLiteral("node"),
            {QStringLiteral("client.mjs"), rig.endpointUrl(port), file,
                rig.pki.cert(QStringLiteral("ca")), rig.pki.cert(QStringLiteral("client")),
                rig.pki.key(QStringLiteral("client")), terminalId, keyFile,
                QString::number(1024 * 1024), QStringLiteral("case=案件-7"),
                QStringLiteral("evidence=ev-42")});
        REQUIRE(node.waitForStarted(5000));
        REQUIRE(test::waitFor([&] { return node.state() == QProcess::NotRunning; }, 60000));
        const QByteArray out = node.readAllStandardOutput();
        INFO("node stdout: " << out.toStdString());
        INFO("node stderr: " << node.readAllStandardError().toStdString());
        REQUIRE(node.exitStatus() == QProcess::NormalExit);
        REQUIRE(node.exitCode() == 0);
        return QJsonDocument::fromJson(out.trimmed()).object();
    };

    // A whole upload: complete, byte for byte, the metadata as sent, by that terminal.
    const QJsonObject first = runNode(rig.port);
    const QString url = first.value(QStringLiteral("url")).toString();
    REQUIRE_FALSE(url.isEmpty());
    CHECK(first.value(QStringLiteral("retries")).toInt() == 0);
    CHECK(rig.stored(url) == video);
    REQUIRE(rig.completed.size() == 1);
    CHECK(rig.completed.at(0).terminalId == terminalId);
    CHECK(rig.completed.at(0).metadata.value(QStringLiteral("case")) == QByteArray("案件-7"));
    CHECK(rig.completed.at(0).metadata.value(QStringLiteral("evidence")) == "ev-42");

    // Through a link that dies 2.5 MiB in: tus-js-client retries, asks the offset (HEAD) and
    // sends the rest; the centre keeps only whole chunks, so at most one chunk goes twice.
    test::FaultProxy proxy(QStringLiteral("127.0.0.1"), rig.port);
    REQUIRE(proxy.start());
    proxy.cutAfterBytes(test::FaultProxy::Direction::Up, 2 * 1024 * 1024 + 512 * 1024);
    const QJsonObject second = runNode(proxy.port());
    const QString resumedUrl = second.value(QStringLiteral("url")).toString();
    REQUIRE_FALSE(resumedUrl.isEmpty());
    CHECK(uploadId(resumedUrl) != uploadId(url));
    CHECK(second.value(QStringLiteral("retries")).toInt() >= 1);
    CHECK(proxy.counters().resets == 1);
    CHECK(proxy.counters().bytesUp > video.size());
    CHECK(proxy.counters().bytesUp < video.size() + 1024 * 1024 + 128 * 1024);
    CHECK(rig.stored(resumedUrl) == video);
    CHECK(rig.completed.size() == 2);
}
