// Scenario "rules": rules evaluation, law full-text search, plate lookup in the offline registry
// and registry import, on the seed packs plus a synthetic registry of 1,000,000 vehicles
// (quick: 100,000). Packs are signed with a key made for the run.
#include "core/crypto/hash.h"
#include "core/rules/registry.h"
#include "core/rules/rulebook.h"
#include "tests/bench/scenarios.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

namespace fieldcase::bench {

namespace {

QString plateFor(int i)
{
    // 京A00000 … with a second province for the upper half: unique, realistic shape.
    static const QString provinces = QStringLiteral("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂");
    const QChar province = provinces.at((i / 100000) % provinces.size());
    const QChar letter = QLatin1Char(char('A' + (i / 10000) % 10));
    return QString(province) + letter
        + QStringLiteral("%1").arg(i % 100000, 5, 10, QLatin1Char('0'));
}

} // namespace

int runRules(const BenchOptions& options)
{
    Report report(QStringLiteral("rules"), options.quick);
    ScratchDir scratch(options);
    if (!report.check(scratch.isValid(), QStringLiteral("scratch directory")))
        return report.finish();
    ManualClock clock;
    auto store = rules::ReferenceStore::open(scratch.file(QStringLiteral("reference.db")), clock);
    if (!report.check(store.has_value(), QStringLiteral("open reference store")))
        return report.finish();
    const KeyPair publisher = *KeyPair::generate(SignatureAlgorithm::Sm2Sm3);
    (void)(*store)->trustKey(publisher.publicKey(), QStringLiteral("bench"));

    // Seed packs, catalogue first.
    const QDir sources(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference"));
    QStringList files = sources.entryList({QStringLiteral("*.json")});
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return a.startsWith(QLatin1String("violations"))
            && !b.startsWith(QLatin1String("violations"));
    });
    for (const QString& name : files) {
        QFile f(sources.filePath(name));
        f.open(QIODevice::ReadOnly);
        const QJsonObject body = QJsonDocument::fromJson(f.readAll()).object();
        auto signedPack = rules::signPack(body, publisher);
        if (body.value(QStringLiteral("kind")).toString() == QLatin1String("registry"))
            continue; // the synthetic registry below replaces the demo one
        auto imported = signedPack
            ? (*store)->import(*signedPack,
                [&](const rules::Pack& p) { return rules::validatePackContent(p, store->get()); })
            : Result<rules::Pack>(fail(signedPack.error()));
        if (!report.check(imported.has_value(), QStringLiteral("import ") + name))
            return report.finish();
    }
    if (!report.check(rules::rebuildLawIndex(**store).has_value(), QStringLiteral("law index")))
        return report.finish();
    auto book = rules::RuleBook::load(**store, QDate(2026, 5, 6));
    if (!report.check(book.has_value(), QStringLiteral("load rule book")))
        return report.finish();

    // 1. rules evaluate: an overload case and a discretion-tier case, alternating.
    const int evaluations = options.quick ? 500 : 5000;
    const QJsonObject overload = QJsonDocument::fromJson(
        R"({"partyKind":"organisation","measured":{"vehicleClass":"trainTruck","axles":6,"measuredMassKg":55200,"heightM":3.9,"widthM":2.5,"lengthM":16.5}})")
                                     .object();
    const QJsonObject repeat = QJsonDocument::fromJson(
        R"({"partyKind":"organisation","firstViolation":false,"priorViolations":2})")
                                   .object();
    Samples evaluate;
    for (int i = 0; i < evaluations; ++i) {
        const bool odd = i % 2;
        const auto t0 = SteadyClock::now();
        auto e = book->evaluate(
            odd ? u"GLF-77" : u"GLAQ-64", QDate(2026, 5, 6), odd ? repeat : overload);
        evaluate.add(SteadyClock::now() - t0);
        if (!report.check(
                e.has_value() && e->recommendedAmountFen.value_or(0) == (odd ? 310000 : 300000),
                QStringLiteral("evaluation result")))
            return report.finish();
    }

    // 2. law full-text search: long (indexed) and short (scanned) Chinese queries.
    rules::Registry registry(**store);
    const QStringList queries {QStringLiteral("总质量超过"), QStringLiteral("道路运输经营许可"),
        QStringLiteral("路面"), QStringLiteral("超限"), QStringLiteral("航道保护范围"),
        QStringLiteral("船舶营运证件"), QStringLiteral("港口"), QStringLiteral("遗洒")};
    Samples search;
    const int searches = options.quick ? 400 : 4000;
    for (int i = 0; i < searches; ++i) {
        const auto t0 = SteadyClock::now();
        auto hits = registry.searchLaw(queries.at(i % queries.size()));
        search.add(SteadyClock::now() - t0);
        if (!report.check(hits.has_value() && !hits->isEmpty(), QStringLiteral("search hits")))
            return report.finish();
    }

    // 3. registry import: a JSON-lines export streamed with its SM3 checked.
    const int vehicles = options.quick ? 100000 : 1000000;
    const QString dataPath = scratch.file(QStringLiteral("registry.jsonl"));
    {
        QFile data(dataPath);
        data.open(QIODevice::WriteOnly);
        QByteArray chunk;
        for (int i = 0; i < vehicles; ++i) {
            const QString uscc
                = QStringLiteral("91350100M000%1").arg(i % 1000, 6, 10, QLatin1Char('0'));
            chunk += QStringLiteral(
                R"({"t":"vehicle","plate":"%1","plateColour":"2","transportCertNo":"%2","certStatus":"%3","certValidUntil":"2027-06-30","operatorUscc":"%4","vehicleType":"重型半挂牵引车","axles":6})"
                "\n")
                         .arg(plateFor(i))
                         .arg(350100000000LL + i)
                         .arg(i % 50 == 0 ? QStringLiteral("expired") : QStringLiteral("valid"),
                             uscc)
                         .toUtf8();
            if (i % 20 == 0)
                chunk += QStringLiteral(
                    R"({"t":"violation","subject":"%1","subjectKind":"vehicle","date":"2026-03-01","code":"GLAQ-64","description":"超限运输","amountFen":300000,"paid":%2})"
                    "\n")
                             .arg(plateFor(i),
                                 i % 40 == 0 ? QStringLiteral("false") : QStringLiteral("true"))
                             .toUtf8();
            if (chunk.size() > (1 << 20)) {
                data.write(chunk);
                chunk.clear();
            }
        }
        data.write(chunk);
    }
    QFile data(dataPath);
    data.open(QIODevice::ReadOnly);
    Hasher hasher(HashAlgorithm::Sm3);
    qint64 records = 0;
    while (!data.atEnd()) {
        const QByteArray block = data.read(1 << 20);
        hasher.addData(block);
        records += block.count('\n');
    }
    data.seek(0);
    const QJsonObject body {{QStringLiteral("format"), QStringLiteral("fieldcase-reference-pack")},
        {QStringLiteral("formatVersion"), 1},
        {QStringLiteral("id"), QStringLiteral("bench.registry")},
        {QStringLiteral("kind"), QStringLiteral("registry")}, {QStringLiteral("version"), 1},
        {QStringLiteral("effectiveFrom"), QStringLiteral("2026-11-01")},
        {QStringLiteral("issuer"), QStringLiteral("bench")},
        {QStringLiteral("createdAt"), QStringLiteral("2026-11-21T00:00:00Z")},
        {QStringLiteral("demo"), true},
        {QStringLiteral("content"),
            QJsonObject {
                {QStringLiteral("exportedAt"), QStringLiteral("2026-11-20T18:00:00+08:00")},
                {QStringLiteral("dataSm3"), QString::fromLatin1(hasher.result().toHex())},
                {QStringLiteral("recordCount"), records}}}};
    auto pack = rules::signPack(body, publisher);
    const auto importStart = SteadyClock::now();
    auto imported = registry.import(*pack, &data);
    const double importSeconds = secondsSince(importStart);
    if (!report.check(
            imported.has_value() && *imported == records, QStringLiteral("registry import")))
        return report.finish();

    // 4. plate lookups: random known plates and some unknown ones.
    QRandomGenerator rng(7);
    Samples lookup;
    const int lookups = options.quick ? 2000 : 20000;
    for (int i = 0; i < lookups; ++i) {
        const bool known = i % 10 != 0;
        const QString plate
            = known ? plateFor(int(rng.bounded(vehicles))) : QStringLiteral("新Z99999");
        const auto t0 = SteadyClock::now();
        auto v = registry.vehicle(plate);
        lookup.add(SteadyClock::now() - t0);
        if (!report.check(
                v.has_value() && v->has_value() == known, QStringLiteral("lookup result")))
            return report.finish();
    }

    report.addRow({QStringLiteral("rules evaluate p50 (n=%1)").arg(evaluations),
        evaluate.percentileUs(50) / 1000, QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {},
        {}, std::nullopt});
    report.addRow({QStringLiteral("rules evaluate p99"), evaluate.percentileUs(99) / 1000,
        QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, {}, std::nullopt});
    report.addRow(
        {QStringLiteral("law search p50 (n=%1, FTS5 trigram; < 3 chars scanned)").arg(searches),
            search.percentileUs(50) / 1000, QStringLiteral("ms"), std::nullopt, {}, std::nullopt,
            {}, {}, std::nullopt});
    report.addRow({QStringLiteral("law search p99"), search.percentileUs(99) / 1000,
        QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, {}, std::nullopt});
    const double p99 = lookup.percentileUs(99) / 1000;
    report.addRow(
        {QStringLiteral("plate lookup p99 (%1 vehicles, n=%2)").arg(vehicles).arg(lookups), p99,
            QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, QStringLiteral("≤ 2 ms"),
            p99 <= 2.0});
    report.addRow({QStringLiteral("plate lookup p50"), lookup.percentileUs(50) / 1000,
        QStringLiteral("ms"), std::nullopt, {}, std::nullopt, {}, {}, std::nullopt});
    report.addRow({QStringLiteral("registry import (JSON lines, SM3 verified, one transaction)"),
        double(records) / importSeconds, QStringLiteral("records/s"), std::nullopt, {},
        std::nullopt, {}, {}, std::nullopt});
    report.setInfo(QStringLiteral("registryRecords"), records);
    report.setInfo(QStringLiteral("importSeconds"), importSeconds);
    report.setInfo(QStringLiteral("registryBytes"), QFileInfo(dataPath).size());
    return report.finish();
}

} // namespace fieldcase::bench
