#include "sync/client/syncworker.h"

#include "core/store/outbox.h"
#include "sync/transport/curltransport.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QMutexLocker>
#include <QNetworkInformation>
#include <QRandomGenerator>
#include <QThread>
#include <QUrl>

namespace fieldcase::sync {

namespace {

class SyncText
{
    Q_DECLARE_TR_FUNCTIONS(Sync)
};

// The timer never sleeps longer than this before looking at the clock again: a suspended laptop
// or a clock set by GNSS time would otherwise leave a planned cycle waiting on a stale timer.
constexpr qint64 kMaxTimerMs = 60 * 1000;

// The worker's view of the link during one cycle: refuses every request once the app is closing
// (the cycle then ends at once, losing nothing), and notes whether the link or the centre failed
// (a transport failure, or an answer saying the centre cannot serve now) as opposed to the centre
// answering and refusing an item, which another try soon would not change.
class CycleTransport final : public HttpTransport
{
public:
    CycleTransport(HttpTransport& inner, const std::atomic<bool>& abandon)
        : m_inner(inner)
        , m_abandon(abandon)
    { }

    Result<HttpResponse> send(const HttpRequest& request) override
    {
        if (m_abandon.load()) {
            m_abandoned = true;
            return fail(ErrorCode::Io,
                SyncText::tr("Sync was stopped because the terminal is closing; it goes on at "
                             "the next start"),
                QStringLiteral("failure=%1")
                    .arg(QLatin1String(transportFailureName(TransportFailure::Cancelled))));
        }
        auto answer = m_inner.send(request);
        if (!answer) {
            if (m_failure == TransportFailure::None) {
                m_failure = transportFailureOf(answer.error());
                if (m_failure == TransportFailure::None)
                    m_failure = TransportFailure::Interrupted; // unclassified: assume the link
            }
        } else if (answer->status >= 500 || answer->status == 429 || answer->status == 408) {
            m_centreUnavailable = true; // overloaded, restarting or out of disk: try later
        }
        return answer;
    }

    [[nodiscard]] TransportFailure failure() const { return m_failure; }
    [[nodiscard]] bool linkTrouble() const
    {
        return m_failure != TransportFailure::None || m_centreUnavailable;
    }
    [[nodiscard]] bool abandoned() const { return m_abandoned; }

private:
    HttpTransport& m_inner;
    const std::atomic<bool>& m_abandon;
    TransportFailure m_failure = TransportFailure::None;
    bool m_centreUnavailable = false;
    bool m_abandoned = false;
};

// A centre on this machine (the demo's local centre) is reachable whatever the network says.
bool isLocalCentre(const QString& centreUrl)
{
    const QString host = QUrl(centreUrl).host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

quint32 seedFor(quint32 seed)
{
    return seed != 0 ? seed : QRandomGenerator::system()->generate();
}

bool transient(TransportFailure failure)
{
    return failure == TransportFailure::None || failure == TransportFailure::Unreachable
        || failure == TransportFailure::Interrupted || failure == TransportFailure::Cancelled;
}

} // namespace

int SyncState::queued() const
{
    int n = 0;
    for (const SyncClassStatus& c : classes)
        n += c.queued;
    return n;
}

int SyncState::held() const
{
    int n = 0;
    for (const SyncClassStatus& c : classes)
        n += c.held;
    return n;
}

SyncWorker::SyncWorker(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? *m_options.clock : Clock::system())
    , m_backoff(m_options.policy, seedFor(m_options.seed))
{
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SyncWorker::checkSchedule);
    m_state.link = m_options.link;
    m_state.linkFromSystem = m_options.linkFromSystem;
}

SyncWorker::~SyncWorker() = default;

void SyncWorker::setHeartbeatExtra(const QJsonObject& extra)
{
    const QMutexLocker lock(&m_extraMutex);
    m_heartbeatExtra = extra;
}

void SyncWorker::abandon()
{
    m_abandon.store(true);
}

void SyncWorker::start()
{
    // Already told to stop (the app closed before this thread got going): stays stopped.
    if (m_running || m_abandon.load())
        return;
    auto settings = SyncSettings::load(m_options.storeDirectory);
    if (!settings) {
        m_state.phase = SyncState::Phase::NotEnrolled;
        m_state.lastError = settings.error().message;
        publish();
        return;
    }
    m_centreLocal = isLocalCentre(settings->centreUrl);
    StoreOptions storeOptions;
    storeOptions.directory = m_options.storeDirectory;
    // The app checked the file when it opened it a moment ago; a second quick_check on a large
    // store would only delay the first cycle.
    storeOptions.quickCheck = false;
    auto store = CaseStore::open(storeOptions, m_clock);
    if (!store) {
        m_state.phase = SyncState::Phase::Unavailable;
        m_state.lastError = store.error().message;
        publish();
        return;
    }
    m_store = std::move(*store);
    m_running = true;
    refreshCounts();
    // A first cycle at once: whatever was recorded while the terminal was off goes now. If the
    // system says there is no network, the cycle waits for one (or probes at the heartbeat).
    if (linkUp()) {
        m_state.phase = SyncState::Phase::Idle;
        planAt(nowMs());
    } else {
        m_state.phase = SyncState::Phase::Offline;
        planAt(nowMs() + m_options.heartbeatIntervalMs);
    }
}

void SyncWorker::stop()
{
    m_timer->stop();
    m_running = false;
    m_dueAtMs.reset();
    m_reference.reset();
    m_store.reset(); // closed on the thread that used it
    m_state.phase = SyncState::Phase::Stopped;
    m_state.nextAttemptAtMs = 0;
    publish();
    Q_EMIT stopped();
}

void SyncWorker::outboxChanged()
{
    if (!m_running)
        return;
    refreshCounts();
    const bool backingOff = m_state.phase == SyncState::Phase::BackingOff;
    const bool offline = m_state.phase == SyncState::Phase::Offline;
    if (!backingOff && !offline) {
        const qint64 at = nowMs() + m_options.outboxSettleMs;
        planAt(m_dueAtMs ? std::min(*m_dueAtMs, at) : at);
    } else {
        publish();
    }
}

void SyncWorker::setLink(bool up, bool metered, bool fromSystem)
{
    m_state.link = {up, metered};
    m_state.linkFromSystem = fromSystem;
    networkChanged();
}

void SyncWorker::networkChanged()
{
    if (!m_running)
        return;
    if (linkUp()) {
        // A new link ends the backoff: records go at once.
        m_state.phase = SyncState::Phase::Idle;
        planAt(nowMs());
    } else {
        // Waits for a link; the heartbeat still probes now and then, in case the system is wrong.
        m_state.phase = SyncState::Phase::Offline;
        planAt(nowMs() + m_options.heartbeatIntervalMs);
    }
}

void SyncWorker::syncNow()
{
    if (!m_running)
        return;
    planAt(nowMs());
}

void SyncWorker::checkSchedule()
{
    if (!m_running || m_inCycle || m_abandon.load())
        return;
    if (m_dueAtMs && *m_dueAtMs <= nowMs())
        runCycle();
    else
        arm();
}

void SyncWorker::planAt(qint64 atMs)
{
    m_dueAtMs = atMs;
    m_state.nextAttemptAtMs = atMs;
    publish();
    arm();
}

void SyncWorker::arm()
{
    if (!m_running || !m_dueAtMs) {
        m_timer->stop();
        return;
    }
    const qint64 waitMs = std::clamp(*m_dueAtMs - nowMs(), qint64(0), kMaxTimerMs);
    m_timer->start(int(waitMs));
}

void SyncWorker::runCycle()
{
    auto settings = SyncSettings::load(m_options.storeDirectory);
    if (!settings) { // the sync settings were removed while the terminal ran
        m_state.phase = SyncState::Phase::NotEnrolled;
        m_state.lastError = settings.error().message;
        m_dueAtMs.reset();
        m_state.nextAttemptAtMs = 0;
        publish();
        return;
    }
    m_centreLocal = isLocalCentre(settings->centreUrl);
    m_inCycle = true;
    m_dueAtMs.reset();
    m_state.phase = SyncState::Phase::Syncing;
    m_state.nextAttemptAtMs = 0;
    m_state.lastCycleAtMs = nowMs();
    publish();
    Q_EMIT cycleStarted();

    std::unique_ptr<HttpTransport> link;
    if (m_options.makeTransport) {
        link = m_options.makeTransport(settings->tls);
    } else {
        // Closing the app stops a request in flight too (a long tus chunk on 3G), not only the
        // next one.
        auto curl = std::make_unique<CurlTransport>(settings->tls);
        curl->setCancelFlag(&m_abandon);
        link = std::move(curl);
    }
    CycleTransport transport(*link, m_abandon);
    CycleReport report;
    {
        SyncClient client(*m_store, transport, *settings);
        if (m_options.initialChunkSize > 0)
            client.setInitialChunkSize(m_options.initialChunkSize);
        QJsonObject extra;
        {
            const QMutexLocker lock(&m_extraMutex);
            extra = m_heartbeatExtra;
        }
        client.setHeartbeatExtra(extra);
        // A reference database that cannot be opened leaves packs out (the records still go),
        // and says so in every cycle until it opens.
        const QString referenceProblem = openReference();
        if (m_reference)
            client.setReferencePacks(*m_reference, [this](const QByteArray& file) {
                return m_options.importPack(*m_reference, file);
            });
        report = client.runCycle(m_state.link);
        if (!referenceProblem.isEmpty()) {
            report.errors.append(referenceProblem);
            report.complete = false;
        }
    }
    m_inCycle = false;

    m_state.lastError = report.errors.isEmpty() ? QString() : report.errors.last();
    m_state.lastFailure = transport.failure();
    const qint64 now = nowMs();
    if (transport.abandoned() || !m_running) {
        m_state.phase = SyncState::Phase::Stopped;
    } else if (report.retryAfterUntil > now) {
        // The centre named a time: the next cycle goes then (plus a little jitter, so terminals
        // told the same time do not all come back at once), not at the heartbeat, and the
        // failures in a row are kept for the backoff after it.
        m_state.phase = SyncState::Phase::BackingOff;
        m_dueAtMs = std::max(report.retryAfterUntil + m_backoff.delayMs(1) / 4,
            now + m_backoff.delayMs(std::max(1, m_state.failedCycles)));
    } else if (!report.complete && transport.linkTrouble()) {
        // The link or the centre failed: back off with jitter. A failure another try cannot fix
        // (certificate refused, centre not trusted) waits the longest; a network change or a
        // person ends the wait.
        ++m_state.failedCycles;
        const qint64 delay = transient(transport.failure())
            ? m_backoff.delayMs(m_state.failedCycles)
            : m_backoff.maxDelayMs();
        m_state.phase = SyncState::Phase::BackingOff;
        m_dueAtMs = now + delay;
    } else {
        // The centre answered everything: wait for new records or the heartbeat. Items it
        // refused are held in the outbox with the reason (SyncClient) and shown.
        m_state.failedCycles = 0;
        m_state.phase = linkUp() ? SyncState::Phase::Idle : SyncState::Phase::Offline;
        m_dueAtMs = now + m_options.heartbeatIntervalMs;
    }
    m_state.nextAttemptAtMs = m_dueAtMs.value_or(0);
    refreshCounts();
    publish();
    Q_EMIT cycleFinished(report);
    arm();
}

QString SyncWorker::openReference()
{
    if (m_reference || m_options.referenceDatabase.isEmpty() || !m_options.importPack)
        return {};
    auto reference = rules::ReferenceStore::open(m_options.referenceDatabase, m_clock);
    if (!reference)
        return SyncText::tr("Reference packs are not synced: the reference data cannot be opened "
                            "(%1)")
            .arg(reference.error().message);
    m_reference = std::move(*reference);
    return {};
}

void SyncWorker::refreshCounts()
{
    if (!m_store)
        return;
    Outbox outbox(m_store->database(), m_clock);
    if (auto summary = outbox.summary()) {
        m_state.classes = {};
        for (const OutboxClassSummary& c : *summary) {
            const int index = std::clamp(c.priority, 0, int(m_state.classes.size()) - 1);
            SyncClassStatus& s = m_state.classes[size_t(index)];
            s.queued += c.pending;
            s.held += c.rejected;
            s.bytes += c.pendingBytes;
            if (c.oldestPendingAt > 0
                && (s.oldestEnqueuedAtMs == 0 || c.oldestPendingAt < s.oldestEnqueuedAtMs))
                s.oldestEnqueuedAtMs = c.oldestPendingAt;
        }
    }
    m_state.lastCompleteAtMs
        = outbox.state(QStringLiteral("lastCompleteAt")).value_or(QString()).toLongLong();
}

void SyncWorker::publish()
{
    m_state.atMs = nowMs();
    Q_EMIT stateChanged(m_state);
}

BackgroundSync::BackgroundSync(Options options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    qRegisterMetaType<fieldcase::sync::CycleReport>();
    qRegisterMetaType<fieldcase::sync::SyncState>();
}

BackgroundSync::~BackgroundSync()
{
    stop();
}

bool BackgroundSync::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void BackgroundSync::start()
{
    if (m_thread)
        return;
    SyncWorker::Options workerOptions = m_options.worker;
    workerOptions.link = {true, m_options.assumeMetered};
    workerOptions.linkFromSystem = false;
    // QNetworkInformation lives on this (the GUI) thread; its changes go to the worker queued.
    // No backend (a container, a minimal image): the link is assumed up and cycles probe it.
    // Qt 6.4's default on Linux is NetworkManager only; without it (systemd-networkd, connman, a
    // container) the glib backend still reports reachability from the kernel's routes.
    if (m_options.watchSystemNetwork
        && (QNetworkInformation::loadDefaultBackend()
            || QNetworkInformation::loadBackendByFeatures(
                QNetworkInformation::Feature::Reachability))) {
        QNetworkInformation* info = QNetworkInformation::instance();
        m_backend = info->backendName();
        workerOptions.link = systemLink();
        workerOptions.linkFromSystem = true;
        connect(info, &QNetworkInformation::reachabilityChanged, this,
            &BackgroundSync::systemNetworkChanged);
        connect(info, &QNetworkInformation::transportMediumChanged, this,
            &BackgroundSync::systemNetworkChanged);
        connect(info, &QNetworkInformation::isMeteredChanged, this,
            &BackgroundSync::systemNetworkChanged);
    }
    m_state.link = workerOptions.link;
    m_state.linkFromSystem = workerOptions.linkFromSystem;

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("fieldcase-sync"));
    m_worker = new SyncWorker(std::move(workerOptions));
    m_worker->setHeartbeatExtra(m_heartbeatExtra);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, &SyncWorker::start);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    // Direct: QThread::quit is thread-safe, and the worker's event loop should end right after.
    connect(m_worker, &SyncWorker::stopped, m_thread, &QThread::quit, Qt::DirectConnection);
    connect(m_worker, &SyncWorker::cycleStarted, this, &BackgroundSync::cycleStarted);
    connect(m_worker, &SyncWorker::cycleFinished, this, &BackgroundSync::cycleFinished);
    connect(m_worker, &SyncWorker::stateChanged, this, [this](const SyncState& state) {
        if (!m_thread)
            return; // delivered after stop(): stale
        m_state = state;
        Q_EMIT stateChanged(m_state);
    });
    m_thread->start();
}

void BackgroundSync::stop()
{
    if (!m_thread)
        return;
    if (QNetworkInformation* info = QNetworkInformation::instance())
        disconnect(info, nullptr, this, nullptr);
    if (m_thread->isRunning()) {
        m_worker->abandon();
        QMetaObject::invokeMethod(m_worker, &SyncWorker::stop, Qt::QueuedConnection);
        m_thread->wait();
    }
    // The worker was deleted on its thread as the thread finished (deleteLater on finished).
    m_worker = nullptr;
    delete m_thread;
    m_thread = nullptr;
    m_state.phase = SyncState::Phase::Stopped;
    m_state.nextAttemptAtMs = 0;
}

void BackgroundSync::outboxChanged()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::outboxChanged, Qt::QueuedConnection);
}

void BackgroundSync::networkChanged()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::networkChanged, Qt::QueuedConnection);
}

void BackgroundSync::syncNow()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &SyncWorker::syncNow, Qt::QueuedConnection);
}

void BackgroundSync::setHeartbeatExtra(const QJsonObject& extra)
{
    m_heartbeatExtra = extra; // for a worker started later
    if (m_worker)
        m_worker->setHeartbeatExtra(extra);
}

void BackgroundSync::systemNetworkChanged()
{
    if (!m_worker)
        return;
    const LinkState link = systemLink();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, link] { worker->setLink(link.up, link.metered, true); },
        Qt::QueuedConnection);
}

LinkState BackgroundSync::systemLink() const
{
    LinkState link {true, m_options.assumeMetered};
    const QNetworkInformation* info = QNetworkInformation::instance();
    if (!info)
        return link;
    using Feature = QNetworkInformation::Feature;
    // Only "disconnected" stops cycles: "local" or "site" may still reach a centre on the LAN,
    // and "unknown" is left for the cycle to find out.
    if (info->supports(Feature::Reachability))
        link.up = info->reachability() != QNetworkInformation::Reachability::Disconnected;
    // The cost: only a backend that reports it knows (NetworkManager marks a connection metered).
    // Wi-Fi or Ethernet says nothing: a vehicle kit's router reaches the centre over 4G, so the
    // installer's setting stands; a cellular modem is metered.
    if (info->supports(Feature::Metered))
        link.metered = info->isMetered();
    else if (info->supports(Feature::TransportMedium)
        && info->transportMedium() == QNetworkInformation::TransportMedium::Cellular)
        link.metered = true;
    return link;
}

} // namespace fieldcase::sync
