// fieldcase-admin devices list|probe|test: the installer's view of a terminal's devices. It loads
// the plugins and the device profile exactly as the terminal does, so what passes here works there.
#include "app/admin/admin.h"
#include "app/common/devicesetup.h"
#include "devices/api/deviceprofile.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace fieldcase::admin {

namespace {

// The devices a command names: all of them, or those whose slot or kind is listed.
QList<devices::Device*> selectDevices(const devices::DeviceSet& set, const QStringList& names)
{
    QList<devices::Device*> chosen;
    for (devices::Device* d : set.devices()) {
        if (names.isEmpty() || names.contains(d->slot())
            || names.contains(devices::deviceKindName(d->kind())))
            chosen.append(d);
    }
    return chosen;
}

// Spins the event loop until done() holds or the time is up.
void waitUntil(int ms, const std::function<bool()>& done)
{
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done() || timer.elapsed() >= ms)
            loop.quit();
    });
    tick.start(50);
    if (!done())
        loop.exec();
}

} // namespace

QString Admin::deviceLine(const devices::Device& d)
{
    const QString simulated = d.simulated() ? QLatin1Char(' ') + tr("[SIMULATED]") : QString();
    return tr("%1  %2  %3%4")
        .arg(d.slot(), -12)
        .arg(devices::deviceKindTitle(d.kind()), -16)
        .arg(d.info().title, simulated);
}

int Admin::devicesCommand(
    const QStringList& args, const QString& profileName, int seconds, bool json)
{
    const QString verb = args.value(0);
    if (verb != QLatin1String("list") && verb != QLatin1String("probe")
        && verb != QLatin1String("test")) {
        m_err << tr(
            "Usage: fieldcase-admin devices list|probe|test [SLOT|KIND ...] [--profile NAME|FILE] "
            "[--seconds N] [--json]")
              << Qt::endl;
        return 64;
    }
    devices::PluginRegistry registry;
    app::loadDevicePlugins(registry);
    QString source;
    auto profile = app::resolveDeviceProfile(profileName, m_dataDir, &source);
    if (!profile)
        return reportError(profile.error());
    devices::DeviceSet set;
    set.build(*profile, registry);
    const QList<devices::Device*> chosen = selectDevices(set, args.mid(1));

    QJsonObject out {
        {QLatin1String("profile"), profile->name}, {QLatin1String("profileSource"), source}};
    // Problems of the slots asked about (all of them when none was named).
    QList<devices::SlotProblem> slotProblems;
    for (const devices::SlotProblem& p : set.problems()) {
        if (args.size() < 2 || args.mid(1).contains(p.slot))
            slotProblems.append(p);
    }
    QJsonArray problems;
    for (const devices::SlotProblem& p : slotProblems)
        problems.append(
            QJsonObject {{QLatin1String("slot"), p.slot}, {QLatin1String("problem"), p.message}});
    out.insert(QLatin1String("problems"), problems);

    if (verb == QLatin1String("list")) {
        QJsonArray plugins;
        for (const devices::PluginEntry& e : registry.plugins()) {
            plugins.append(QJsonObject {{QLatin1String("id"), e.metadata.id},
                {QLatin1String("kind"), devices::deviceKindName(e.metadata.kind)},
                {QLatin1String("vendor"), e.metadata.vendor},
                {QLatin1String("title"), e.metadata.title},
                {QLatin1String("simulator"), e.metadata.simulator},
                {QLatin1String("source"), e.source}});
        }
        QJsonArray rejected;
        for (const devices::PluginRejection& r : registry.rejections())
            rejected.append(QJsonObject {
                {QLatin1String("source"), r.source}, {QLatin1String("reason"), r.reason}});
        QJsonArray slotRows;
        for (const devices::Device* d : chosen) {
            slotRows.append(QJsonObject {{QLatin1String("slot"), d->slot()},
                {QLatin1String("plugin"), d->info().pluginId},
                {QLatin1String("kind"), devices::deviceKindName(d->kind())},
                {QLatin1String("simulated"), d->simulated()},
                {QLatin1String("settings"), d->info().settings}});
        }
        out.insert(QLatin1String("plugins"), plugins);
        out.insert(QLatin1String("rejectedPlugins"), rejected);
        out.insert(QLatin1String("devices"), slotRows);
        if (json) {
            printJson(out);
            return 0;
        }
        m_out << tr("Plugins:") << '\n';
        for (const devices::PluginEntry& e : registry.plugins()) {
            m_out << "  "
                  << tr("%1  %2  %3%4")
                         .arg(e.metadata.id, -32)
                         .arg(devices::deviceKindTitle(e.metadata.kind), -20)
                         .arg(e.metadata.displayTitle(QLocale().name()),
                             e.metadata.simulator ? QLatin1Char(' ') + tr("[SIMULATED]")
                                                  : QString())
                  << '\n';
        }
        for (const devices::PluginRejection& r : registry.rejections())
            m_out << "  " << tr("REFUSED %1: %2").arg(r.source, r.reason) << '\n';
        m_out << tr("Profile %1 (%2):").arg(profile->name, source) << '\n';
        for (const devices::Device* d : chosen)
            m_out << "  " << deviceLine(*d) << '\n';
        for (const devices::SlotProblem& p : slotProblems)
            m_out << "  " << tr("%1  NOT AVAILABLE: %2").arg(p.slot, p.message) << '\n';
        m_out.flush();
        return 0;
    }

    for (devices::Device* d : chosen)
        d->start();
    const int budgetMs = std::max(1, seconds) * 1000;
    QJsonArray rows;
    bool allGood = slotProblems.isEmpty();
    if (verb == QLatin1String("probe")) {
        // Settled = no longer connecting (a GNSS receiver may take seconds for its first data).
        waitUntil(budgetMs, [&] {
            return std::none_of(chosen.begin(), chosen.end(), [](const devices::Device* d) {
                return d->state() == devices::DeviceState::Connecting;
            });
        });
        for (const devices::Device* d : chosen) {
            const bool good = d->state() == devices::DeviceState::Ready
                || d->state() == devices::DeviceState::Busy;
            allGood = allGood && good;
            QJsonObject row = d->status();
            row.insert(QLatin1String("slot"), d->slot());
            row.insert(QLatin1String("plugin"), d->info().pluginId);
            rows.append(row);
            if (!json) {
                m_out << deviceLine(*d) << '\n'
                      << "    " << devices::deviceStateTitle(d->state())
                      << (d->lastError().isEmpty() ? QString()
                                                   : QStringLiteral(": ") + d->lastError())
                      << '\n';
            }
        }
    } else {
        // Self-tests run one after another: two devices sharing a port or daemon must not race.
        for (devices::Device* d : chosen) {
            std::optional<devices::SelfTestReport> report;
            const auto connection = QObject::connect(d, &devices::Device::selfTestFinished, d,
                [&report](const devices::SelfTestReport& r) { report = r; });
            d->runSelfTest(budgetMs);
            waitUntil(budgetMs + 2000, [&] { return report.has_value(); });
            QObject::disconnect(connection);
            if (!report) {
                report = devices::SelfTestReport {};
                report->add(
                    tr("The self-test finished in time"), false, tr("No answer from the plugin"));
            }
            allGood = allGood && report->passed();
            QJsonObject row = report->toJson();
            row.insert(QLatin1String("slot"), d->slot());
            row.insert(QLatin1String("plugin"), d->info().pluginId);
            row.insert(QLatin1String("simulated"), d->simulated());
            rows.append(row);
            if (json)
                continue;
            m_out << deviceLine(*d) << '\n';
            for (const devices::SelfTestCheck& c : report->checks) {
                m_out << "    " << (c.passed ? tr("PASS") : tr("FAIL")) << "  " << c.name
                      << (c.detail.isEmpty() ? QString()
                                             : QStringLiteral(" (") + c.detail + QLatin1Char(')'))
                      << '\n';
            }
        }
    }
    set.stopAll();
    if (!json) {
        for (const devices::SlotProblem& p : slotProblems)
            m_out << tr("%1  NOT AVAILABLE: %2").arg(p.slot, p.message) << '\n';
        m_out.flush();
    }
    out.insert(QLatin1String("devices"), rows);
    out.insert(QLatin1String("ok"), allGood);
    if (json)
        printJson(out);
    return allGood ? 0 : 1;
}

} // namespace fieldcase::admin
