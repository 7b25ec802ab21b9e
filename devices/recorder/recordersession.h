// The recorder as the app drives it: scan mount roots and import, off the GUI thread, with state
// and results reported by signal.
#pragma once

#include "devices/recorder/recorder.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

namespace fieldcase::devices {

// Scans for recorders and imports their recordings on a worker thread (QtConcurrent). One
// operation at a time; a call while busy is refused with lastError() set.
class RecorderSession : public QObject
{
    Q_OBJECT
public:
    // What the session is doing.
    enum class State {
        Idle, // nothing scanned yet
        Scanning,
        Ready, // listings() holds the last scan (possibly empty: no recorder)
        Importing,
        Error, // the last operation failed as a whole; see lastError()
    };
    Q_ENUM(State)

    // One import result for a recording of listings().
    struct ItemResult
    {
        int listing = -1;
        int recording = -1;
        std::optional<ImportedEvidence> imported; // empty on error
        QString error;
    };

    explicit RecorderSession(QObject* parent = nullptr);
    ~RecorderSession() override;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    // One listing per recorder found by the last scan.
    [[nodiscard]] const QList<RecorderListing>& listings() const { return m_listings; }
    // Results of the last import, in request order.
    [[nodiscard]] const QList<ItemResult>& importResults() const { return m_results; }

    // Looks for recorders under roots (defaultMountRoots() if empty) and lists them.
    bool scan(const QStringList& roots = {}, const ListOptions& options = {});
    // Imports recordings (pairs of listing and recording index) into caseId. The store is used
    // from the worker thread until importFinished: the caller must not touch it meanwhile.
    bool importRecordings(CaseStore& store, const Actor& actor, const QString& caseId,
        const QList<std::pair<int, int>>& items, const QJsonObject& position = {});

    // Hot-plug: re-reads the mount table (removableMountPoints()) every intervalMs and emits
    // mountsChanged when the set of removable mounts differs; 0 stops. Polled because inotify
    // does not report changes to /proc files. mountInfoPath is for tests.
    void watchMounts(int intervalMs = 2000,
        const QString& mountInfoPath = QStringLiteral("/proc/self/mountinfo"));
    // The removable mount points seen by the last poll.
    [[nodiscard]] QStringList mountPoints() const { return m_mounts; }

Q_SIGNALS:
    void stateChanged(fieldcase::devices::RecorderSession::State state);
    // A scan ended (listings() is up to date).
    void scanFinished();
    // An import ended; importResults() holds one entry per requested item.
    void importFinished(int imported, int alreadyImported, int failed);
    // A removable volume was mounted or unmounted (see watchMounts).
    void mountsChanged(const QStringList& mountPoints);

private:
    void setState(State state);
    bool refuseIfBusy();
    void pollMounts();

    State m_state = State::Idle;
    QString m_lastError;
    QList<RecorderListing> m_listings;
    QList<ItemResult> m_results;
    QFutureWatcher<QList<RecorderListing>> m_scanWatcher;
    QFutureWatcher<QList<ItemResult>> m_importWatcher;
    QTimer m_mountTimer;
    QString m_mountInfoPath;
    QStringList m_mounts;
};

} // namespace fieldcase::devices
