// Translation context for core's user-facing messages (errors an officer or installer reads).
// lupdate collects CoreText::tr(...) into resources/translations; the UI language applies.
#pragma once

#include <QCoreApplication>

namespace fieldcase {

class CoreText
{
    Q_DECLARE_TR_FUNCTIONS(CoreText)
};

} // namespace fieldcase
