#include "devices/recorder/recordersession.h"

#include <QCoreApplication>
#include <QFile>
#include <QtConcurrent>

namespace fieldcase::devices {

RecorderSession::RecorderSession(QObject* parent)
    : QObject(parent)
{
    connect(&m_mountTimer, &QTimer::timeout, this, &RecorderSession::pollMounts);
    connect(&m_scanWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_listings = m_scanWatcher.result();
        setState(State::Ready);
        Q_EMIT scanFinished();
    });
    connect(&m_importWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_results = m_importWatcher.result();
        int imported = 0;
        int already = 0;
        int failed = 0;
        for (const ItemResult& r : std::as_const(m_results)) {
            if (!r.imported)
                ++failed;
            else if (r.imported->outcome == ImportedEvidence::Outcome::AlreadyImported)
                ++already;
            else
                ++imported;
        }
        setState(State::Ready);
        Q_EMIT importFinished(imported, already, failed);
    });
}

RecorderSession::~RecorderSession()
{
    // The workers reference the store and options: never leave them running past us.
    m_scanWatcher.waitForFinished();
    m_importWatcher.waitForFinished();
}

bool RecorderSession::refuseIfBusy()
{
    if (m_state != State::Scanning && m_state != State::Importing)
        return false;
    m_lastError = QCoreApplication::translate("Devices", "The recorder is busy; wait for it.");
    return true;
}

bool RecorderSession::scan(const QStringList& roots, const ListOptions& options)
{
    if (refuseIfBusy())
        return false;
    m_lastError.clear();
    setState(State::Scanning);
    m_scanWatcher.setFuture(QtConcurrent::run([roots, options] {
        QList<RecorderListing> out;
        for (const RecorderInfo& device :
            findRecorders(roots.isEmpty() ? defaultMountRoots() : roots)) {
            auto listing = listRecordings(device, options);
            if (listing)
                out.append(std::move(*listing));
        }
        return out;
    }));
    return true;
}

bool RecorderSession::importRecordings(CaseStore& store, const Actor& actor, const QString& caseId,
    const QList<std::pair<int, int>>& items, const QJsonObject& position)
{
    if (refuseIfBusy())
        return false;
    m_lastError.clear();
    setState(State::Importing);
    m_importWatcher.setFuture(
        QtConcurrent::run([&store, actor, caseId, items, position, listings = m_listings] {
            QList<ItemResult> out;
            for (const auto& [l, r] : items) {
                ItemResult item {l, r, std::nullopt, {}};
                if (l < 0 || l >= listings.size() || r < 0 || r >= listings[l].recordings.size()) {
                    item.error = QCoreApplication::translate("Devices", "No such recording.");
                } else {
                    auto done = importRecording(store, actor, caseId, listings[l].device,
                        listings[l].recordings[r], position);
                    if (done)
                        item.imported = *done;
                    else
                        item.error = done.error().message;
                }
                out.append(std::move(item));
            }
            return out;
        }));
    return true;
}

void RecorderSession::watchMounts(int intervalMs, const QString& mountInfoPath)
{
    m_mountTimer.stop();
    m_mountInfoPath = mountInfoPath;
    if (intervalMs <= 0)
        return;
    pollMounts(); // the baseline: what is mounted now is not a change
    m_mountTimer.start(intervalMs);
}

void RecorderSession::pollMounts()
{
    // A few kilobytes from the kernel's memory: cheap enough for the GUI thread.
    QFile f(m_mountInfoPath);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const QStringList now = removableMountPoints(f.readAll());
    if (now == m_mounts)
        return;
    const bool first = !m_mountTimer.isActive();
    m_mounts = now;
    if (!first)
        Q_EMIT mountsChanged(now);
}

void RecorderSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace fieldcase::devices
