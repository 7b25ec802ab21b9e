#include "tests/bench/benchutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sys/vfs.h>

namespace fieldcase::bench {

namespace {

constexpr long kTmpfsMagic = 0x01021994;
constexpr long kRamfsMagic = 0x858458f6;

// Surnames and given names for parties; real-looking but generated.
const char16_t* const kSurnames[] = {u"张", u"王", u"李", u"赵", u"刘", u"陈", u"杨", u"黄"};
const char16_t* const kGiven[] = {u"伟", u"芳", u"建国", u"秀英", u"志强", u"海燕", u"军", u"丽"};
const char16_t* const kPlaces[] = {u"G4 京港澳高速 K23+500", u"G1 京哈高速 K112+300",
    u"S12 廊涿高速 K8+050", u"国道 107 线 K410+200 治超站"};
const char16_t* const kProvinces[] = {u"冀", u"京", u"豫", u"鲁", u"晋"};

QString pick(const char16_t* const* list, std::size_t size, qint64 n)
{
    return QString::fromUtf16(list[std::size_t(n) % size]);
}

template<std::size_t N>
QString pick(const char16_t* const (&list)[N], qint64 n)
{
    return pick(list, N, n);
}

} // namespace

double Samples::percentileUs(double p) const
{
    if (m_us.empty())
        return 0;
    std::vector<double> sorted = m_us;
    std::sort(sorted.begin(), sorted.end());
    // Nearest rank: the smallest sample with at least p% of the samples at or below it.
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double Samples::meanUs() const
{
    if (m_us.empty())
        return 0;
    return std::accumulate(m_us.begin(), m_us.end(), 0.0) / double(m_us.size());
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (!line.startsWith("VmHWM:"))
            continue;
        // "VmHWM:     12345 kB"
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2)
            return parts.at(1).toDouble() / 1024.0;
    }
    return 0;
}

ScratchDir::ScratchDir(const BenchOptions& options)
{
    // /tmp is a tmpfs on many systems, where fsync costs nothing; /var/tmp is on disk.
    const QString parent
        = options.parentDir.isEmpty() ? QStringLiteral("/var/tmp") : options.parentDir;
    if (!QDir().mkpath(parent))
        return;
    m_dir = std::make_unique<QTemporaryDir>(
        QDir(parent).filePath(QStringLiteral("fieldcase-bench-XXXXXX")));
    if (!m_dir->isValid())
        return;
    m_dir->setAutoRemove(!options.keep);
    const QString tmp = m_dir->filePath(QStringLiteral("tmp"));
    QDir().mkpath(tmp);
    qputenv("TMPDIR", QFile::encodeName(tmp));
}

bool ScratchDir::onRamDisk() const
{
    struct statfs fs
    {
    };
    if (::statfs(QFile::encodeName(path()).constData(), &fs) != 0)
        return false;
    return long(fs.f_type) == kTmpfsMagic || long(fs.f_type) == kRamfsMagic;
}

Status registerTeam(CaseStore& store)
{
    const Team team;
    FC_TRY(store.registerOfficer(team.installer,
        {QStringLiteral("inst-1"), QStringLiteral("县局信息科 李工"), {}, QStringLiteral("unit-1"),
            {Role::Installer}}));
    FC_TRY(store.registerOfficer(team.installer,
        {QStringLiteral("off-1"), QStringLiteral("张伟"), QStringLiteral("11010001"),
            QStringLiteral("unit-1"), {Role::Officer}}));
    FC_TRY(store.registerOfficer(team.installer,
        {QStringLiteral("off-2"), QStringLiteral("王芳"), QStringLiteral("11010002"),
            QStringLiteral("unit-1"), {Role::Officer}}));
    return {};
}

std::unique_ptr<CaseStore> openFreshStore(
    const QString& directory, const Clock& clock, CipherSuite suite)
{
    StoreOptions options;
    options.directory = directory;
    options.cipherSuite = suite;
    auto store = CaseStore::open(options, clock);
    if (!store) {
        note(QStringLiteral("cannot open a store in %1: %2")
                 .arg(directory, store.error().toString()));
        return nullptr;
    }
    if (auto team = registerTeam(**store); !team) {
        note(QStringLiteral("cannot register the team: %1").arg(team.error().toString()));
        return nullptr;
    }
    return std::move(*store);
}

QJsonObject caseOpenedPayload(qint64 n)
{
    const QString plate = QStringLiteral("%1%2%3")
                              .arg(pick(kProvinces, n), QChar(u'A' + char16_t(n % 20)))
                              .arg(10000 + n % 90000);
    return {{QStringLiteral("procedure"), QStringLiteral("general")},
        {QStringLiteral("title"), QStringLiteral("超限运输 %1").arg(plate)},
        {QStringLiteral("category"), QStringLiteral("公路路政")},
        {QStringLiteral("place"), pick(kPlaces, n)},
        {QStringLiteral("source"), QStringLiteral("patrol")},
        {QStringLiteral("unitId"), QStringLiteral("unit-1")}};
}

QJsonObject partyPayload(qint64 n)
{
    return {{QStringLiteral("partyId"), QStringLiteral("party-%1").arg(n)},
        {QStringLiteral("kind"), QStringLiteral("person")},
        {QStringLiteral("name"), pick(kSurnames, n) + pick(kGiven, n / 8)},
        {QStringLiteral("relation"), QStringLiteral("driver")},
        {QStringLiteral("idType"), QStringLiteral("居民身份证")},
        {QStringLiteral("idNumber"),
            QStringLiteral("13060219%1").arg(800101000 + n % 99999999, 10, 10, QLatin1Char('0'))},
        {QStringLiteral("address"),
            QStringLiteral("河北省保定市莲池区东风中路%1号%2单元%3室")
                .arg(n % 300 + 1)
                .arg(n % 6 + 1)
                .arg(n % 30 * 100 + 101)},
        {QStringLiteral("phone"),
            QStringLiteral("138%1").arg(n % 100000000, 8, 10, QLatin1Char('0'))}};
}

QJsonObject vehiclePayload(qint64 n)
{
    return {{QStringLiteral("vehicleId"), QStringLiteral("vehicle-%1").arg(n)},
        {QStringLiteral("plate"),
            QStringLiteral("%1F%2")
                .arg(pick(kProvinces, n))
                .arg(n % 100000, 5, 10, QLatin1Char('0'))},
        {QStringLiteral("plateColor"), QStringLiteral("黄")},
        {QStringLiteral("vehicleType"), QStringLiteral("重型半挂牵引车")},
        {QStringLiteral("vin"),
            QStringLiteral("LZZ1BLSJ%1").arg(n % 1000000000, 9, 10, QLatin1Char('0'))},
        {QStringLiteral("owner"), QStringLiteral("保定市顺达物流有限公司")},
        {QStringLiteral("axles"), 6}};
}

QJsonObject notePayload(qint64 n)
{
    return {{QStringLiteral("text"),
        QStringLiteral("第%1次检测：车货总质量 %2 千克，超过限定标准。现场已告知当事人陈述申辩的"
                       "权利，当事人表示无异议，称货物为钢材，从天津港运往石家庄，装载前未过磅。")
            .arg(n % 5 + 1)
            .arg(49000 + n % 20000)}};
}

bool writeRandomFile(const QString& path, qint64 n, quint32 seed)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator rng(seed);
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (qint64 done = 0; done < n;) {
        const qint64 len = std::min<qint64>(chunk.size(), n - done);
        rng.fillRange(reinterpret_cast<quint32*>(chunk.data()), chunk.size() / 4);
        if (f.write(chunk.constData(), len) != len)
            return false;
        done += len;
    }
    return f.flush();
}

Report::Report(QString scenario, bool quick)
    : m_scenario(std::move(scenario))
    , m_quick(quick)
{ }

void Report::addRow(const Row& row)
{
    QJsonObject o {{QStringLiteral("metric"), row.metric}, {QStringLiteral("value"), row.value},
        {QStringLiteral("unit"), row.unit}};
    if (row.baseline) {
        o.insert(QStringLiteral("baseline"), *row.baseline);
        o.insert(QStringLiteral("baselineLabel"), row.baselineLabel);
    }
    if (row.ratio) {
        o.insert(QStringLiteral("ratio"), *row.ratio);
        o.insert(QStringLiteral("ratioKind"), row.ratioKind);
    }
    if (!row.goal.isEmpty())
        o.insert(QStringLiteral("goal"), row.goal);
    if (row.goalMet)
        o.insert(QStringLiteral("goalMet"), *row.goalMet);
    m_rows.append(o);
}

void Report::addValue(const QString& metric, double value, const QString& unit)
{
    Row row;
    row.metric = metric;
    row.value = value;
    row.unit = unit;
    addRow(row);
}

bool Report::check(bool condition, const QString& what)
{
    if (!condition)
        failure(what);
    return condition;
}

void Report::failure(const QString& what)
{
    note(QStringLiteral("FAILED: ") + what);
    m_failures << what;
}

int Report::finish()
{
    const QJsonObject line {{QStringLiteral("scenario"), m_scenario},
        {QStringLiteral("quick"), m_quick}, {QStringLiteral("ok"), ok()},
        {QStringLiteral("failures"), QJsonArray::fromStringList(m_failures)},
        {QStringLiteral("peakRssMiB"), std::round(peakRssMiB() * 10) / 10},
        {QStringLiteral("rows"), m_rows}, {QStringLiteral("info"), m_info}};
    const QByteArray json = QJsonDocument(line).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    return ok() ? 0 : 1;
}

void note(const QString& message)
{
    const QByteArray text = message.toUtf8();
    std::fprintf(stderr, "[bench] %s\n", text.constData());
    std::fflush(stderr);
}

} // namespace fieldcase::bench
