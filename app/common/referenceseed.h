// A terminal's reference store: the packs bundled with the build (signed at build time with the
// demo publisher key), the content checks every pack gets, and the one import path for a pack
// file (`fieldcase-admin reference import` and sync).
#pragma once

#include "core/rules/packs.h"

#include <QIODevice>

namespace fieldcase::app {

// Path of a terminal's reference store inside its data directory.
[[nodiscard]] QString referenceDatabasePath(const QString& dataDir);

// Trusts the bundled demo publisher key. Only for demo and training terminals.
[[nodiscard]] Status trustDemoPublisher(rules::ReferenceStore& store);

// Imports every bundled pack not yet stored (same id and version already stored = skipped).
// Returns the number imported.
[[nodiscard]] Result<int> installBundledPacks(rules::ReferenceStore& store);

// Every check a pack's content gets before import: core's (rules::validatePackContent), then the
// layer that owns the kind's format (card profiles are parsed by the devices layer, which core
// cannot link).
[[nodiscard]] Status validateReferencePack(const rules::Pack& pack, rules::ReferenceStore* store);

// What importReferencePack stored.
struct ImportedPack
{
    rules::Pack pack;
    qint64 registryRecords = -1; // a registry pack: the records now in force; else -1
};

// The one import path for a signed pack file, used by `fieldcase-admin reference import` and by
// sync (SyncClient::setReferencePacks): the signature against the trusted pack keys, the format,
// the version order and the content checks of its kind (validateReferencePack); a registry pack
// through rules::Registry (its records from registryData when given, else inline); the law index
// rebuilt after a violations pack. A refused pack changes nothing.
[[nodiscard]] Result<ImportedPack> importReferencePack(
    rules::ReferenceStore& store, const QByteArray& file, QIODevice* registryData = nullptr);

} // namespace fieldcase::app
