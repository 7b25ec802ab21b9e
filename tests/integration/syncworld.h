// A reference centre and one enrolled terminal, all real (Qt HttpServer over mutual TLS, libcurl,
// SQLite on disk), for test_sync_packs and test_sync_faults. The centre runs on this thread and
// on the system clock (so fieldcase-admin processes can talk to it); the terminal's clock is a
// ManualClock started at the real time, so a test can move it past a Retry-After. Every request
// the centre receives is logged as "METHOD /path", and a test can plan a fault for any of them.
#pragma once

#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"
#include "sync/client/enrolment.h"
#include "sync/client/syncclient.h"
#include "sync/transport/curltransport.h"
#include "tests/support/storefixture.h"
#include "tests/support/tempdir.h"
#include "tests/support/testpki.h"
#include "tests/support/waitfor.h"

#include <QBuffer>
#include <QDateTime>
#include <QtConcurrent>

#include <catch2/catch.hpp>

namespace fieldcase::test {

// Runs a blocking client call on a worker thread while this thread serves the centre.
template<typename F>
auto onWorker(F&& f)
{
    auto future = QtConcurrent::run(std::forward<F>(f));
    REQUIRE(waitFor([&] { return future.isFinished(); }, 120000));
    return future.result();
}

struct SyncWorld
{
    using Fault = sync::CentreServer::RouteFault;

    TestPki pki;
    StoreFixture cases; // the centre's case store
    TempDir centreDir;
    std::unique_ptr<sync::CentreStore> records;
    std::unique_ptr<sync::CentreServer> server;
    quint16 port = 0;
    QStringList routes; // every request the centre received, in order
    std::function<Fault(const QString& route)> plan; // the fault for a request, if any
    StoreFixture terminal;
    sync::SyncSettings settings;

    SyncWorld()
    {
        REQUIRE(pki.ok());
        auto opened = sync::CentreStore::open(centreDir.path(), Clock::system());
        REQUIRE(opened);
        records = std::move(*opened);
        sync::CentreServer::Options options {pki.cert(QStringLiteral("server")),
            pki.key(QStringLiteral("server")), pki.cert(QStringLiteral("ca"))};
        options.filesDirectory = centreDir.path() + QStringLiteral("/files");
        options.terminalCaCertFile = pki.cert(QStringLiteral("ca"));
        options.terminalCaKeyFile = pki.key(QStringLiteral("ca"));
        options.installerId = QStringLiteral("inst-1");
        options.routeFaults = [this](const QString& route) {
            routes.append(route);
            return plan ? plan(route) : Fault {};
        };
        server = std::make_unique<sync::CentreServer>(
            *cases.store, *records, Clock::system(), options);
        auto p = server->listen();
        REQUIRE(p);
        port = *p;
        auto enrolPort = server->listenForEnrolment();
        REQUIRE(enrolPort);
        REQUIRE(
            records->addUnit(QStringLiteral("u-1"), QStringLiteral("示范县交通运输综合执法大队")));
        REQUIRE(records->addOfficer({QStringLiteral("off-1"), QStringLiteral("张三"),
            QStringLiteral("14010001"), QStringLiteral("u-1"), {QStringLiteral("officer")}}));

        terminal.clock.setNowMs(QDateTime::currentMSecsSinceEpoch());
        auto token
            = records->createToken(QStringLiteral("u-1"), {QStringLiteral("off-1")}, 3600000);
        REQUIRE(token);
        auto enrolled = onWorker([&] {
            return sync::enrolTerminal(*terminal.store,
                {QStringLiteral("https://localhost:%1").arg(*enrolPort),
                    QStringLiteral("https://localhost:%1").arg(port),
                    pki.cert(QStringLiteral("ca")), *token, QStringLiteral("inst-1")},
                [](const sync::TlsConfig& tls) {
                    return std::make_unique<sync::CurlTransport>(tls);
                });
        });
        INFO((enrolled ? QString() : enrolled.error().toString()).toStdString());
        REQUIRE(enrolled);
        settings = *enrolled;
        routes.clear();
    }

    // The terminal's clock follows real time (signatures carry it), plus whatever a test added.
    void tick(qint64 extraMs = 0)
    {
        terminal.clock.setNowMs(
            std::max(terminal.clock.nowMs() + extraMs, QDateTime::currentMSecsSinceEpoch()));
    }

    // One cycle on a worker thread; configure() may set up the client first.
    sync::CycleReport cycle(
        const std::function<void(sync::SyncClient&)>& configure = {}, bool metered = false)
    {
        tick();
        return onWorker([&] {
            sync::CurlTransport transport(settings.tls);
            sync::SyncClient client(*terminal.store, transport, settings);
            client.setInitialChunkSize(64 * 1024);
            if (configure)
                configure(client);
            return client.runCycle({true, metered});
        });
    }

    [[nodiscard]] qsizetype count(const QString& prefix) const
    {
        return std::count_if(
            routes.cbegin(), routes.cend(), [&](const QString& r) { return r.startsWith(prefix); });
    }

    [[nodiscard]] qint64 scalar(CaseStore& store, const char* sql) const
    {
        auto v = store.database().scalarInt(sql);
        REQUIRE(v);
        return *v;
    }

    // Attaches content as a photo to a case; returns the blob's hash.
    QString attachPhoto(const QString& caseId, const QByteArray& content)
    {
        QBuffer buffer;
        buffer.setData(content);
        REQUIRE(buffer.open(QIODevice::ReadOnly));
        EvidenceMeta meta;
        meta.kind = QStringLiteral("photo");
        meta.mediaType = QStringLiteral("image/jpeg");
        meta.title = QStringLiteral("photo");
        auto e = terminal.store->attachEvidence(terminal.single, caseId, buffer, meta);
        REQUIRE(e);
        return QString::fromLatin1(Hasher::hash(HashAlgorithm::Sm3, content).toHex());
    }
};

} // namespace fieldcase::test
