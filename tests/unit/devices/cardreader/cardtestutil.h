// Helpers shared by the card reader tests: the shipped demo profiles, the hand-written card
// images next to this file, and waiting on the event loop.
#pragma once

#include "devices/cardreader/cardprofile.h"
#include "tests/support/sourcepacks.h" // Catch2 printing of QString
#include "tests/support/vpcdcard.h"
#include "tests/support/waitfor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QThread>

#include <catch2/catch.hpp>
#include <functional>

namespace fieldcase::devices::cardtest {

inline QByteArray readSource(const QString& relative)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/") + relative);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// resources/cardprofiles/<kind>-demo.json, parsed; fails the test if it does not parse.
inline CardProfile demoProfile(const char* kind)
{
    const QString path
        = QStringLiteral("resources/cardprofiles/%1-demo.json").arg(QLatin1String(kind));
    auto list = CardProfile::listFromJson(readSource(path));
    INFO(path.toStdString());
    if (!list)
        FAIL(list.error().toString().toStdString());
    REQUIRE(list->size() == 1);
    return list->first();
}

inline QJsonObject cardImage(const char* kind)
{
    const QByteArray json = readSource(
        QStringLiteral("tests/unit/devices/cardreader/cards/%1.json").arg(QLatin1String(kind)));
    return QJsonDocument::fromJson(json).object();
}

// Loads the card image for a kind into card (not inserted).
inline void script(test::VpcdCard& card, const char* kind)
{
    QString error;
    if (!card.loadJson(cardImage(kind), &error))
        FAIL(error.toStdString());
}

// Runs the event loop until pred() holds or timeoutMs passes.
inline bool waitUntil(const std::function<bool()>& pred, int timeoutMs = 5000)
{
    return test::waitFor(pred, timeoutMs);
}

} // namespace fieldcase::devices::cardtest
