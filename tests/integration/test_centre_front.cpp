// The centre's HttpFront over real TLS with client certificates: requests it relays to a Qt
// HttpServer, bodies it streams to a sink, and the framing rules in between (keep-alive,
// pipelining, HEAD, Expect, refusals, cuts, idle timeouts). A raw QSslSocket plays the client so
// the test can send what libcurl never would: half a body, a cut, a bad head.
#include "sync/centre/httpfront.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QFile>
#include <QHttpServer>
#include <QSslKey>
#include <QSslSocket>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

// What one streamed body did.
struct Received
{
    QByteArray path;
    QByteArray bytes;
    bool ended = false;
    bool cut = false;
};

class RecordingSink final : public BodySink
{
public:
    explicit RecordingSink(std::shared_ptr<Received> into)
        : m_into(std::move(into))
    { }
    void write(QByteArrayView piece) override { m_into->bytes += piece; }
    HttpReply end() override
    {
        m_into->ended = true;
        HttpReply r;
        r.status = 204;
        r.setHeader("X-Received", QByteArray::number(m_into->bytes.size()));
        return r;
    }
    void cut() override { m_into->cut = true; }

private:
    std::shared_ptr<Received> m_into;
};

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct Rig
{
    explicit Rig(HttpFront::Options tuning = {})
    {
        REQUIRE(pki.ok());
        backend.route(QStringLiteral("/hello"), QHttpServerRequest::Method::Get,
            [] { return QHttpServerResponse("text/plain", "hello"); });
        backend.route(QStringLiteral("/hello"), QHttpServerRequest::Method::Head,
            [] { return QHttpServerResponse("text/plain", "hello"); });
        backend.route(QStringLiteral("/echo"), QHttpServerRequest::Method::Post,
            [](const QHttpServerRequest& r) {
                return QHttpServerResponse(
                    "text/plain", "got " + QByteArray::number(r.body().size()));
            });
        tuning.tls = QSslConfiguration::defaultConfiguration();
        tuning.tls.setLocalCertificate(
            QSslCertificate(readAll(pki.cert(QStringLiteral("server"))), QSsl::Pem));
        tuning.tls.setPrivateKey(
            QSslKey(readAll(pki.key(QStringLiteral("server"))), QSsl::Ec, QSsl::Pem));
        tuning.tls.setCaCertificates(QSslCertificate::fromPath(pki.cert(QStringLiteral("ca"))));
        tuning.tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        front = std::make_unique<HttpFront>(
            backend,
            [this](const HttpHead& head) -> std::optional<StreamAnswer> {
                if (head.method != "PATCH")
                    return std::nullopt;
                if (head.path() == "/refuse")
                    return StreamAnswer {HttpReply::error(403, "no", QStringLiteral("not here"))};
                auto into = std::make_shared<Received>();
                into->path = head.path();
                received.append(into);
                auto sink = std::make_unique<RecordingSink>(into);
                lastSink = sink.get();
                return StreamAnswer {std::unique_ptr<BodySink>(std::move(sink))};
            },
            tuning);
        auto bound = front->listen();
        REQUIRE(bound);
        port = *bound;
    }

    test::TestPki pki;
    QHttpServer backend;
    std::unique_ptr<HttpFront> front;
    quint16 port = 0;
    QList<std::shared_ptr<Received>> received;
    BodySink* lastSink = nullptr;
};

// A TLS client with the test PKI's client certificate, on this thread's event loop.
struct Client
{
    explicit Client(Rig& rig)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(rig.pki.cert(QStringLiteral("ca"))));
        tls.setLocalCertificate(
            QSslCertificate(readAll(rig.pki.cert(QStringLiteral("client"))), QSsl::Pem));
        tls.setPrivateKey(
            QSslKey(readAll(rig.pki.key(QStringLiteral("client"))), QSsl::Ec, QSsl::Pem));
        socket.setSslConfiguration(tls);
        QObject::connect(&socket, &QSslSocket::readyRead, [this] { in += socket.readAll(); });
        socket.connectToHostEncrypted(QStringLiteral("localhost"), rig.port);
        REQUIRE(test::waitFor([this] { return socket.isEncrypted(); }));
    }

    void send(const QByteArray& bytes)
    {
        socket.write(bytes);
        REQUIRE(test::waitFor([this] { return socket.bytesToWrite() == 0; }));
    }

    // Waits until `count` answers (status lines) arrived.
    bool waitForAnswers(int count, int timeoutMs = 5000)
    {
        return test::waitFor([&] { return in.count("HTTP/1.1 ") >= count; }, timeoutMs);
    }

    bool waitForClose(int timeoutMs = 5000)
    {
        return test::waitFor(
            [this] { return socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
    }

    QSslSocket socket;
    QByteArray in;
};

QByteArray patchHead(const QByteArray& path, qint64 length, const QByteArray& extra = {})
{
    return "PATCH " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
        + QByteArray::number(length) + "\r\n" + extra + "\r\n";
}

QByteArray pattern(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        out[i] = char((i * 131 + 7) % 251);
    return out;
}

} // namespace

TEST_CASE("Centre front: requests it does not stream go to Qt HttpServer and back on one "
          "kept connection, pipelined ones in order",
    "[sync][centre][front]")
{
    Rig rig;
    Client c(rig);
    c.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(c.waitForAnswers(1));
    CHECK(c.in.startsWith("HTTP/1.1 200"));
    CHECK(c.in.endsWith("hello"));

    // A HEAD answer has a Content-Length but no body: the next answer must still be framed.
    c.in.clear();
    c.send("HEAD /hello HTTP/1.1\r\nHost: localhost\r\n\r\n"
           "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nabcde"
           "GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(c.waitForAnswers(3));
    const qsizetype head = c.in.indexOf("HTTP/1.1 200");
    const qsizetype echo = c.in.indexOf("got 5");
    const qsizetype missing = c.in.indexOf("HTTP/1.1 404");
    CHECK(head == 0);
    CHECK(echo > head);
    CHECK(missing > echo);
    CHECK(c.in.count("hello") == 0); // no body for HEAD
    CHECK(c.socket.state() == QAbstractSocket::ConnectedState);
}

TEST_CASE("Centre front: a streamed body reaches its sink piece by piece and the connection goes "
          "on, and Expect 100-continue is answered",
    "[sync][centre][front]")
{
    Rig rig;
    Client c(rig);
    const QByteArray body = pattern(300'000);
    c.send(patchHead("/files/a", body.size(), "Expect: 100-continue\r\n"));
    REQUIRE(test::waitFor([&] { return c.in.contains("100 Continue"); }));
    for (qsizetype at = 0; at < body.size(); at += 70'000)
        c.send(body.mid(at, 70'000));
    REQUIRE(c.waitForAnswers(2));
    REQUIRE(rig.received.size() == 1);
    CHECK(rig.received[0]->path == "/files/a");
    CHECK(rig.received[0]->ended);
    CHECK_FALSE(rig.received[0]->cut);
    CHECK(rig.received[0]->bytes == body);
    CHECK(c.in.contains("HTTP/1.1 204"));
    CHECK(c.in.contains("X-Received: 300000"));

    // Then a relayed request on the same connection.
    c.in.clear();
    c.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(c.waitForAnswers(1));
    CHECK(c.in.endsWith("hello"));
}

TEST_CASE("Centre front: a body cut by the client or by silence gives the sink what "
          "arrived and a cut",
    "[sync][centre][front]")
{
    HttpFront::Options tuning;
    tuning.idleTimeoutMs = 400;
    Rig rig(tuning);
    const QByteArray body = pattern(100'000);

    SECTION("the client goes away")
    {
        Client c(rig);
        c.send(patchHead("/files/b", body.size()) + body.left(30'000));
        REQUIRE(test::waitFor(
            [&] { return !rig.received.isEmpty() && rig.received[0]->bytes.size() == 30'000; }));
        c.socket.disconnectFromHost();
        REQUIRE(test::waitFor([&] { return rig.received[0]->cut; }));
        CHECK_FALSE(rig.received[0]->ended);
        CHECK(rig.received[0]->bytes == body.left(30'000));
    }
    SECTION("the client falls silent past the idle timeout")
    {
        Client c(rig);
        c.send(patchHead("/files/c", body.size()) + body.left(10'000));
        REQUIRE(c.waitForClose(5000));
        REQUIRE(rig.received.size() == 1);
        CHECK(rig.received[0]->cut);
        CHECK(rig.received[0]->bytes == body.left(10'000));
    }
}

TEST_CASE("Centre front: a sink that gives up (a newer request took over) drops its connection "
          "without another word",
    "[sync][centre][front]")
{
    Rig rig;
    Client c(rig);
    c.send(patchHead("/files/d", 100'000) + pattern(5'000));
    REQUIRE(test::waitFor(
        [&] { return rig.received.size() == 1 && rig.received[0]->bytes.size() == 5'000; }));
    REQUIRE(rig.lastSink);
    rig.lastSink->abandon();
    REQUIRE(c.waitForClose());
    CHECK(c.in.isEmpty());
    CHECK_FALSE(rig.received[0]->ended);
    CHECK_FALSE(rig.received[0]->cut); // its own cut work was done before it let go
}

TEST_CASE("Centre front: refusals come before the body, and malformed requests get a clear "
          "answer and a closed connection",
    "[sync][centre][front]")
{
    HttpFront::Options tuning;
    tuning.maxHeadBytes = 2048;
    tuning.maxRelayedBody = 100'000;
    Rig rig(tuning);

    auto answerTo = [&](const QByteArray& request) {
        Client c(rig);
        c.send(request);
        REQUIRE(c.waitForAnswers(1));
        REQUIRE(c.waitForClose());
        INFO(c.in.toStdString());
        CHECK(c.in.contains("Connection: close"));
        return c.in;
    };
    // Refused by the stream route before the body: answered at once, before the body, without
    // "Connection: close" (libcurl stops sending on such an answer, but sends the whole body
    // first if told the connection closes); the body is read and dropped and the connection
    // goes on.
    {
        Client c(rig);
        c.send(patchHead("/refuse", 50'000));
        REQUIRE(c.waitForAnswers(1));
        CHECK(c.in.startsWith("HTTP/1.1 403"));
        CHECK(c.in.contains("not here"));
        CHECK_FALSE(c.in.contains("Connection: close"));
        c.in.clear();
        c.send(pattern(50'000) + "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
        REQUIRE(c.waitForAnswers(1));
        CHECK(c.in.endsWith("hello"));
        CHECK(rig.received.isEmpty());
    }
    // With Expect: 100-continue the client holds the body back: refused and closed.
    CHECK(answerTo(patchHead("/refuse", 50'000, "Expect: 100-continue\r\n"))
              .startsWith("HTTP/1.1 403"));
    // A body too large to be worth reading: answered at once and closed (a relayed one over the
    // limit is a 413; a refused PATCH body that long is not drained either).
    CHECK(answerTo("POST /echo HTTP/1.1\r\nContent-Length: 200000\r\n\r\n")
              .startsWith("HTTP/1.1 413"));
    CHECK(answerTo(patchHead("/refuse", 200'000)).startsWith("HTTP/1.1 403"));

    CHECK(answerTo("GARBAGE\r\n\r\n").startsWith("HTTP/1.1 400"));
    CHECK(answerTo("GET /hello HTTP/1.1\r\nBad Header\r\n\r\n").startsWith("HTTP/1.1 400"));
    CHECK(answerTo("POST /echo HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde")
              .startsWith("HTTP/1.1 400"));
    CHECK(answerTo("GET /hello HTTP/1.1\r\nX-Long: " + QByteArray(4000, 'a') + "\r\n\r\n")
              .startsWith("HTTP/1.1 431"));
    CHECK(
        answerTo("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n0\r\n\r\n")
            .startsWith("HTTP/1.1 411"));

    // Connection: close from the client is honoured after the answer.
    Client c(rig);
    c.send("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
    REQUIRE(c.waitForAnswers(1));
    REQUIRE(c.waitForClose());
    CHECK(c.in.startsWith("HTTP/1.1 200"));
    CHECK(c.in.endsWith("hello"));
}

TEST_CASE("Centre front: a client without a certificate from the CA gets no connection",
    "[sync][centre][front]")
{
    Rig rig;
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(rig.pki.cert(QStringLiteral("ca"))));
    tls.setLocalCertificate(
        QSslCertificate(readAll(rig.pki.cert(QStringLiteral("rogueClient"))), QSsl::Pem));
    tls.setPrivateKey(
        QSslKey(readAll(rig.pki.key(QStringLiteral("rogueClient"))), QSsl::Ec, QSsl::Pem));
    socket.setSslConfiguration(tls);
    QByteArray in;
    QObject::connect(&socket, &QSslSocket::readyRead, [&] { in += socket.readAll(); });
    socket.connectToHostEncrypted(QStringLiteral("localhost"), rig.port);
    socket.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
    REQUIRE(test::waitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }));
    CHECK_FALSE(in.contains("hello"));
}
