#include "app/terminal/heartbeatextras.h"

#include "devices/api/deviceprofile.h"
#include "sync/client/syncworker.h"

#include <QJsonArray>
#include <QTimer>

namespace fieldcase::app {

QJsonObject heartbeatExtras(const devices::DeviceSet& set)
{
    QJsonArray list;
    for (const devices::Device* d : set.devices())
        list.append(QJsonObject {{QStringLiteral("slot"), d->slot()},
            {QStringLiteral("kind"), devices::deviceKindName(d->kind())},
            {QStringLiteral("plugin"), d->info().pluginId},
            {QStringLiteral("state"), devices::deviceStateName(d->state())},
            {QStringLiteral("error"), d->lastError()},
            {QStringLiteral("simulated"), d->simulated()}});
    for (const devices::SlotProblem& p : set.problems())
        list.append(QJsonObject {{QStringLiteral("slot"), p.slot},
            {QStringLiteral("state"), QStringLiteral("unavailable")},
            {QStringLiteral("error"), p.message}});
    QJsonObject extras {{QStringLiteral("devices"), list}};

    // The last position the receiver gave, valid or not (a stale one says where the kit was last
    // seen); this is for the centre's map, never evidence, so no gate is applied.
    const auto* gnss = set.first<devices::GnssDevice>(devices::DeviceKind::Gnss);
    if (gnss && gnss->hasFix()) {
        const devices::GnssFix fix = gnss->currentFix();
        if (fix.valid || fix.ageMs >= 0) {
            QJsonObject position {{QStringLiteral("lat"), fix.latitude},
                {QStringLiteral("lon"), fix.longitude}, {QStringLiteral("valid"), fix.valid},
                {QStringLiteral("receivedAt"), fix.receivedAtMs},
                {QStringLiteral("satellites"), fix.satellitesUsed},
                {QStringLiteral("simulated"), fix.simulated}};
            if (fix.utc.isValid())
                position.insert(QStringLiteral("fixAt"), fix.utc.toMSecsSinceEpoch());
            if (fix.hdop)
                position.insert(QStringLiteral("hdop"), *fix.hdop);
            extras.insert(QStringLiteral("position"), position);
        }
    }
    return extras;
}

HeartbeatFeed::HeartbeatFeed(
    devices::DeviceSet& devices, sync::BackgroundSync& sync, int refreshMs, QObject* parent)
    : QObject(parent)
    , m_devices(devices)
    , m_sync(sync)
{
    for (devices::Device* d : m_devices.devices())
        connect(d, &devices::Device::stateChanged, this, &HeartbeatFeed::update);
    // A GNSS fix arrives every second: the position is taken on a slower beat.
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &HeartbeatFeed::update);
    m_timer->start(refreshMs);
    update();
}

void HeartbeatFeed::update()
{
    m_sync.setHeartbeatExtra(heartbeatExtras(m_devices));
}

} // namespace fieldcase::app
