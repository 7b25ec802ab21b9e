// What the terminal adds to each sync heartbeat: the state of every device of its profile and
// the last GNSS position, so county IT sees a kit's printer in error or where it was last seen.
#pragma once

#include <QJsonObject>
#include <QObject>

class QTimer;

namespace fieldcase::devices {
class DeviceSet;
}
namespace fieldcase::sync {
class BackgroundSync;
}

namespace fieldcase::app {

// {"devices": [{slot, kind, plugin, state, error, simulated}], "position": {...}} — position
// only if the receiver ever had a fix (lat, lon, fixAt, receivedAt, valid, satellites, hdop,
// simulated).
[[nodiscard]] QJsonObject heartbeatExtras(const devices::DeviceSet& devices);

// Keeps the sync worker's heartbeat extras current from the GUI thread: at once when a device
// changes state, and every refreshMs for the position.
class HeartbeatFeed : public QObject
{
    Q_OBJECT

public:
    HeartbeatFeed(devices::DeviceSet& devices, sync::BackgroundSync& sync, int refreshMs = 30000,
        QObject* parent = nullptr);

    void update();

private:
    devices::DeviceSet& m_devices;
    sync::BackgroundSync& m_sync;
    QTimer* m_timer = nullptr;
};

} // namespace fieldcase::app
