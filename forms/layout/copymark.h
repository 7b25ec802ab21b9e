// Reprints (副本): every page of a document printed again carries "副本（第 N 次打印）", so a
// reprint can never pass for the original that was handed to the party.
#pragma once

#include "forms/layout/layout.h"

namespace fieldcase::forms {

// Marks every page for print number `copy` (from CaseStore::nextCopyNumber); copy 1 is the
// original and is left unmarked.
void markCopy(LaidOutDocument& document, int copy);

} // namespace fieldcase::forms
