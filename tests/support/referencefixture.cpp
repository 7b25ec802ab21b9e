#include "tests/support/referencefixture.h"

#include "core/rules/registry.h"
#include "core/rules/rulebook.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <catch2/catch.hpp>

namespace fieldcase::test {

ReferenceFixture::ReferenceFixture()
    : publisher(*KeyPair::generate(SignatureAlgorithm::Sm2Sm3))
{
    auto s = rules::ReferenceStore::open(dir.file(QStringLiteral("reference.db")), clock);
    REQUIRE(s);
    store = std::move(*s);
    REQUIRE(store->trustKey(publisher.publicKey(), QStringLiteral("test publisher")));
    const QDir sources(QStringLiteral(FIELDCASE_SOURCE_DIR "/resources/reference"));
    QStringList files = sources.entryList({QStringLiteral("*.json")});
    // The catalogue first: discretion packs are checked against it.
    std::stable_sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return a.startsWith(QLatin1String("violations"))
            && !b.startsWith(QLatin1String("violations"));
    });
    for (const QString& name : files) {
        QFile f(sources.filePath(name));
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QJsonObject body = QJsonDocument::fromJson(f.readAll()).object();
        INFO(name.toStdString());
        if (body.value(QStringLiteral("kind")).toString() == QLatin1String("registry")) {
            auto n = rules::Registry(*store).import(sign(body), nullptr);
            if (!n)
                FAIL(n.error().toString().toStdString());
            continue;
        }
        auto imported = store->import(sign(body),
            [this](const rules::Pack& p) { return rules::validatePackContent(p, store.get()); });
        INFO(name.toStdString());
        if (!imported)
            FAIL(imported.error().toString().toStdString());
    }
    REQUIRE(rules::rebuildLawIndex(*store));
}

QByteArray ReferenceFixture::sign(const QJsonObject& body) const
{
    auto signedPack = rules::signPack(body, publisher);
    REQUIRE(signedPack);
    return *signedPack;
}

} // namespace fieldcase::test
