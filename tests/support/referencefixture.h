// A reference store holding the repository's seed packs (resources/reference/*.json), signed
// with a key generated for the test and trusted by the store.
#pragma once

#include "core/rules/packs.h"
#include "tests/support/tempdir.h"

namespace fieldcase::test {

struct ReferenceFixture
{
    ReferenceFixture();

    TempDir dir;
    ManualClock clock;
    KeyPair publisher;
    std::unique_ptr<rules::ReferenceStore> store;

    // Signs a pack body with the fixture's publisher key.
    [[nodiscard]] QByteArray sign(const QJsonObject& body) const;
};

} // namespace fieldcase::test
