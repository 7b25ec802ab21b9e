// Shared bits of the simulator plugins. Simulators are for demo, training and tests: everything
// they produce says "simulated", and their devices carry DeviceInfo::simulated.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>
#include <QStandardPaths>
#include <QString>

namespace fieldcase::devices::sim {

// The folder a simulator writes to: the "outputDir" setting, or a per-slot temporary folder.
inline QString outputDirectory(const QJsonObject& settings, const QString& slot)
{
    const QString configured = settings.value(QLatin1String("outputDir")).toString();
    if (!configured.isEmpty())
        return configured;
    return QDir::tempPath() + QLatin1String("/fieldcase-simulated-") + slot;
}

} // namespace fieldcase::devices::sim
