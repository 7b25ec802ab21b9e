// Test helpers: read the repository's seed packs (resources/reference/*.json) and print Qt
// values readably in Catch2 failure messages.
#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>

#include <catch2/catch.hpp>

namespace fieldcase::test {

// The `pack` object of resources/reference/<name>; fails the test if it is missing or not JSON.
[[nodiscard]] QJsonObject readSourcePack(const char* name);
// Its `content` object.
[[nodiscard]] QJsonObject readSourcePackContent(const char* name);

} // namespace fieldcase::test

namespace Catch {
template<>
struct StringMaker<QString>
{
    static std::string convert(const QString& value) { return value.toStdString(); }
};
template<>
struct StringMaker<QDate>
{
    static std::string convert(const QDate& value)
    {
        return value.toString(Qt::ISODate).toStdString();
    }
};
} // namespace Catch
