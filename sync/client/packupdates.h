// Reference packs through sync (docs/protocol.md "Reference packs"): how the sync client reaches
// the terminal's reference data, and the pack versions it refused. A refused version is held —
// not downloaded again — until the centre lists a newer version of that pack or a person runs
// `fieldcase-admin sync retry pack ID`; the refusals live in the store's sync state so `sync
// status` can show them with their reasons.
#pragma once

#include "core/rules/packs.h"
#include "core/store/outbox.h"

#include <QMap>

#include <functional>

namespace fieldcase::sync {

// Verifies and imports one signed pack file; an error refuses it and changes nothing. The app
// passes app::importReferencePack, the path `fieldcase-admin reference import` takes (signature
// against the trusted pack keys, version order, content checks of its kind).
using PackImport = std::function<Result<rules::Pack>(const QByteArray& file)>;

// One refused pack version and why.
struct PackRefusal
{
    QString id;
    qint64 version = 0;
    QString sha256; // of the file refused, as the centre listed it
    QString reason; // for a person, in the language of the terminal when it was refused
    qint64 at = 0; // when (ms since the epoch)
};

// The newest stored version of each pack id (read without parsing the packs: every cycle asks).
[[nodiscard]] Result<QMap<QString, qint64>> installedPackVersions(rules::ReferenceStore& store);

// The refusals held now, oldest first.
[[nodiscard]] Result<QList<PackRefusal>> packRefusals(Outbox& outbox);
[[nodiscard]] Status setPackRefusals(Outbox& outbox, const QList<PackRefusal>& refusals);
// `sync retry pack ID`: forgets the refusals of that pack, so the next cycle downloads it again.
// Returns how many were forgotten.
[[nodiscard]] Result<int> retryPack(Outbox& outbox, const QString& id);

} // namespace fieldcase::sync
