#include "app/terminal/devicepanel.h"

#include "devices/api/deviceprofile.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fieldcase::app {

namespace {

enum Column { SlotColumn, KindColumn, PluginColumn, StateColumn, TestColumn, ColumnCount };

constexpr int kSelfTestBudgetMs = 5000;

} // namespace

DevicePanel::DevicePanel(devices::DeviceSet& devices, QWidget* parent)
    : QWidget(parent)
    , m_devices(devices)
    , m_rows(devices.devices())
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("devicesTableWidget"));
    m_table->setHorizontalHeaderLabels(
        {tr("Device"), tr("Kind"), tr("Plugin"), tr("State"), tr("Self-test")});
    m_table->horizontalHeader()->setSectionResizeMode(PluginColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(TestColumn, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table);

    for (int row = 0; row < m_rows.size(); ++row) {
        devices::Device* d = m_rows.at(row);
        m_table->insertRow(row);
        m_table->setItem(row, SlotColumn, new QTableWidgetItem(d->slot()));
        m_table->setItem(
            row, KindColumn, new QTableWidgetItem(devices::deviceKindTitle(d->kind())));
        const QString title
            = d->simulated() ? tr("%1 [SIMULATED]").arg(d->info().title) : d->info().title;
        m_table->setItem(row, PluginColumn, new QTableWidgetItem(title));
        m_table->setItem(row, StateColumn, new QTableWidgetItem);
        m_table->setItem(row, TestColumn, new QTableWidgetItem);
        connect(d, &devices::Device::statusChanged, this, [this, row] { refreshRow(row); });
        connect(d, &devices::Device::selfTestFinished, this,
            [this, row](const devices::SelfTestReport& report) { showReport(row, report); });
        refreshRow(row);
    }
    // Slots whose plugin could not be loaded are shown too, so nothing fails out of sight.
    for (const devices::SlotProblem& p : m_devices.problems()) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, SlotColumn, new QTableWidgetItem(p.slot));
        m_table->setItem(
            row, StateColumn, new QTableWidgetItem(tr("Not available: %1").arg(p.message)));
        m_table->item(row, StateColumn)->setForeground(Qt::red);
    }
}

void DevicePanel::refreshRow(int row)
{
    const devices::Device* d = m_rows.at(row);
    QString text = devices::deviceStateTitle(d->state());
    if (!d->lastError().isEmpty())
        text += QStringLiteral(": ") + d->lastError();
    QTableWidgetItem* item = m_table->item(row, StateColumn);
    item->setText(text);
    const bool good
        = d->state() == devices::DeviceState::Ready || d->state() == devices::DeviceState::Busy;
    item->setForeground(good                                 ? QColor(Qt::darkGreen)
            : d->state() == devices::DeviceState::Connecting ? QColor(Qt::darkYellow)
                                                             : QColor(Qt::red));
}

void DevicePanel::runSelfTests()
{
    if (m_testing >= 0 || m_rows.isEmpty())
        return;
    m_passed = 0;
    m_failed = 0;
    m_testing = 0;
    testNext();
}

void DevicePanel::testNext()
{
    if (m_testing >= m_rows.size()) {
        m_testing = -1;
        Q_EMIT selfTestsFinished(m_passed, m_failed);
        return;
    }
    m_table->item(m_testing, TestColumn)->setText(tr("Testing…"));
    m_rows.at(m_testing)->runSelfTest(kSelfTestBudgetMs);
}

void DevicePanel::showReport(int row, const devices::SelfTestReport& report)
{
    QStringList failed;
    for (const devices::SelfTestCheck& c : report.checks) {
        if (!c.passed)
            failed.append(
                c.detail.isEmpty() ? c.name : QStringLiteral("%1 (%2)").arg(c.name, c.detail));
    }
    QTableWidgetItem* item = m_table->item(row, TestColumn);
    item->setText(
        report.passed() ? tr("Passed") : tr("Failed: %1").arg(failed.join(QStringLiteral("; "))));
    item->setForeground(report.passed() ? QColor(Qt::darkGreen) : QColor(Qt::red));
    if (row != m_testing)
        return; // a test started elsewhere (e.g. by a plugin's own recovery)
    report.passed() ? ++m_passed : ++m_failed;
    ++m_testing;
    testNext();
}

} // namespace fieldcase::app
