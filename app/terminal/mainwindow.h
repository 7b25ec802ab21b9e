// The terminal's main window: the unit and officers on duty, the case list, and actions.
#pragma once

#include <QJsonObject>
#include <QMainWindow>

class QLabel;
class QTableWidget;

namespace fieldcase {
class CaseStore;
}

namespace fieldcase::app {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CaseStore& store, QJsonObject demoUnit, QWidget* parent = nullptr);

    // Re-reads the case list from the store's projections.
    void refreshCases();

private Q_SLOTS:
    void newDemoCase();
    void checkStore();

private:
    CaseStore& m_store;
    QJsonObject m_demoUnit;
    QTableWidget* m_casesTable = nullptr;
    QLabel* m_officersLabel = nullptr;
};

} // namespace fieldcase::app
