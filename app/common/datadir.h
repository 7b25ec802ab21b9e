// Where the terminal keeps its store: --data, else $FIELDCASE_DATA, else the per-user data dir.
#pragma once

#include <QString>

namespace fieldcase::app {

[[nodiscard]] QString defaultDataDirectory();

} // namespace fieldcase::app
