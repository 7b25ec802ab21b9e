#include "app/common/i18n.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace fieldcase::app {

bool installTranslations(QCoreApplication& app)
{
    const QString lang = qEnvironmentVariable("FIELDCASE_LANG", QStringLiteral("zh_CN"));
    // The default locale follows the UI language, so data that carries its own translations
    // (device plugin titles, card profile labels) picks the same language as the UI.
    QLocale::setDefault(QLocale(lang));
    if (lang == QLatin1String("en"))
        return true; // source strings are English
    auto* translator = new QTranslator(&app);
    if (!translator->load(QStringLiteral(":/i18n/fieldcase_") + lang))
        return false;
    return QCoreApplication::installTranslator(translator);
}

} // namespace fieldcase::app
