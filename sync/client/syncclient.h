// One sync cycle against the centre, in priority order: push the outbox's events (each leaves
// the outbox only on the centre's receipt), pull what the centre routes to this terminal
// (review decisions, other terminals' events of followed cases) after the stored cursor, send a
// heartbeat and carry out the commands it returns, refill document-number blocks that run low,
// upload evidence blobs (tus, resumable) — photos before audio/video, which wait for an unmetered
// link unless the policy allows them — and last install newer reference packs. Every failure is
// recorded on the outbox entry and in the cycle report for the officer's sync screen. A broken
// link or a centre answering 5xx ends the cycle (nothing is lost, the next cycle goes on); a
// Retry-After it sends is kept, and no cycle contacts it before then; another failure of one
// step (a malformed answer) is reported and the next step runs. Blocking: run on a worker
// thread.
#pragma once

#include "core/rules/packs.h"
#include "core/store/casestore.h"
#include "core/store/outbox.h"
#include "sync/client/packupdates.h"
#include "sync/client/signingtransport.h"
#include "sync/client/syncsettings.h"
#include "sync/scheduler/syncqueue.h"
#include "sync/transport/httptransport.h"
#include "sync/tus/chunksizer.h"

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
    int packsInstalled = 0; // reference pack versions imported
    int packsUnchanged = 0; // packs the terminal already had in their newest version
    int packsRefused = 0; // refused now (held, with the reason, until a newer version)
    qint64 retryAfterUntil = 0; // the centre asked not to be contacted before (ms); 0: no
    QStringList commands; // kinds carried out
    QStringList errors; // for the officer, in order
    bool complete = false; // nothing left that could go on this link

    [[nodiscard]] QJsonObject toJson() const;
};

// The tus Upload-Metadata of a stored blob (docs/protocol.md): what the centre needs to open
// and check it.
[[nodiscard]] QList<QPair<QString, QByteArray>> evidenceUploadMetadata(const BlobInfo& info);

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
    // Lists the centre's packs newer than the installed ones, downloads each and imports it with
    // the reference import path; a refused version is held (packupdates.h). Nothing without
    // setReferencePacks.
    [[nodiscard]] Status updatePacks(CycleReport& report);
    [[nodiscard]] Status refillNumbers(CycleReport& report);
    [[nodiscard]] Status uploadBlobs(CycleReport& report, const LinkState& link);

    // Extra heartbeat content from the app (devices, position, storage).
    void setHeartbeatExtra(QJsonObject extra) { m_heartbeatExtra = std::move(extra); }
    // Bytes per tus PATCH to start with; then adapted to the measured throughput.
    void setInitialChunkSize(qint64 bytes) { m_chunks.setFirstBytes(bytes); }
    // The terminal's reference data (read for the installed versions) and its import path; both
    // must outlive the client. Without them packs are not synced and a pack-update command is
    // only recorded for the app (state packUpdateDue).
    void setReferencePacks(rules::ReferenceStore& store, PackImport import)
    {
        m_reference = &store;
        m_packImport = std::move(import);
    }
    // Limit for each whole exchange with the centre (tus chunks included); 0: the transport's.
    void setRequestTimeoutMs(int ms) { m_link.timeoutMs = ms; }

private:
    // Between the client and the signing transport: applies the request timeout and notes when
    // the centre asks to be left alone (Retry-After on a 503 or 429), on every route.
    class CentreLink : public HttpTransport
    {
    public:
        CentreLink(HttpTransport& next, const Clock& clock)
            : m_next(next)
            , m_clock(clock)
        { }
        [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override;

        int timeoutMs = 0;
        qint64 retryAfterUntil = 0; // the latest time the centre named in this client's life

    private:
        HttpTransport& m_next;
        const Clock& m_clock;
    };

    [[nodiscard]] Result<HttpResponse> call(const QByteArray& method, const QString& pathAndQuery,
        const QByteArray& body = {}, qint64 maxResponseBytes = 0);
    [[nodiscard]] Status uploadBlob(const OutboxEntry& entry, CycleReport& report);
    // What became of one listed pack version.
    struct PackStep
    {
        enum class Kind { Installed, Refused, Skipped };
        Kind kind = Kind::Installed;
        QString reason; // Refused: why (held); Skipped: why (reported, tried again next cycle)
    };
    // One listed pack version: downloaded, checked against the listing, imported. An error
    // means the link or the centre failed (the cycle stops).
    [[nodiscard]] Result<PackStep> installPack(const QJsonObject& listed);

    CaseStore& m_store;
    SigningTransport m_transport;
    CentreLink m_link;
    SyncSettings m_settings;
    Outbox m_outbox;
    QJsonObject m_heartbeatExtra;
    ChunkSizer m_chunks; // what the uploads learned of the link; kept in the store's sync state
    QString m_chunksKey; // its state key: one per kind of link (metered, unmetered)
    rules::ReferenceStore* m_reference = nullptr;
    PackImport m_packImport;
};

} // namespace fieldcase::sync
