// What to tell the installer when the store cannot be opened (in the UI language).
#pragma once

#include "core/util/result.h"

#include <QCoreApplication>

namespace fieldcase::app {

class OpenAdvice
{
    Q_DECLARE_TR_FUNCTIONS(OpenAdvice)

public:
    // A complete, actionable message for a failed CaseStore::open on dataDir.
    [[nodiscard]] static QString forError(const Error& error, const QString& dataDir);
};

} // namespace fieldcase::app
