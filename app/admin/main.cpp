// fieldcase-admin: the installer's command-line tool (db check, rebuild, demo seeding).
#include "app/admin/admin.h"
#include "app/common/datadir.h"
#include "app/common/demoseed.h"
#include "app/common/i18n.h"
#include "app/common/openadvice.h"
#include "core/store/checker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>

#include <cstdio>

using namespace fieldcase;

namespace fieldcase::admin {

int Admin::openStore()
{
    StoreOptions options;
    options.directory = m_dataDir;
    auto store = CaseStore::open(options, Clock::system());
    if (!store) {
        m_err << app::OpenAdvice::forError(store.error(), m_dataDir) << Qt::endl;
        return 2;
    }
    m_store = std::move(*store);
    return 0;
}

int Admin::dbCheck(bool json, bool skipEvidence)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    auto report = checkStore(*m_store, {!skipEvidence, true});
    if (!report) {
        m_err << tr("The check could not run: %1").arg(report.error().toString()) << Qt::endl;
        return 2;
    }
    (void)m_store->audit().record({}, std::nullopt, QLatin1String(audit::kCheck), m_dataDir,
        {{QLatin1String("ok"), report->ok()},
            {QLatin1String("issues"), qint64(report->issues.size())}});
    if (json) {
        m_out << QJsonDocument(report->toJson()).toJson(QJsonDocument::Indented);
    } else {
        for (const CheckIssue& i : report->issues)
            m_out << tr("PROBLEM  %1  %2: %3").arg(i.area, i.object, i.problem) << '\n';
        for (const QString& n : report->notes)
            m_out << tr("note     %1").arg(n) << '\n';
        m_out << report->summary() << Qt::endl;
    }
    return report->ok() ? 0 : 1;
}

int Admin::dbRebuild()
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    if (auto ok = m_store->rebuildProjections(); !ok) {
        m_err << tr("Rebuild failed: %1").arg(ok.error().toString()) << Qt::endl;
        return 2;
    }
    m_out << tr("Projections rebuilt from the event log.") << Qt::endl;
    return 0;
}

int Admin::demo(const QString& what)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    auto unit = app::loadDemoUnit();
    if (!unit) {
        m_err << unit.error().toString() << Qt::endl;
        return 2;
    }
    if (auto ok = app::seedDemoOfficers(*m_store, *unit); !ok) {
        m_err << ok.error().toString() << Qt::endl;
        return 2;
    }
    if (what == QLatin1String("case")) {
        auto caseId = app::openDemoCase(*m_store, *unit);
        if (!caseId) {
            m_err << caseId.error().toString() << Qt::endl;
            return 2;
        }
        m_out << *caseId << Qt::endl;
    } else {
        m_out << tr("Demo officers registered.") << Qt::endl;
    }
    return 0;
}

int Admin::numbers(const QStringList& args, const QString& installer, bool json)
{
    if (const int rc = openStore(); rc != 0)
        return rc;
    if (args.value(0) == QLatin1String("load") && args.size() == 2) {
        QFile f(args.at(1));
        if (!f.open(QIODevice::ReadOnly)) {
            m_err << tr("Cannot read %1").arg(args.at(1)) << Qt::endl;
            return 2;
        }
        const QJsonArray blocks = QJsonDocument::fromJson(f.readAll())
                                      .object()
                                      .value(QLatin1String("blocks"))
                                      .toArray();
        if (blocks.isEmpty()) {
            m_err << tr("%1 has no “blocks” list").arg(args.at(1)) << Qt::endl;
            return 1;
        }
        const Actor by {{installer}, Role::Installer};
        for (const QJsonValue& v : blocks) {
            const QJsonObject o = v.toObject();
            NumberBlock b {o.value(QLatin1String("id")).toString(),
                o.value(QLatin1String("docType")).toString(),
                o.value(QLatin1String("year")).toInt(), o.value(QLatin1String("first")).toInteger(),
                o.value(QLatin1String("last")).toInteger(),
                o.value(QLatin1String("pattern")).toString(),
                o.value(QLatin1String("source")).toString(QStringLiteral("installer"))};
            if (auto ok = m_store->loadNumberBlock(by, b); !ok) {
                m_err << tr("Block %1 refused: %2").arg(b.id, ok.error().message) << Qt::endl;
                return 1;
            }
        }
        m_out << tr("%1 number blocks loaded").arg(blocks.size()) << Qt::endl;
        return 0;
    }
    if (args.value(0) == QLatin1String("report")) {
        auto report = m_store->numbersReport();
        if (!report) {
            m_err << report.error().toString() << Qt::endl;
            return 2;
        }
        if (json) {
            m_out << QJsonDocument(*report).toJson(QJsonDocument::Indented);
        } else {
            for (const QJsonValue& v : report->value(QLatin1String("blocks")).toArray()) {
                const QJsonObject b = v.toObject();
                m_out << tr("%1  %2  %3 … %4  issued %5, voided %6, unused %7")
                             .arg(b.value(QLatin1String("id")).toString(),
                                 b.value(QLatin1String("docType")).toString(),
                                 b.value(QLatin1String("first")).toString(),
                                 b.value(QLatin1String("last")).toString())
                             .arg(b.value(QLatin1String("issued")).toInteger())
                             .arg(b.value(QLatin1String("voided")).toInteger())
                             .arg(b.value(QLatin1String("unused")).toInteger())
                      << '\n';
            }
            for (const QJsonValue& w : report->value(QLatin1String("warnings")).toArray())
                m_out << tr("Warning: %1").arg(w.toString()) << '\n';
            m_out.flush();
        }
        return 0;
    }
    m_err << tr("Usage: fieldcase-admin numbers load FILE.json --installer ID | numbers report")
          << Qt::endl;
    return 64;
}

int Admin::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "FieldCase installer and operator tool. Commands (docs/cli.md):\n"
        "  db check | db rebuild\n"
        "  demo seed | demo case\n"
        "  validate id|uscc|org|plate VALUE [--colour C]\n"
        "  reference trust KEY.pem | import FILE [DATA] | install-bundled [--demo-trust] | status\n"
        "  rules list | rules show CODE | rules evaluate --violation CODE --facts FILE.json "
        "[--date D] | rules search TEXT | rules vehicle PLATE\n"
        "  deadline --kind KIND --from DATE\n"
        "  scenario run FILE.json [--out DIR]\n"
        "  numbers load FILE.json [--installer ID] | numbers report\n"
        "  render --template NAME --doc-data FILE.json --format pdf|escp --out FILE\n"
        "  verify-document IMAGE_OR_PDF\n"
        "  gnss watch URI [--seconds N]\n"
        "  devices list|probe|test [SLOT|KIND ...] [--profile NAME|FILE] [--seconds N]\n"
        "  sync enrol --centre URL [--enrol-url URL] --ca FILE --token T [--installer ID]\n"
        "  sync status | sync now [--metered] | sync retry event|blob|pack REF"));
    parser.addHelpOption();
    QCommandLineOption dataOption(QStringLiteral("data"), tr("Data folder of the terminal."),
        tr("dir"), app::defaultDataDirectory());
    QCommandLineOption jsonOption(QStringLiteral("json"), tr("Machine-readable output."));
    QCommandLineOption skipEvidence(
        QStringLiteral("skip-evidence"), tr("Do not decrypt and hash evidence files (faster)."));
    QCommandLineOption colourOption(
        QStringLiteral("colour"), tr("Plate colour code (JT/T 697.7)."), tr("code"));
    QCommandLineOption violationOption(
        QStringLiteral("violation"), tr("Violation code."), tr("code"));
    QCommandLineOption factsOption(
        QStringLiteral("facts"), tr("JSON file with the case facts."), tr("file"));
    QCommandLineOption dateOption(
        QStringLiteral("date"), tr("Date of the act (YYYY-MM-DD); default today."), tr("date"));
    QCommandLineOption kindOption(QStringLiteral("kind"), tr("Deadline kind."), tr("kind"));
    QCommandLineOption fromOption(
        QStringLiteral("from"), tr("Start (YYYY-MM-DD or ISO date-time)."), tr("date"));
    QCommandLineOption outOption(
        QStringLiteral("out"), tr("Folder for scenario output files."), tr("dir"));
    QCommandLineOption installerOption(QStringLiteral("installer"),
        tr("Installer officer id acting (for installer commands)."), tr("id"),
        QStringLiteral("demo-installer"));
    QCommandLineOption templateOption(
        QStringLiteral("template"), tr("Document template (name or path)."), tr("name"));
    QCommandLineOption dataOption2(
        QStringLiteral("doc-data"), tr("JSON file with the document data."), tr("file"));
    QCommandLineOption formatOption(QStringLiteral("format"), tr("Output format: pdf or escp."),
        tr("format"), QStringLiteral("pdf"));
    QCommandLineOption printerOption(QStringLiteral("printer-profile"),
        tr("ESC/P printer profile (name or path)."), tr("name"), QStringLiteral("epson-lq630k"));
    QCommandLineOption demoTrustOption(QStringLiteral("demo-trust"),
        tr("Trust the bundled demo publisher key (demo and training terminals only)."));
    QCommandLineOption secondsOption(QStringLiteral("seconds"),
        tr("How long to listen to the GNSS receiver, or to wait for a device."), tr("n"),
        QStringLiteral("10"));
    QCommandLineOption profileOption(QStringLiteral("profile"),
        tr("Device profile: demo, vehicle-kit, handheld or a file (default: the terminal's)."),
        tr("name"));
    QCommandLineOption centreOption(
        QStringLiteral("centre"), tr("The centre's sync address (https://host:port)."), tr("url"));
    QCommandLineOption enrolUrlOption(QStringLiteral("enrol-url"),
        tr("The centre's enrolment address, if not the sync address."), tr("url"));
    QCommandLineOption caOption(
        QStringLiteral("ca"), tr("The provincial centre's CA certificate (PEM)."), tr("file"));
    QCommandLineOption tokenOption(
        QStringLiteral("token"), tr("One-time enrolment token from the centre."), tr("token"));
    QCommandLineOption meteredOption(QStringLiteral("metered"),
        tr("The link is metered (3G/4G): audio and video wait unless the policy allows them."));
    parser.addOptions({centreOption, enrolUrlOption, caOption, tokenOption, meteredOption});
    parser.addOptions({dataOption, jsonOption, skipEvidence, colourOption, violationOption,
        factsOption, dateOption, kindOption, fromOption, outOption, demoTrustOption,
        installerOption, templateOption, dataOption2, formatOption, printerOption, secondsOption,
        profileOption});
    parser.addPositionalArgument(
        QStringLiteral("command"), tr("db check | db rebuild | demo seed | demo case"));
    parser.process(args);
    m_dataDir = parser.value(dataOption);
    const QStringList pos = parser.positionalArguments();
    const QString cmd = pos.join(QLatin1Char(' '));
    if (cmd == QLatin1String("db check"))
        return dbCheck(parser.isSet(jsonOption), parser.isSet(skipEvidence));
    if (cmd == QLatin1String("db rebuild"))
        return dbRebuild();
    if (cmd == QLatin1String("demo seed") || cmd == QLatin1String("demo case"))
        return demo(pos.value(1));
    const bool json = parser.isSet(jsonOption);
    const QString first = pos.value(0);
    if (first == QLatin1String("validate"))
        return validate(pos.mid(1), parser.value(colourOption), json);
    if (first == QLatin1String("reference"))
        return reference(pos.mid(1), json, parser.isSet(demoTrustOption));
    if (first == QLatin1String("rules")) {
        QStringList rest = pos.mid(1);
        if (parser.isSet(violationOption))
            rest << parser.value(violationOption);
        return rulesCommand(rest, parser.value(factsOption), parser.value(dateOption), json);
    }
    if (first == QLatin1String("verify-document") && pos.size() == 2)
        return verifyDocument(pos.at(1), json);
    if (first == QLatin1String("render"))
        return render(parser.value(templateOption), parser.value(dataOption2),
            parser.value(formatOption), parser.value(outOption), parser.value(printerOption));
    if (first == QLatin1String("gnss") && pos.value(1) == QLatin1String("watch"))
        return gnssWatch(pos.value(2), parser.value(secondsOption).toInt(), json);
    if (first == QLatin1String("devices")) {
        return devicesCommand(pos.mid(1), parser.value(profileOption),
            parser.isSet(secondsOption) ? parser.value(secondsOption).toInt() : 5, json);
    }
    if (first == QLatin1String("sync")) {
        return syncCommand(pos.mid(1),
            {parser.value(centreOption), parser.value(enrolUrlOption), parser.value(caOption),
                parser.value(tokenOption), parser.value(installerOption),
                parser.isSet(meteredOption)},
            json);
    }
    if (first == QLatin1String("numbers"))
        return numbers(pos.mid(1), parser.value(installerOption), json);
    if (first == QLatin1String("deadline"))
        return deadline(parser.value(kindOption), parser.value(fromOption), json);
    if (first == QLatin1String("scenario"))
        return scenario(pos.mid(1), parser.value(outOption), json);
    m_err << tr("Unknown command \"%1\". Run fieldcase-admin --help.").arg(cmd) << Qt::endl;
    return 64;
}

} // namespace fieldcase::admin

int main(int argc, char* argv[])
{
    // Layout and rendering measure fonts, which needs a QGuiApplication; the tool never shows a
    // window, so it runs on the offscreen platform unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt 6.4's GStreamer media backend reports no duration for audio files on a machine with no
    // audio output (most in-car kits); the FFmpeg backend reads them (docs/devices.md).
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    QGuiApplication application(argc, argv);
    QGuiApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC")));
    QCoreApplication::setApplicationName(QStringLiteral("fieldcase"));
    QCoreApplication::setOrganizationName(QStringLiteral("FieldCase"));
    app::installTranslations(application);
    return admin::Admin().run(QCoreApplication::arguments());
}
