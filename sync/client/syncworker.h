// Background sync for the terminal. SyncWorker runs SyncClient cycles on its own thread, with its
// own connection to the store file (a CaseStore is never shared between threads), and decides
// when the next cycle goes: at start, soon after the app adds records, after a backoff with
// jitter when the link or the centre failed, at once when the network changes, and on a heartbeat
// interval otherwise. BackgroundSync owns the thread, feeds the worker the system's network state
// (QNetworkInformation) and joins the thread when the app closes.
#pragma once

#include "sync/client/enrolment.h"
#include "sync/client/syncclient.h"
#include "sync/scheduler/syncqueue.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QTimer>

#include <array>
#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace fieldcase::sync {

// What the terminal shows about background sync (status bar, sync screen).
struct SyncState
{
    enum class Phase {
        NotEnrolled, // no sync settings: nothing runs
        Unavailable, // the worker cannot open the store; lastError says why
        Starting,
        Idle, // the last cycle reached the centre; waits for new records or the heartbeat
        Syncing, // a cycle runs now
        BackingOff, // the last cycle failed on the link or the centre; waits until nextAttemptAtMs
        Offline, // the system reports no network; waits for one
        Stopped,
    };
    Phase phase = Phase::Starting;
    // Per SyncClass (index = class): queued = waiting to be sent, held = refused by the centre and
    // waiting for a person (`fieldcase-admin sync retry`).
    std::array<SyncClassStatus, 4> classes {};
    QString lastError; // the last cycle's last problem; empty after a clean cycle
    TransportFailure lastFailure = TransportFailure::None; // why the link failed, if it did
    int failedCycles = 0; // cycles in a row that failed on the link or the centre
    qint64 lastCycleAtMs = 0;
    qint64 lastCompleteAtMs = 0; // the last cycle that completed (stored by SyncClient)
    qint64 nextAttemptAtMs = 0; // the next planned cycle; 0 if none is planned
    qint64 atMs = 0; // when the worker reported this state (its clock)
    LinkState link;
    bool linkFromSystem = false; // the system reports the link; false: assumed up, cost per options

    [[nodiscard]] int queued() const;
    [[nodiscard]] int held() const;
};

class SyncWorker : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString storeDirectory; // the app's store; the worker opens its own connection to it
        const Clock* clock = nullptr; // must be safe to read from the worker thread; null: system
        SyncPolicy policy; // backoff numbers (first 2 s, doubling, cap 10 min, jitter)
        quint32 seed = 0; // jitter sequence; 0: a random one per terminal
        qint64 heartbeatIntervalMs = 5 * 60 * 1000; // after a good cycle, when nothing else asks
        qint64 outboxSettleMs = 500; // records added in a burst go in one cycle
        LinkState link {true, true}; // the link at start (BackgroundSync fills it in)
        bool linkFromSystem = false;
        TransportFactory makeTransport; // null: CurlTransport
        qint64 initialChunkSize = 0; // tus bytes per PATCH to start with; 0: SyncClient's default
        // Reference packs: the terminal's reference database (the worker opens its own
        // connection) and the app's import path (app::importReferencePack, the one `fieldcase-admin
        // reference import` takes). Either empty: packs are not synced by the worker.
        QString referenceDatabase;
        std::function<Result<rules::Pack>(rules::ReferenceStore&, const QByteArray& file)>
            importPack;
    };

    explicit SyncWorker(Options options, QObject* parent = nullptr);
    ~SyncWorker() override;

    // Thread-safe: what the app adds to the next heartbeat (devices, position).
    void setHeartbeatExtra(const QJsonObject& extra);
    // Thread-safe: the cycle in progress ends within about a second (a request in flight is
    // cancelled through CurlTransport's cancel flag) and no other starts. Nothing
    // is lost: the outbox is durable and every step of a cycle is idempotent.
    void abandon();

    // The worker thread only (BackgroundSync keeps a copy for the GUI thread).
    [[nodiscard]] const SyncState& state() const { return m_state; }

public Q_SLOTS:
    // Opens the store; if the terminal is enrolled, a first cycle goes at once.
    void start();
    // Stops planning cycles and closes the store, then emits stopped().
    void stop();
    // The app added records or evidence: a cycle goes soon, unless a backoff runs (it waits for
    // the backoff's end or a network change, so new records do not hammer a dead link).
    void outboxChanged();
    // The system's network state changed: a backoff ends and, if the link is up, a cycle goes at
    // once. Audio and video wait while the link is metered (SyncClient).
    void setLink(bool up, bool metered, bool fromSystem);
    // The network changed without a new state to report (a test, or the app knows better).
    void networkChanged();
    // A person asked: a cycle goes at once, whatever the backoff or the link says.
    void syncNow();
    // Runs the planned cycle if it is due by the clock, else re-arms the timer. The timer calls
    // it; so may a test after moving a manual clock.
    void checkSchedule();

Q_SIGNALS:
    void cycleStarted();
    void cycleFinished(const fieldcase::sync::CycleReport& report);
    void stateChanged(const fieldcase::sync::SyncState& state);
    void stopped();

private:
    void runCycle();
    void planAt(qint64 atMs);
    void arm();
    // Opens the reference database if packs are to be synced; a problem for the officer, or {}.
    QString openReference();
    void refreshCounts();
    void publish();
    [[nodiscard]] qint64 nowMs() const { return m_clock.nowMs(); }
    // The system's view of the link, except that a centre on this machine is always reachable.
    [[nodiscard]] bool linkUp() const { return m_state.link.up || m_centreLocal; }

    Options m_options;
    const Clock& m_clock;
    Backoff m_backoff;
    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<rules::ReferenceStore> m_reference; // null: packs not synced (yet)
    QTimer* m_timer = nullptr;
    SyncState m_state;
    std::optional<qint64> m_dueAtMs; // the planned cycle
    bool m_running = false;
    bool m_inCycle = false;
    bool m_centreLocal = false; // the centre is on this machine (demo): no network needed

    mutable QMutex m_extraMutex;
    QJsonObject m_heartbeatExtra; // guarded by m_extraMutex
    std::atomic<bool> m_abandon {false};
};

// Owns the worker's thread and watches the system's network state for it. Lives on the GUI
// thread; every call returns at once except stop(), which joins the thread.
class BackgroundSync : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        SyncWorker::Options worker;
        // Use QNetworkInformation when a backend loads (the default one, else any that reports
        // reachability). Without one (or when false) the link is assumed up with assumeMetered
        // as its cost, and each cycle finds out for itself.
        bool watchSystemNetwork = true;
        bool assumeMetered = true; // a 3G/4G router is the common case in a vehicle kit
    };

    explicit BackgroundSync(Options options, QObject* parent = nullptr);
    ~BackgroundSync() override; // stop()

    void start();
    // Abandons the cycle in progress (a request in flight is cancelled within about a second),
    // stops the worker and joins the thread.
    void stop();
    [[nodiscard]] bool isRunning() const;

    void outboxChanged();
    void networkChanged();
    void syncNow();
    // Kept for the worker (also one started later); it reads them at each heartbeat.
    void setHeartbeatExtra(const QJsonObject& extra);

    // The last state the worker reported.
    [[nodiscard]] const SyncState& state() const { return m_state; }
    // The QNetworkInformation backend in use; empty if none loaded.
    [[nodiscard]] QString networkBackend() const { return m_backend; }

Q_SIGNALS:
    void cycleStarted();
    void cycleFinished(const fieldcase::sync::CycleReport& report);
    void stateChanged(const fieldcase::sync::SyncState& state);

private:
    void systemNetworkChanged();
    [[nodiscard]] LinkState systemLink() const;

    Options m_options;
    QThread* m_thread = nullptr;
    SyncWorker* m_worker = nullptr;
    SyncState m_state;
    QString m_backend;
    QJsonObject m_heartbeatExtra;
};

} // namespace fieldcase::sync
