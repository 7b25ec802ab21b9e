// The reference centre's HTTP side (docs/protocol.md), on Qt HttpServer over TLS with client
// certificates, backed by a CaseStore that imports every terminal's events (so the centre checks
// chains, hashes and signatures with exactly the code the terminals use). So far: POST
// /v1/events with per-event receipts. Qt HttpServer 6.4 cannot show a route the TLS peer
// certificate, so every request must also carry a valid FieldCase-Signature from an enrolled
// terminal; replays inside the time window are caught by a nonce cache.
#pragma once

#include "core/store/casestore.h"
#include "core/util/clock.h"
#include "core/util/result.h"
#include "sync/centre/tusendpoint.h"

#include <QHash>
#include <QHttpServer>
#include <QObject>
#include <QSet>

namespace fieldcase::sync {

class CentreServer : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString certFile; // the centre's TLS certificate and key (PEM)
        QString keyFile;
        QString clientCaFile; // terminals must present a certificate from this CA
        qint64 signatureWindowMs = 5 * 60 * 1000;
        int maxEventsPerBatch = 500;
        qint64 maxBodyBytes = 1 << 20;
        QString filesDirectory; // evidence uploads (tus); empty: no /v1/files
    };

    // store and clock must outlive the server.
    CentreServer(CaseStore& store, const Clock& clock, Options options, QObject* parent = nullptr);

    // Listens on 127.0.0.1 (port 0: a free one); returns the port.
    [[nodiscard]] Result<quint16> listen(quint16 port = 0);

    // The verified terminal id, or an error response (401) in *refusal. A request whose body is
    // not signed (tus PATCH: the tus checksum and the final hash check cover the bytes) passes
    // only with allowUnsignedBody.
    [[nodiscard]] std::optional<QString> authenticate(const QHttpServerRequest& request,
        QHttpServerResponse* refusal, bool allowUnsignedBody = false);

private:
    QHttpServerResponse postEvents(const QHttpServerRequest& request);

    CaseStore& m_store;
    const Clock& m_clock;
    Options m_options;
    QHttpServer m_server;
    QHash<QString, QHash<QByteArray, qint64>> m_nonces; // terminal → nonce → time seen
    std::unique_ptr<TusEndpoint> m_files;
};

} // namespace fieldcase::sync
