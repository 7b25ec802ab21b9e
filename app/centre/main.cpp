// fieldcase-centre: the reference provincial centre (docs/centre.md). One machine, one folder:
//   init   — writes centre.json (TLS files, ports) and creates the stores;
//   serve  — runs the sync port (mutual TLS) and the enrolment port (server TLS only);
//   admin  — units, officers, enrolment tokens, number series, packs, commands, terminals.
#include "app/common/i18n.h"
#include "core/crypto/hash.h"
#include "core/crypto/random.h"
#include "core/rules/packs.h"
#include "core/store/casestore.h"
#include "core/util/durablefile.h"
#include "sync/centre/centreserver.h"
#include "sync/centre/centrestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>

namespace fieldcase::centre {

class Centre
{
    Q_DECLARE_TR_FUNCTIONS(Centre)

public:
    int run(const QStringList& args);

private:
    int init(const QCommandLineParser& parser);
    int serve();
    int admin(const QStringList& args, const QCommandLineParser& parser, bool json);
    [[nodiscard]] Result<QJsonObject> config();
    int openStores();
    int fail(const Error& error, int code = 2);

    QTextStream m_out {stdout};
    QTextStream m_err {stderr};
    QString m_dir;
    std::unique_ptr<CaseStore> m_cases;
    std::unique_ptr<sync::CentreStore> m_records;
};

int Centre::fail(const Error& error, int code)
{
    m_err << error.message;
    if (!error.context.isEmpty())
        m_err << " (" << error.context << ')';
    m_err << Qt::endl;
    return code;
}

Result<QJsonObject> Centre::config()
{
    QFile file(QDir(m_dir).filePath(QStringLiteral("centre.json")));
    if (!file.open(QIODevice::ReadOnly))
        return fieldcase::fail(
            ErrorCode::NotFound, tr("No centre in %1: run fieldcase-centre init first").arg(m_dir));
    return QJsonDocument::fromJson(file.readAll()).object();
}

int Centre::openStores()
{
    auto cfg = config();
    if (!cfg)
        return fail(cfg.error());
    StoreOptions options;
    options.directory = QDir(m_dir).filePath(QStringLiteral("cases"));
    auto cases = CaseStore::open(options, Clock::system());
    if (!cases)
        return fail(cases.error());
    m_cases = std::move(*cases);
    auto records = sync::CentreStore::open(m_dir, Clock::system());
    if (!records)
        return fail(records.error());
    m_records = std::move(*records);
    return 0;
}

int Centre::init(const QCommandLineParser& parser)
{
    const auto value = [&](const char* name) { return parser.value(QLatin1String(name)); };
    QJsonObject cfg {{QStringLiteral("tlsCert"), value("tls-cert")},
        {QStringLiteral("tlsKey"), value("tls-key")},
        {QStringLiteral("clientCa"), value("client-ca")},
        {QStringLiteral("terminalCaCert"), value("terminal-ca-cert")},
        {QStringLiteral("terminalCaKey"), value("terminal-ca-key")},
        {QStringLiteral("address"), value("address")},
        {QStringLiteral("port"), value("port").toInt()},
        {QStringLiteral("enrolPort"), value("enrol-port").toInt()},
        {QStringLiteral("installer"), QStringLiteral("centre")}};
    for (const char* key : {"tlsCert", "tlsKey", "clientCa", "terminalCaCert", "terminalCaKey"}) {
        const QString path = cfg.value(QLatin1String(key)).toString();
        if (path.isEmpty() || !QFile::exists(path)) {
            m_err << tr("init needs --tls-cert, --tls-key, --client-ca, --terminal-ca-cert and "
                        "--terminal-ca-key (existing PEM files)")
                  << Qt::endl;
            return 64;
        }
        cfg.insert(QLatin1String(key), QFileInfo(path).absoluteFilePath());
    }
    if (!QDir().mkpath(m_dir))
        return fail({ErrorCode::Io, tr("Cannot create %1").arg(m_dir), {}});
    // The key that seals received evidence keys; made once, kept beside the stores.
    const QString keyPath = QDir(m_dir).filePath(QStringLiteral("evidence.key"));
    if (!QFile::exists(keyPath)) {
        if (auto written = writeFileDurably(keyPath, randomBytes(32), 0600); !written)
            return fail(written.error());
    }
    if (auto written = writeFileDurably(QDir(m_dir).filePath(QStringLiteral("centre.json")),
            QJsonDocument(cfg).toJson(QJsonDocument::Indented), 0640);
        !written)
        return fail(written.error());
    if (const int rc = openStores(); rc != 0)
        return rc;
    // The centre records terminals' keys as its own installer (the first officer of its store).
    if (!m_cases->officer(QStringLiteral("centre"))) {
        if (auto registered
            = m_cases->registerOfficer({{QStringLiteral("centre")}, Role::Installer},
                {QStringLiteral("centre"), tr("Provincial centre"), {}, {}, {Role::Installer},
                    true});
            !registered)
            return fail(registered.error());
    }
    m_out << tr("Centre ready in %1; start it with: fieldcase-centre serve --data %1").arg(m_dir)
          << Qt::endl;
    return 0;
}

int Centre::serve()
{
    if (const int rc = openStores(); rc != 0)
        return rc;
    const QJsonObject cfg = *config();
    QFile evidenceKey(QDir(m_dir).filePath(QStringLiteral("evidence.key")));
    sync::CentreServer::Options options {cfg.value(QStringLiteral("tlsCert")).toString(),
        cfg.value(QStringLiteral("tlsKey")).toString(),
        cfg.value(QStringLiteral("clientCa")).toString()};
    options.filesDirectory = QDir(m_dir).filePath(QStringLiteral("files"));
    options.terminalCaCertFile = cfg.value(QStringLiteral("terminalCaCert")).toString();
    options.terminalCaKeyFile = cfg.value(QStringLiteral("terminalCaKey")).toString();
    options.installerId = cfg.value(QStringLiteral("installer")).toString(QStringLiteral("centre"));
    options.address
        = QHostAddress(cfg.value(QStringLiteral("address")).toString(QStringLiteral("127.0.0.1")));
    if (evidenceKey.open(QIODevice::ReadOnly))
        options.evidenceKey = evidenceKey.readAll();
    sync::CentreServer server(*m_cases, *m_records, Clock::system(), options);
    auto port = server.listen(quint16(cfg.value(QStringLiteral("port")).toInt()));
    if (!port)
        return fail(port.error());
    auto enrolPort
        = server.listenForEnrolment(quint16(cfg.value(QStringLiteral("enrolPort")).toInt()));
    if (!enrolPort)
        return fail(enrolPort.error());
    // Scripts (the demo, the tests) read the ports from this line.
    m_out
        << QStringLiteral("fieldcase-centre listening sync=%1 enrol=%2").arg(*port).arg(*enrolPort)
        << Qt::endl;
    std::signal(SIGTERM, [](int) { QCoreApplication::quit(); });
    std::signal(SIGINT, [](int) { QCoreApplication::quit(); });
    return QCoreApplication::exec();
}

int Centre::admin(const QStringList& args, const QCommandLineParser& parser, bool json)
{
    if (const int rc = openStores(); rc != 0)
        return rc;
    const QString what = args.value(0) + QLatin1Char(' ') + args.value(1);
    const auto option = [&](const char* name) { return parser.value(QLatin1String(name)); };
    const auto done = [&](const Status& s, const QString& message) {
        if (!s)
            return fail(s.error(), 1);
        m_out << message << Qt::endl;
        return 0;
    };
    if (what == QLatin1String("unit add") && args.size() == 4)
        return done(
            m_records->addUnit(args.at(2), args.at(3)), tr("Unit %1 saved").arg(args.at(2)));
    if (what == QLatin1String("officer add") && args.size() == 4) {
        const QStringList roles = option("roles").split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& r : roles)
            if (!roleFromName(r))
                return fail(
                    {ErrorCode::InvalidArgument,
                        tr("Unknown role \"%1\" (officer, supervisor, installer)").arg(r), {}},
                    64);
        return done(
            m_records->addOfficer({args.at(2), args.at(3), option("cert-no"), option("unit"),
                roles.isEmpty() ? QStringList {QStringLiteral("officer")} : roles}),
            tr("Officer %1 saved").arg(args.at(2)));
    }
    if (what == QLatin1String("token create")) {
        const int hours = option("hours").toInt();
        auto token = m_records->createToken(option("unit"),
            option("officers").split(QLatin1Char(','), Qt::SkipEmptyParts),
            qint64(hours > 0 ? hours : 72) * 3600 * 1000);
        if (!token)
            return fail(token.error(), 1);
        m_out << *token << Qt::endl;
        return 0;
    }
    if (what == QLatin1String("series add") && args.size() == 5) {
        const qint64 first = option("first").isEmpty() ? 1 : option("first").toLongLong();
        return done(m_records->addNumberSeries(args.at(2), args.at(3).toInt(), args.at(4), first),
            tr("Number series %1 %2 saved").arg(args.at(2), args.at(3)));
    }
    if (what == QLatin1String("pack publish") && args.size() == 3) {
        QFile file(args.at(2));
        if (!file.open(QIODevice::ReadOnly))
            return fail({ErrorCode::NotFound, tr("Cannot read %1").arg(args.at(2)), {}}, 1);
        const QByteArray bytes = file.readAll();
        // The listing terminals order and compare by must be what the file says: --id, --kind
        // and --version default to the pack's own and are refused if they disagree with it. The
        // signature is the terminals' to check (they hold the trusted publisher keys).
        auto pack = rules::parsePack(bytes);
        if (!pack)
            return fail(pack.error(), 1);
        const QString id = option("id").isEmpty() ? pack->id : option("id");
        const QString kind = option("kind").isEmpty() ? pack->kind : option("kind");
        const QString version
            = option("version").isEmpty() ? QString::number(pack->version) : option("version");
        if (id != pack->id || kind != pack->kind || version != QString::number(pack->version))
            return fail({ErrorCode::InvalidArgument,
                            tr("The file is pack %1 (%2) version %3, not %4 (%5) version %6")
                                .arg(pack->id, pack->kind)
                                .arg(pack->version)
                                .arg(id, kind, version),
                            {}},
                1);
        const QString stored
            = QDir(m_dir).filePath(QStringLiteral("packs/%1-%2.pack").arg(id, version));
        QDir().mkpath(QFileInfo(stored).path());
        if (auto w = writeFileDurably(stored, bytes, 0644); !w)
            return fail(w.error(), 1);
        return done(m_records->publishPack({id, kind, version,
                        QString::fromLatin1(Hasher::hash(HashAlgorithm::Sha256, bytes).toHex()),
                        bytes.size(), stored}),
            tr("Pack %1 version %2 published").arg(id, version));
    }
    if (args.value(0) == QLatin1String("command") && args.size() == 3) {
        auto id = m_records->queueCommand(args.at(1), args.at(2), {});
        if (!id)
            return fail(id.error(), 1);
        m_out << tr("Command %1 queued for %2 as %3").arg(args.at(2), args.at(1), *id) << Qt::endl;
        return 0;
    }
    if (args.value(0) == QLatin1String("terminals") || args.value(0) == QLatin1String("units")) {
        auto list
            = args.value(0) == QLatin1String("units") ? m_records->units() : m_records->terminals();
        if (!list)
            return fail(list.error(), 1);
        m_out << QJsonDocument(*list).toJson(
            json ? QJsonDocument::Compact : QJsonDocument::Indented);
        m_out.flush();
        return 0;
    }
    m_err << tr(
        "Usage: fieldcase-centre admin unit add ID NAME | officer add ID NAME --unit U "
        "[--roles R,R] [--cert-no N] | token create --unit U [--officers A,B] [--hours H] | "
        "series add DOCTYPE YEAR PATTERN [--first N] | pack publish FILE [--id ID] [--kind K] "
        "[--version V] | command TERMINAL lock|unlock|config|pack-update | terminals | units")
          << Qt::endl;
    return 64;
}

int Centre::run(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("FieldCase reference provincial centre.\n"
                                        "  init --tls-cert F --tls-key F --client-ca F "
                                        "--terminal-ca-cert F --terminal-ca-key F\n"
                                        "  serve\n"
                                        "  admin …"));
    parser.addHelpOption();
    QCommandLineOption dataOption(QStringLiteral("data"), tr("The centre's folder."), tr("dir"),
        QStringLiteral("fieldcase-centre"));
    parser.addOption(dataOption);
    parser.addOption({QStringLiteral("json"), tr("Machine-readable output.")});
    for (const auto& [name, help] : std::initializer_list<std::pair<const char*, const char*>> {
             {"tls-cert", QT_TRANSLATE_NOOP("Centre", "The centre's TLS certificate (PEM).")},
             {"tls-key", QT_TRANSLATE_NOOP("Centre", "The centre's TLS key (PEM).")},
             {"client-ca", QT_TRANSLATE_NOOP("Centre", "CA whose certificates terminals present.")},
             {"terminal-ca-cert",
                 QT_TRANSLATE_NOOP("Centre", "CA that signs terminal certificates at enrolment.")},
             {"terminal-ca-key", QT_TRANSLATE_NOOP("Centre", "Its private key.")},
             {"unit", QT_TRANSLATE_NOOP("Centre", "Unit id.")},
             {"officers", QT_TRANSLATE_NOOP("Centre", "Officer ids, comma-separated.")},
             {"hours", QT_TRANSLATE_NOOP("Centre", "Validity in hours.")},
             {"roles", QT_TRANSLATE_NOOP("Centre", "Roles, comma-separated.")},
             {"cert-no", QT_TRANSLATE_NOOP("Centre", "Enforcement certificate number.")},
             {"first", QT_TRANSLATE_NOOP("Centre", "First sequence number.")},
             {"id", QT_TRANSLATE_NOOP("Centre", "Pack id.")},
             {"kind", QT_TRANSLATE_NOOP("Centre", "Pack kind.")},
             {"version", QT_TRANSLATE_NOOP("Centre", "Pack version.")}})
        parser.addOption({QLatin1String(name), tr(help), QStringLiteral("value")});
    parser.addOption({QStringLiteral("address"), tr("Address to listen on."), tr("address"),
        QStringLiteral("127.0.0.1")});
    parser.addOption({QStringLiteral("port"), tr("Sync port (mutual TLS)."), tr("port"),
        QStringLiteral("8443")});
    parser.addOption({QStringLiteral("enrol-port"), tr("Enrolment port (server TLS)."), tr("port"),
        QStringLiteral("8444")});
    parser.process(args);
    m_dir = parser.value(dataOption);
    const QStringList pos = parser.positionalArguments();
    const QString verb = pos.value(0);
    if (verb == QLatin1String("init"))
        return init(parser);
    if (verb == QLatin1String("serve"))
        return serve();
    if (verb == QLatin1String("admin"))
        return admin(pos.mid(1), parser, parser.isSet(QStringLiteral("json")));
    m_err << tr("Unknown command. Run fieldcase-centre --help.") << Qt::endl;
    return 64;
}

} // namespace fieldcase::centre

int main(int argc, char* argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fieldcase-centre"));
    QCoreApplication::setOrganizationName(QStringLiteral("FieldCase"));
    fieldcase::app::installTranslations(application);
    return fieldcase::centre::Centre().run(QCoreApplication::arguments());
}
