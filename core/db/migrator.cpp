#include "core/db/migrator.h"

#include "core/util/logging.h"
#include "core/util/text.h"

namespace fieldcase::db {

Result<int> migrate(Database& db, std::span<const Migration> migrations)
{
    auto current = db.userVersion();
    if (!current)
        return fail(std::move(current.error()));
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (*current > latest) {
        return fail(ErrorCode::SchemaTooNew,
            CoreText::tr("This database was written by a newer version of FieldCase "
                         "(schema %1; this version knows up to %2). Install the newer "
                         "version; this one will not open or change it.")
                .arg(*current)
                .arg(latest),
            db.path());
    }
    int expected = 1;
    for (const Migration& m : migrations) {
        if (m.version != expected++)
            return fail(ErrorCode::Internal, CoreText::tr("Migrations are not numbered 1, 2, 3…"),
                QString::fromUtf8(m.name));
        if (m.version <= *current)
            continue;
        auto tx = Transaction::begin(db);
        if (!tx)
            return fail(std::move(tx.error()));
        if (auto ok = db.exec(m.sql); !ok) {
            Error e = ok.error();
            e.message = CoreText::tr("Schema migration %1 (%2) failed")
                            .arg(m.version)
                            .arg(QString::fromUtf8(m.name));
            return fail(std::move(e));
        }
        FC_TRY(db.setUserVersion(m.version));
        FC_TRY(tx->commit());
        qCInfo(lcDb) << "applied migration" << m.version << m.name;
        *current = m.version;
    }
    return *current;
}

} // namespace fieldcase::db
