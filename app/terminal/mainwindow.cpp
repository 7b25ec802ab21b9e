#include "app/terminal/mainwindow.h"

#include "app/common/demoseed.h"
#include "app/terminal/devicepanel.h"
#include "app/terminal/syncindicator.h"
#include "core/store/checker.h"
#include "devices/api/deviceprofile.h"
#include "devices/gnss/gnssassessment.h"
#include "sync/client/syncworker.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace fieldcase::app {

MainWindow::MainWindow(CaseStore& store, QJsonObject demoUnit, devices::DeviceSet* devices,
    sync::BackgroundSync* sync, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_demoUnit(std::move(demoUnit))
    , m_devices(devices)
    , m_sync(sync)
{
    setObjectName(QStringLiteral("mainWindow"));
    const QJsonObject unit = m_demoUnit.value(QLatin1String("unit")).toObject();
    setWindowTitle(tr("FieldCase enforcement terminal — %1 (demo)")
                       .arg(unit.value(QLatin1String("name")).toString()));

    auto* toolbar = addToolBar(tr("Actions"));
    toolbar->setObjectName(QStringLiteral("actionsToolBar"));
    toolbar->addAction(tr("New demo case"), this, &MainWindow::newDemoCase);
    toolbar->addAction(tr("Check store"), this, &MainWindow::checkStore);
    m_syncNowAction = toolbar->addAction(tr("Sync now"), this, &MainWindow::syncNow);
    m_syncNowAction->setObjectName(QStringLiteral("syncNowAction"));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* unitLabel
        = new QLabel(tr("<b>Unit:</b> %1 &nbsp; <i>Demo data — not a real unit</i>")
                         .arg(unit.value(QLatin1String("name")).toString().toHtmlEscaped()),
            central);
    unitLabel->setObjectName(QStringLiteral("unitLabel"));
    layout->addWidget(unitLabel);

    QStringList officers;
    for (const QJsonValue& v : m_demoUnit.value(QLatin1String("officers")).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("roles")).toArray().contains(QStringLiteral("installer")))
            continue;
        officers << QStringLiteral("%1 (%2)").arg(
            o.value(QLatin1String("name")).toString(), o.value(QLatin1String("certNo")).toString());
    }
    m_officersLabel = new QLabel(
        tr("<b>Officers on duty:</b> %1").arg(officers.join(QStringLiteral("、"))), central);
    m_officersLabel->setObjectName(QStringLiteral("officersLabel"));
    layout->addWidget(m_officersLabel);

    m_casesTable = new QTableWidget(0, 5, central);
    m_casesTable->setObjectName(QStringLiteral("casesTableWidget"));
    m_casesTable->setHorizontalHeaderLabels(
        {tr("Case"), tr("Procedure"), tr("Status"), tr("Place"), tr("Events")});
    m_casesTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_casesTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_casesTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_casesTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_casesTable, 1);
    if (m_devices) {
        auto* panel = new DevicePanel(*m_devices, central);
        panel->setObjectName(QStringLiteral("devicePanel"));
        layout->addWidget(new QLabel(tr("<b>Devices</b>"), central));
        layout->addWidget(panel, 1);
        toolbar->addAction(tr("Test devices"), panel, &DevicePanel::runSelfTests);
        connect(panel, &DevicePanel::selfTestsFinished, this, [this](int passed, int failed) {
            statusBar()->showMessage(
                tr("Device self-tests: %1 passed, %2 failed").arg(passed).arg(failed), 10000);
        });
    }
    setCentralWidget(central);

    statusBar()->showMessage(
        tr("Terminal %1 · offline store %2").arg(m_store.terminalId(), m_store.databasePath()));
    m_syncIndicator = new SyncIndicator(this);
    statusBar()->addPermanentWidget(m_syncIndicator);
    if (m_sync) {
        m_syncIndicator->showState(m_sync->state());
        connect(m_sync, &sync::BackgroundSync::stateChanged, m_syncIndicator,
            &SyncIndicator::showState);
        // Cases and decisions pulled from the centre show up in the list.
        connect(m_sync, &sync::BackgroundSync::cycleFinished, this,
            [this](const sync::CycleReport& report) {
                if (report.pulled > 0)
                    refreshCases();
            });
    } else {
        m_syncIndicator->showNotEnrolled();
        m_syncNowAction->setEnabled(false);
        m_syncNowAction->setToolTip(m_syncIndicator->toolTip());
    }
    resize(1100, 640);
    refreshCases();
}

void MainWindow::refreshCases()
{
    auto stmt = m_store.database().prepare(
        "SELECT title, procedure, status, place, event_count FROM cases ORDER BY opened_at DESC");
    m_casesTable->setRowCount(0);
    if (!stmt)
        return;
    while (true) {
        auto row = stmt->step();
        if (!row || !*row)
            break;
        const int r = m_casesTable->rowCount();
        m_casesTable->insertRow(r);
        const QString procedure
            = stmt->text(1) == QLatin1String("simple") ? tr("Simple") : tr("General");
        const QString status = stmt->text(2) == QLatin1String("open") ? tr("Open")
            : stmt->text(2) == QLatin1String("closed")                ? tr("Closed")
                                                                      : tr("Transferred");
        const QStringList cells {
            stmt->text(0), procedure, status, stmt->text(3), QString::number(stmt->int64(4))};
        for (int c = 0; c < cells.size(); ++c)
            m_casesTable->setItem(r, c, new QTableWidgetItem(cells.at(c)));
    }
}

void MainWindow::newDemoCase()
{
    auto caseId = openDemoCase(m_store, m_demoUnit, currentPosition());
    if (!caseId) {
        QMessageBox::warning(this, tr("Could not open the case"), caseId.error().message);
        return;
    }
    refreshCases();
    if (m_sync)
        m_sync->outboxChanged(); // the new records go to the centre in the background
    statusBar()->showMessage(tr("Demo case opened: %1").arg(*caseId), 5000);
}

void MainWindow::syncNow()
{
    if (m_sync)
        m_sync->syncNow();
}

QJsonObject MainWindow::currentPosition() const
{
    auto* gnss
        = m_devices ? m_devices->first<devices::GnssDevice>(devices::DeviceKind::Gnss) : nullptr;
    if (!gnss || !gnss->hasFix())
        return {};
    const devices::GnssFix fix = gnss->currentFix();
    if (!devices::assess(fix, std::nullopt, m_store.clock().nowMs()).usable())
        return {};
    return devices::eventPosition(fix);
}

void MainWindow::checkStore()
{
    auto report = fieldcase::checkStore(m_store);
    if (!report) {
        QMessageBox::critical(this, tr("Store check"), report.error().toString());
        return;
    }
    if (report->ok())
        QMessageBox::information(this, tr("Store check"),
            tr("All records, signatures and evidence files are intact.\n%1")
                .arg(report->summary()));
    else
        QMessageBox::critical(this, tr("Store check"),
            tr("Problems were found. Contact county IT.\n%1").arg(report->summary()));
}

} // namespace fieldcase::app
