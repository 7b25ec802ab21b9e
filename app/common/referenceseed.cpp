#include "app/common/referenceseed.h"

#include "core/rules/registry.h"
#include "core/rules/rulebook.h"
#include "devices/cardreader/cardprofile.h"

#include <QDir>
#include <QFile>

namespace fieldcase::app {

QString referenceDatabasePath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("reference.db"));
}

Status trustDemoPublisher(rules::ReferenceStore& store)
{
    QFile f(QStringLiteral(":/reference/demo-publisher.pub.pem"));
    if (!f.open(QIODevice::ReadOnly))
        return fail(
            ErrorCode::NotFound, QStringLiteral("The bundled demo publisher key is missing"));
    auto key = PublicKey::fromPem(f.readAll());
    if (!key)
        return fail(key.error());
    return store.trustKey(*key, QStringLiteral("FieldCase demo publisher (DEMO ONLY)"));
}

Result<int> installBundledPacks(rules::ReferenceStore& store)
{
    auto stored = store.all();
    if (!stored)
        return fail(stored.error());
    // Violations before discretion: a discretion pack is checked against its catalogue.
    QStringList files
        = QDir(QStringLiteral(":/reference")).entryList({QStringLiteral("*.pack.json")});
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return a.startsWith(QLatin1String("violations"))
            && !b.startsWith(QLatin1String("violations"));
    });
    int imported = 0;
    QStringList failures; // keep going: one bad pack must not hold back the others
    for (const QString& name : files) {
        QFile f(QStringLiteral(":/reference/") + name);
        if (!f.open(QIODevice::ReadOnly))
            return fail(
                ErrorCode::NotFound, QStringLiteral("Cannot read bundled pack %1").arg(name));
        const QByteArray content = f.readAll();
        auto pack = rules::parsePack(content);
        if (!pack)
            return fail(pack.error());
        bool present = false;
        for (const rules::Pack& p : *stored)
            present = present || (p.id == pack->id && p.version >= pack->version);
        if (present)
            continue;
        if (pack->kind == QLatin1String("registry")) {
            // Small registries (the demo one) carry their records inline.
            auto n = rules::Registry(store).import(content, nullptr);
            if (!n)
                failures << name + QStringLiteral(": ") + n.error().message;
            else
                ++imported;
            continue;
        }
        auto done = store.import(
            content, [&store](const rules::Pack& p) { return validateReferencePack(p, &store); });
        if (!done) {
            failures << name + QStringLiteral(": ") + done.error().message
                    + (done.error().context.isEmpty()
                            ? QString()
                            : QStringLiteral(" (") + done.error().context + QLatin1Char(')'));
            continue;
        }
        ++imported;
    }
    if (!failures.isEmpty())
        return fail(ErrorCode::Rejected,
            QStringLiteral("%1 bundled reference packs were refused").arg(failures.size()),
            failures.join(QStringLiteral("; ")));
    return imported;
}

Status validateReferencePack(const rules::Pack& pack, rules::ReferenceStore* store)
{
    FC_TRY(rules::validatePackContent(pack, store));
    if (pack.kind == QLatin1String("card-profiles"))
        return devices::validateCardProfilePack(pack);
    return {};
}

Result<ImportedPack> importReferencePack(
    rules::ReferenceStore& store, const QByteArray& file, QIODevice* registryData)
{
    auto pack = rules::parsePack(file);
    if (!pack)
        return fail(pack.error());
    if (pack->kind == QLatin1String("registry")) {
        auto n = rules::Registry(store).import(file, registryData);
        if (!n)
            return fail(n.error());
        return ImportedPack {*pack, *n};
    }
    auto imported = store.import(
        file, [&store](const rules::Pack& p) { return validateReferencePack(p, &store); });
    if (!imported)
        return fail(imported.error());
    // The law search index is built from the catalogue's article texts.
    if (imported->kind == QLatin1String("violations"))
        FC_TRY(rules::rebuildLawIndex(store));
    return ImportedPack {*imported, -1};
}

} // namespace fieldcase::app
