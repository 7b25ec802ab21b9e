// fieldcase_bench: core store, device and sync benchmarks. One scenario per process (so each has
// its own peak RSS), one JSON line per scenario on stdout; `report` turns collected lines into the
// markdown table of docs/benchmarks.md. tests/bench/run.sh drives it.
#include "tests/bench/scenarios.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>

namespace {

using namespace fieldcase;
using namespace fieldcase::bench;

QString number(double v)
{
    const double a = std::abs(v);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
    return QString::number(v, 'f', decimals);
}

// "1.42× (goal ≤ 2×: met)", "93 % (goal ≥ 80 %: missed)", "31 %".
QString ratioText(const QJsonObject& row)
{
    if (!row.contains(QLatin1String("ratio"))) {
        if (!row.contains(QLatin1String("goal")))
            return QStringLiteral("–");
        return QStringLiteral("goal %1: **%2**")
            .arg(row.value(QLatin1String("goal")).toString(),
                row.value(QLatin1String("goalMet")).toBool() ? QStringLiteral("met")
                                                             : QStringLiteral("missed"));
    }
    const double ratio = row.value(QLatin1String("ratio")).toDouble();
    QString text = row.value(QLatin1String("ratioKind")).toString() == QLatin1String("%")
        // A share under 10 % keeps a decimal: "0.2 %", not "0 %".
        ? QStringLiteral("%1 %").arg(ratio, 0, 'f', ratio < 10 ? 1 : 0)
        : QStringLiteral("%1×").arg(ratio, 0, 'f', 2);
    const QString goal = row.value(QLatin1String("goal")).toString();
    if (!goal.isEmpty())
        text += QStringLiteral(" (goal %1: **%2**)")
                    .arg(goal,
                        row.value(QLatin1String("goalMet")).toBool() ? QStringLiteral("met")
                                                                     : QStringLiteral("missed"));
    return text;
}

// Markdown table of every JSON line in path; returns 1 if a line is unreadable.
int printReport(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        note(QStringLiteral("cannot read %1").arg(path));
        return 1;
    }
    QString out = QStringLiteral("| Scenario | Metric | Value | Baseline | Ratio / goal | "
                                 "Peak RSS (MiB) |\n|---|---|---|---|---|---|\n");
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject scenario = QJsonDocument::fromJson(line, &error).object();
        if (error.error != QJsonParseError::NoError) {
            note(QStringLiteral("bad result line: ") + QString::fromUtf8(line));
            return 1;
        }
        const QString name = scenario.value(QLatin1String("scenario")).toString();
        const double peak = scenario.value(QLatin1String("peakRssMiB")).toDouble();
        const QString rss = peak > 0 ? number(peak) : QStringLiteral("–");
        bool first = true;
        for (const QJsonValue& v : scenario.value(QLatin1String("rows")).toArray()) {
            const QJsonObject row = v.toObject();
            const QString unit = row.value(QLatin1String("unit")).toString();
            QString baseline = QStringLiteral("–");
            if (row.contains(QLatin1String("baseline")))
                baseline = QStringLiteral("%1 %2 (%3)")
                               .arg(number(row.value(QLatin1String("baseline")).toDouble()), unit,
                                   row.value(QLatin1String("baselineLabel")).toString());
            out += QStringLiteral("| %1 | %2 | %3 %4 | %5 | %6 | %7 |\n")
                       .arg(first ? QStringLiteral("`%1`").arg(name) : QString(),
                           row.value(QLatin1String("metric")).toString(),
                           number(row.value(QLatin1String("value")).toDouble()), unit, baseline,
                           ratioText(row), first ? rss : QString());
            first = false;
        }
        if (!scenario.value(QLatin1String("ok")).toBool()) {
            QStringList failures;
            for (const QJsonValue& f : scenario.value(QLatin1String("failures")).toArray())
                failures << f.toString();
            out += QStringLiteral("| `%1` | **FAILED** | %2 | | | |\n")
                       .arg(name, failures.join(QLatin1String("; ")));
        }
    }
    const QByteArray utf8 = out.toUtf8();
    std::fwrite(utf8.constData(), 1, std::size_t(utf8.size()), stdout);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    // The render scenario measures fonts, which needs a QGuiApplication (no window is shown).
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // The devices scenario lists a recorder through Qt Multimedia: the FFmpeg backend, as the apps
    // choose it (set before the first multimedia object).
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "FieldCase benchmarks. Scenarios: append, store, evidence-aes, evidence-sm4, rules, "
        "render, "
        "devices; "
        "each prints one JSON line. `report FILE` prints the markdown table of collected lines."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"),
        QStringLiteral("append | store | evidence-aes | evidence-sm4 | rules | render | devices | "
                       "sync-ingest | "
                       "sync-goodput | sync-resume | sync-linkup | report"));
    parser.addPositionalArgument(
        QStringLiteral("file"), QStringLiteral("for report: the JSON lines"));
    const QCommandLineOption quick(QStringLiteral("quick"), QStringLiteral("Small sizes (CI)."));
    const QCommandLineOption dirOption(QStringLiteral("dir"),
        QStringLiteral("Parent of the scratch directory (default /var/tmp); must be a real disk."),
        QStringLiteral("path"));
    const QCommandLineOption keep(
        QStringLiteral("keep"), QStringLiteral("Keep the scratch directory."));
    parser.addOptions({quick, dirOption, keep});
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        parser.showHelp(2);
    const QString scenario = args.first();
    if (scenario == QLatin1String("report")) {
        if (args.size() != 2)
            parser.showHelp(2);
        return printReport(args.at(1));
    }

    BenchOptions options;
    options.quick = parser.isSet(quick);
    options.parentDir = parser.value(dirOption);
    options.keep = parser.isSet(keep);
    if (scenario == QLatin1String("append"))
        return runAppend(options);
    if (scenario == QLatin1String("store"))
        return runLargeStore(options);
    if (scenario == QLatin1String("evidence-aes"))
        return runEvidence(options, CipherSuite::Aes256Gcm);
    if (scenario == QLatin1String("evidence-sm4"))
        return runEvidence(options, CipherSuite::Sm4CtrHmacSm3);
    if (scenario == QLatin1String("rules"))
        return runRules(options);
    if (scenario == QLatin1String("render"))
        return runRender(options);
    if (scenario == QLatin1String("devices"))
        return runDevices(options);
    if (scenario == QLatin1String("sync-ingest"))
        return runSyncIngest(options);
    if (scenario == QLatin1String("sync-goodput"))
        return runSyncGoodput(options);
    if (scenario == QLatin1String("sync-resume"))
        return runSyncResume(options);
    if (scenario == QLatin1String("sync-linkup"))
        return runSyncLinkUp(options);
    note(QStringLiteral("unknown scenario: ") + scenario);
    return 2;
}
