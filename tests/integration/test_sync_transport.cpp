// The sync client's HTTPS transport on real TLS: mutual TLS with the pinned centre CA works; a
// server with a certificate from another CA (interception) is refused before anything is sent;
// a terminal certificate the server does not accept is reported as such; an unreachable centre,
// an oversized answer and missing certificate files each get their own failure and message.
#include "sync/transport/curltransport.h"
#include "tests/support/testpki.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

using namespace fieldcase;
using namespace fieldcase::sync;

namespace {

TlsConfig terminalTls(const test::TestPki& pki, const QString& client = QStringLiteral("client"))
{
    return {pki.cert(QStringLiteral("ca")), pki.cert(client), pki.key(client)};
}

} // namespace

TEST_CASE("HTTPS transport: mutual TLS, pinned CA, refusals with reasons", "[sync][tls]")
{
    test::TestPki pki;
    INFO(pki.error().toStdString());
    REQUIRE(pki.ok());

    SECTION("the centre and the terminal know each other")
    {
        test::TlsStatusServer centre(pki, QStringLiteral("server"));
        REQUIRE(centre.started());
        CurlTransport transport(terminalTls(pki));
        auto r = transport.send({"GET", centre.url()});
        INFO((r ? QString() : r.error().toString()).toStdString());
        REQUIRE(r);
        CHECK(r->status == 200);
        // s_server's status page names the client certificate it verified.
        CHECK(r->body.contains("terminal-0001"));
        // The same transport again: handle reuse works.
        auto again = transport.send({"GET", centre.url()});
        REQUIRE(again);
        CHECK(again->status == 200);
    }
    SECTION("a server with another CA's certificate is not the centre")
    {
        test::TlsStatusServer mitm(pki, QStringLiteral("rogueServer"));
        REQUIRE(mitm.started());
        CurlTransport transport(terminalTls(pki));
        auto r = transport.send({"POST", mitm.url(), {}, "{\"events\":[]}"});
        REQUIRE_FALSE(r);
        CHECK(transportFailureOf(r.error()) == TransportFailure::CentreNotTrusted);
        CHECK(r.error().message.contains(QStringLiteral("not the provincial centre")));
    }
    SECTION("a terminal certificate from another CA is refused by the centre")
    {
        test::TlsStatusServer centre(pki, QStringLiteral("server"));
        REQUIRE(centre.started());
        CurlTransport transport(terminalTls(pki, QStringLiteral("rogueClient")));
        auto r = transport.send({"GET", centre.url()});
        REQUIRE_FALSE(r);
        INFO(r.error().toString().toStdString());
        CHECK(transportFailureOf(r.error()) == TransportFailure::ClientRejected);
    }
    SECTION("nobody listening: unreachable, retry later")
    {
        QTcpServer probe;
        REQUIRE(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        CurlTransport transport(terminalTls(pki));
        auto r = transport.send({"GET", QStringLiteral("https://localhost:%1/").arg(port)});
        REQUIRE_FALSE(r);
        CHECK(transportFailureOf(r.error()) == TransportFailure::Unreachable);
    }
    SECTION("a request in flight stops soon after the cancel flag is set (the app is closing)")
    {
        // A server that takes the connection and never answers the TLS handshake.
        QTcpServer silent;
        REQUIRE(silent.listen(QHostAddress::LocalHost));
        CurlTransport transport(terminalTls(pki));
        std::atomic<bool> cancel {false};
        transport.setCancelFlag(&cancel);
        HttpRequest request {
            "GET", QStringLiteral("https://localhost:%1/").arg(silent.serverPort())};
        request.timeoutMs = 60000;
        std::thread closer([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel = true;
        });
        QElapsedTimer timer;
        timer.start();
        auto r = transport.send(request);
        closer.join();
        REQUIRE_FALSE(r);
        CHECK(timer.elapsed() < 5000); // libcurl asks about once a second, not after 60 s
        // Cancelled, not a link failure: no retry, nothing learned about the link.
        CHECK(transportFailureOf(r.error()) == TransportFailure::Cancelled);
        CHECK(r.error().message.contains(QStringLiteral("closing")));
    }
    SECTION("an answer larger than allowed is refused, not buffered")
    {
        test::TlsStatusServer centre(pki, QStringLiteral("server"));
        REQUIRE(centre.started());
        CurlTransport transport(terminalTls(pki));
        HttpRequest request {"GET", centre.url()};
        request.maxResponseBytes = 64;
        auto r = transport.send(request);
        REQUIRE_FALSE(r);
        CHECK(transportFailureOf(r.error()) == TransportFailure::ResponseTooLarge);
    }
    SECTION("missing certificate files: enrol again, nothing is attempted")
    {
        CurlTransport transport({pki.cert(QStringLiteral("ca")),
            QStringLiteral("/nonexistent/client.pem"), pki.key(QStringLiteral("client"))});
        auto r = transport.send({"GET", QStringLiteral("https://localhost:1/")});
        REQUIRE_FALSE(r);
        CHECK(transportFailureOf(r.error()) == TransportFailure::Local);
        CHECK(r.error().message.contains(QStringLiteral("/nonexistent/client.pem")));
    }
    SECTION("plain HTTP is not spoken at all")
    {
        CurlTransport transport(terminalTls(pki));
        auto r = transport.send({"GET", QStringLiteral("http://localhost:1/")});
        REQUIRE_FALSE(r);
        CHECK(transportFailureOf(r.error()) == TransportFailure::Local);
    }
}
