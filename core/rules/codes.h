// Code tables from the `codes` reference pack: 执法门类, 当事人类型, 证件类型 (GA/T 517),
// 车牌颜色 (JT/T 697.7), 号牌种类 (GA 24.7), 与案件关系, and regex patterns for identifiers whose
// format is reference data. Content format: docs/packs/codes-and-validators.md.
#pragma once

#include "core/util/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldcase::rules {

// One row of a code table.
struct CodeEntry
{
    QString code; // always a string: GA 24.7 codes keep their leading zero ("01")
    QString name;
    QString note;

    friend bool operator==(const CodeEntry&, const CodeEntry&) = default;
};

// A named code table with the code system its numbers belong to (the same colour or document
// type has different numbers in different systems, so a code means nothing without it).
struct CodeTable
{
    QString name; // key in the pack, e.g. "plateColour"
    QString title; // e.g. "车牌颜色"
    QString system; // e.g. "JT/T 697.7-2014 §5.6"
    QString note;
    bool unsure = false; // the table is not from a verified standard
    QList<CodeEntry> entries;
};

// A format given as a regular expression, for identifiers without a published check algorithm.
struct CodePattern
{
    QString name; // key in the pack, e.g. "shipIdentificationNumber"
    QString title;
    QString system;
    QString format; // human description of the format, quoted in validation messages
    QString note;
    bool unsure = false;
    QRegularExpression regex; // matched against the whole normalised value
};

// The parsed content of a `codes` pack: immutable, cheap lookups by table and code.
class CodeTables
{
public:
    // Parses and checks pack content; errors name the table, entry and JSON path.
    [[nodiscard]] static Result<CodeTables> fromJson(const QJsonObject& content);

    // The entry with this code, or nullopt when the table or the code is unknown.
    [[nodiscard]] std::optional<CodeEntry> lookup(QStringView table, QStringView code) const;
    // Table names, sorted (JSON objects carry no order).
    [[nodiscard]] QStringList tableNames() const;
    // The entries of a table in pack order (empty when the table is unknown).
    [[nodiscard]] QList<CodeEntry> table(QStringView name) const;
    // A table with its metadata (title, code system, note).
    [[nodiscard]] std::optional<CodeTable> tableInfo(QStringView name) const;
    // The code system a table's codes belong to (empty when the table is unknown).
    [[nodiscard]] QString system(QStringView table) const;

    // Pattern names, sorted.
    [[nodiscard]] QStringList patternNames() const;
    // A pattern by name.
    [[nodiscard]] std::optional<CodePattern> pattern(QStringView name) const;

private:
    [[nodiscard]] const CodeTable* findTable(QStringView name) const;

    QList<CodeTable> m_tables;
    QHash<QString, qsizetype> m_tableIndex;
    QList<QHash<QString, qsizetype>> m_codeIndex; // parallel to m_tables
    QList<CodePattern> m_patterns;
};

} // namespace fieldcase::rules
