// One sync cycle against the centre, in priority order: push the outbox's events (each leaves
// the outbox only on the centre's receipt), pull what the centre routes to this terminal
// (review decisions, other terminals' events of followed cases) after the stored cursor, send a
// heartbeat and carry out the commands it returns, refill document-number blocks that run low,
// then upload evidence blobs (tus, resumable) — photos before audio/video, which wait for an
// unmetered link unless the policy allows them. Every failure is recorded on the outbox entry and
// in the cycle report for the officer's sync screen. Blocking: run on a worker thread.
#pragma once

#include "core/store/casestore.h"
#include "core/store/outbox.h"
#include "sync/client/signingtransport.h"
#include "sync/client/syncsettings.h"
#include "sync/scheduler/syncqueue.h"
#include "sync/transport/httptransport.h"

#include <QJsonObject>
#include <QStringList>

namespace fieldcase::sync {

struct CycleReport
{
    int eventsAccepted = 0;
    int eventsDuplicate = 0;
    int eventsRejected = 0;
    int pulled = 0; // events imported from the centre
    int pulledRejected = 0;
    int blobsUploaded = 0;
    qint64 blobBytesSent = 0;
    int blocksReceived = 0;
    QStringList commands; // kinds carried out
    QStringList errors; // for the officer, in order
    bool complete = false; // nothing left that could go on this link

    [[nodiscard]] QJsonObject toJson() const;
};

class SyncClient
{
public:
    // store and transport must outlive the client; every request is signed with the store's key.
    SyncClient(CaseStore& store, HttpTransport& transport, SyncSettings settings);

    [[nodiscard]] CycleReport runCycle(const LinkState& link);

    // The steps, for tests and `sync now --only`.
    [[nodiscard]] Status pushEvents(CycleReport& report);
    [[nodiscard]] Status pull(CycleReport& report);
    [[nodiscard]] Status heartbeat(CycleReport& report, const QJsonObject& extra = {});
    [[nodiscard]] Status refillNumbers(CycleReport& report);
    [[nodiscard]] Status uploadBlobs(CycleReport& report, const LinkState& link);

    // Extra heartbeat content from the app (devices, position, storage).
    void setHeartbeatExtra(QJsonObject extra) { m_heartbeatExtra = std::move(extra); }
    // Bytes per tus PATCH to start with; then adapted to the measured throughput.
    void setInitialChunkSize(qint64 bytes) { m_chunkSize = bytes; }

private:
    [[nodiscard]] Result<HttpResponse> call(
        const QByteArray& method, const QString& pathAndQuery, const QByteArray& body = {});
    [[nodiscard]] Status uploadBlob(const OutboxEntry& entry, CycleReport& report);

    CaseStore& m_store;
    SigningTransport m_transport;
    SyncSettings m_settings;
    Outbox m_outbox;
    QJsonObject m_heartbeatExtra;
    qint64 m_chunkSize = 256 * 1024;
};

} // namespace fieldcase::sync
