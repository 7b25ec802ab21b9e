// The terminal's device panel: every device of the profile with its state, last error and the
// result of its last self-test; simulated devices are marked in every row.
#pragma once

#include <QWidget>

class QTableWidget;

namespace fieldcase::devices {
class Device;
class DeviceSet;
struct SelfTestReport;
} // namespace fieldcase::devices

namespace fieldcase::app {

class DevicePanel : public QWidget
{
    Q_OBJECT

public:
    explicit DevicePanel(devices::DeviceSet& devices, QWidget* parent = nullptr);

    // Runs every device's self-test, one after another; each row shows its result when done.
    void runSelfTests();

Q_SIGNALS:
    void selfTestsFinished(int passed, int failed);

private:
    void refreshRow(int row);
    void showReport(int row, const devices::SelfTestReport& report);
    void testNext();

    devices::DeviceSet& m_devices;
    QList<devices::Device*> m_rows;
    QTableWidget* m_table = nullptr;
    int m_testing = -1; // row whose self-test runs, -1 when none
    int m_passed = 0;
    int m_failed = 0;
};

} // namespace fieldcase::app
