// Loads the UI translation: zh_CN by default; FIELDCASE_LANG=en shows the English source text.
#pragma once

class QCoreApplication;

namespace fieldcase::app {

// Installs the translator on app (parented to it). Returns false if the language is missing.
bool installTranslations(QCoreApplication& app);

} // namespace fieldcase::app
