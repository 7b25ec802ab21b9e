// The terminal's main window: the unit and officers on duty, the case list, and actions.
#pragma once

#include <QJsonObject>
#include <QMainWindow>

class QAction;
class QLabel;
class QTableWidget;

namespace fieldcase {
class CaseStore;
}
namespace fieldcase::devices {
class DeviceSet;
}
namespace fieldcase::sync {
class BackgroundSync;
}

namespace fieldcase::app {

class SyncIndicator;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // devices may be null (no device panel, cases open without a position); sync is null when
    // the terminal is not enrolled (the status bar says so and "Sync now" is off).
    MainWindow(CaseStore& store, QJsonObject demoUnit, devices::DeviceSet* devices = nullptr,
        sync::BackgroundSync* sync = nullptr, QWidget* parent = nullptr);

    // Re-reads the case list from the store's projections.
    void refreshCases();

private Q_SLOTS:
    void newDemoCase();
    void checkStore();
    void syncNow();

private:
    // The GNSS position to stamp on a new case: the current fix if it passes the gate, else {}.
    QJsonObject currentPosition() const;

    CaseStore& m_store;
    QJsonObject m_demoUnit;
    devices::DeviceSet* m_devices = nullptr;
    sync::BackgroundSync* m_sync = nullptr;
    QTableWidget* m_casesTable = nullptr;
    QLabel* m_officersLabel = nullptr;
    SyncIndicator* m_syncIndicator = nullptr;
    QAction* m_syncNowAction = nullptr;
};

} // namespace fieldcase::app
