#include "core/rules/codes.h"

#include "core/util/text.h"

#include <QJsonArray>
#include <QJsonValue>

#include <initializer_list>

namespace fieldcase::rules {

namespace {

// A table or pattern key: a camelCase identifier, so it can be used as-is in code and paths.
bool isIdentifier(const QString& s)
{
    if (s.isEmpty() || s.front() < u'a' || s.front() > u'z')
        return false;
    for (const QChar c : s) {
        const bool ok
            = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!ok)
            return false;
    }
    return true;
}

QString jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return CoreText::tr("null");
    case QJsonValue::Bool:
        return CoreText::tr("a boolean");
    case QJsonValue::Double:
        return CoreText::tr("a number");
    case QJsonValue::String:
        return CoreText::tr("a string");
    case QJsonValue::Array:
        return CoreText::tr("an array");
    case QJsonValue::Object:
        return CoreText::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return CoreText::tr("missing");
}

// Where an error is, for people (what) and for tools (path, e.g. "tables.plateColour.entries[2]").
struct Place
{
    QString what;
    QString path;

    [[nodiscard]] QString at(const QString& key) const { return path + u'.' + key; }
};

std::unexpected<Error> malformed(const Place& place, const QString& problem, const QString& key)
{
    return fail(ErrorCode::InvalidArgument, CoreText::tr("%1: %2").arg(place.what, problem),
        key.isEmpty() ? place.path : place.at(key));
}

// Unknown fields are refused so that a typo ("nmae") is reported instead of silently ignored.
Status onlyKeys(
    const QJsonObject& o, std::initializer_list<QLatin1String> allowed, const Place& place)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const QLatin1String k : allowed)
            known = known || it.key() == k;
        if (!known)
            return malformed(place, CoreText::tr("unknown field “%1”").arg(it.key()), it.key());
    }
    return {};
}

Result<QString> requiredString(const QJsonObject& o, QLatin1String key, const Place& place)
{
    const QString k(key);
    const QJsonValue v = o.value(k);
    if (v.isUndefined())
        return malformed(place, CoreText::tr("the field “%1” is missing").arg(k), k);
    if (v.isDouble())
        return malformed(place,
            CoreText::tr("“%1” must be a string (write \"%2\", not %2)")
                .arg(k, QString::number(v.toDouble())),
            k);
    if (!v.isString())
        return malformed(
            place, CoreText::tr("“%1” must be a string, not %2").arg(k, jsonTypeName(v)), k);
    const QString s = v.toString();
    if (s.trimmed().isEmpty())
        return malformed(place, CoreText::tr("“%1” is empty").arg(k), k);
    if (s != s.trimmed())
        return malformed(
            place, CoreText::tr("“%1” has spaces at its start or end: “%2”").arg(k, s), k);
    return s;
}

Result<QString> optionalString(const QJsonObject& o, QLatin1String key, const Place& place)
{
    const QString k(key);
    const QJsonValue v = o.value(k);
    if (v.isUndefined() || v.isNull())
        return QString();
    if (!v.isString())
        return malformed(
            place, CoreText::tr("“%1” must be a string, not %2").arg(k, jsonTypeName(v)), k);
    return v.toString();
}

Result<bool> optionalBool(const QJsonObject& o, QLatin1String key, const Place& place)
{
    const QString k(key);
    const QJsonValue v = o.value(k);
    if (v.isUndefined())
        return false;
    if (!v.isBool())
        return malformed(
            place, CoreText::tr("“%1” must be true or false, not %2").arg(k, jsonTypeName(v)), k);
    return v.toBool();
}

Result<QJsonObject> requiredObject(const QJsonObject& o, QLatin1String key, const Place& place)
{
    const QString k(key);
    const QJsonValue v = o.value(k);
    if (v.isUndefined())
        return malformed(place, CoreText::tr("the field “%1” is missing").arg(k), k);
    if (!v.isObject())
        return malformed(
            place, CoreText::tr("“%1” must be an object, not %2").arg(k, jsonTypeName(v)), k);
    return v.toObject();
}

Result<CodeEntry> parseEntry(const QJsonValue& value, const Place& place)
{
    if (!value.isObject())
        return malformed(
            place, CoreText::tr("an entry must be an object, not %1").arg(jsonTypeName(value)), {});
    const QJsonObject o = value.toObject();
    FC_TRY(
        onlyKeys(o, {QLatin1String("code"), QLatin1String("name"), QLatin1String("note")}, place));
    CodeEntry e;
    auto code = requiredString(o, QLatin1String("code"), place);
    if (!code)
        return fail(code.error());
    e.code = *code;
    auto name = requiredString(o, QLatin1String("name"), place);
    if (!name)
        return fail(name.error());
    e.name = *name;
    auto note = optionalString(o, QLatin1String("note"), place);
    if (!note)
        return fail(note.error());
    e.note = *note;
    return e;
}

Result<CodeTable> parseTable(
    const QString& name, const QJsonValue& value, QHash<QString, qsizetype>& index)
{
    const Place place {CoreText::tr("Code table “%1”").arg(name), QStringLiteral("tables.") + name};
    if (!isIdentifier(name))
        return malformed(place,
            CoreText::tr("a table name must be a camelCase identifier "
                         "(letters and digits, starting with a lowercase letter)"),
            {});
    if (!value.isObject())
        return malformed(
            place, CoreText::tr("a table must be an object, not %1").arg(jsonTypeName(value)), {});
    const QJsonObject o = value.toObject();
    FC_TRY(onlyKeys(o,
        {QLatin1String("title"), QLatin1String("system"), QLatin1String("note"),
            QLatin1String("unsure"), QLatin1String("entries")},
        place));
    CodeTable t;
    t.name = name;
    auto title = requiredString(o, QLatin1String("title"), place);
    if (!title)
        return fail(title.error());
    t.title = *title;
    // A code is meaningless without its system (JT/T 697.7 and LPR SDKs number colours
    // differently), so every table must name one.
    auto system = requiredString(o, QLatin1String("system"), place);
    if (!system)
        return fail(system.error());
    t.system = *system;
    auto note = optionalString(o, QLatin1String("note"), place);
    if (!note)
        return fail(note.error());
    t.note = *note;
    auto unsure = optionalBool(o, QLatin1String("unsure"), place);
    if (!unsure)
        return fail(unsure.error());
    t.unsure = *unsure;

    const QJsonValue entries = o.value(QLatin1String("entries"));
    if (entries.isUndefined())
        return malformed(
            place, CoreText::tr("the field “entries” is missing"), QStringLiteral("entries"));
    if (!entries.isArray())
        return malformed(place,
            CoreText::tr("“entries” must be an array, not %1").arg(jsonTypeName(entries)),
            QStringLiteral("entries"));
    const QJsonArray array = entries.toArray();
    if (array.isEmpty())
        return malformed(
            place, CoreText::tr("the table has no entries"), QStringLiteral("entries"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Place entryPlace {CoreText::tr("Code table “%1”, entry %2").arg(name).arg(i + 1),
            place.path + QStringLiteral(".entries[%1]").arg(i)};
        auto entry = parseEntry(array.at(i), entryPlace);
        if (!entry)
            return fail(entry.error());
        if (const auto previous = index.constFind(entry->code); previous != index.cend())
            return malformed(entryPlace,
                CoreText::tr("the code “%1” is already used by entry %2")
                    .arg(entry->code)
                    .arg(*previous + 1),
                QStringLiteral("code"));
        index.insert(entry->code, t.entries.size());
        t.entries.append(std::move(*entry));
    }
    return t;
}

Result<CodePattern> parsePattern(const QString& name, const QJsonValue& value)
{
    const Place place {CoreText::tr("Pattern “%1”").arg(name), QStringLiteral("patterns.") + name};
    if (!isIdentifier(name))
        return malformed(place,
            CoreText::tr("a pattern name must be a camelCase identifier "
                         "(letters and digits, starting with a lowercase letter)"),
            {});
    if (!value.isObject())
        return malformed(place,
            CoreText::tr("a pattern must be an object, not %1").arg(jsonTypeName(value)), {});
    const QJsonObject o = value.toObject();
    FC_TRY(onlyKeys(o,
        {QLatin1String("title"), QLatin1String("system"), QLatin1String("format"),
            QLatin1String("regex"), QLatin1String("note"), QLatin1String("unsure")},
        place));
    CodePattern p;
    p.name = name;
    auto title = requiredString(o, QLatin1String("title"), place);
    if (!title)
        return fail(title.error());
    p.title = *title;
    auto system = requiredString(o, QLatin1String("system"), place);
    if (!system)
        return fail(system.error());
    p.system = *system;
    auto format = requiredString(o, QLatin1String("format"), place);
    if (!format)
        return fail(format.error());
    p.format = *format;
    auto regex = requiredString(o, QLatin1String("regex"), place);
    if (!regex)
        return fail(regex.error());
    auto note = optionalString(o, QLatin1String("note"), place);
    if (!note)
        return fail(note.error());
    p.note = *note;
    auto unsure = optionalBool(o, QLatin1String("unsure"), place);
    if (!unsure)
        return fail(unsure.error());
    p.unsure = *unsure;
    // Checked as written, so the error offset points into the pack author's text.
    const QRegularExpression asWritten(*regex, QRegularExpression::UseUnicodePropertiesOption);
    if (!asWritten.isValid())
        return malformed(place,
            CoreText::tr("the regular expression “%1” is invalid: %2 (at offset %3)")
                .arg(*regex, asWritten.errorString())
                .arg(asWritten.patternErrorOffset()),
            QStringLiteral("regex"));
    // Anchored here, so a pattern written without ^…$ still has to match the whole value.
    p.regex = QRegularExpression(QRegularExpression::anchoredPattern(*regex),
        QRegularExpression::UseUnicodePropertiesOption);
    return p;
}

} // namespace

Result<CodeTables> CodeTables::fromJson(const QJsonObject& content)
{
    const Place top {CoreText::tr("Codes content"), QStringLiteral("content")};
    FC_TRY(onlyKeys(content, {QLatin1String("tables"), QLatin1String("patterns")}, top));
    auto tables = requiredObject(content, QLatin1String("tables"), top);
    if (!tables)
        return fail(tables.error());
    if (tables->isEmpty())
        return malformed(top, CoreText::tr("there are no code tables"), QStringLiteral("tables"));

    CodeTables result;
    for (auto it = tables->begin(); it != tables->end(); ++it) {
        QHash<QString, qsizetype> index;
        auto table = parseTable(it.key(), it.value(), index);
        if (!table) {
            Error e = table.error();
            e.context = QStringLiteral("content.") + e.context;
            return fail(std::move(e));
        }
        result.m_tableIndex.insert(table->name, result.m_tables.size());
        result.m_tables.append(std::move(*table));
        result.m_codeIndex.append(std::move(index));
    }

    const QJsonValue patterns = content.value(QLatin1String("patterns"));
    if (!patterns.isUndefined()) {
        if (!patterns.isObject())
            return malformed(top,
                CoreText::tr("“patterns” must be an object, not %1").arg(jsonTypeName(patterns)),
                QStringLiteral("patterns"));
        const QJsonObject o = patterns.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            auto pattern = parsePattern(it.key(), it.value());
            if (!pattern) {
                Error e = pattern.error();
                e.context = QStringLiteral("content.") + e.context;
                return fail(std::move(e));
            }
            result.m_patterns.append(std::move(*pattern));
        }
    }
    return result;
}

const CodeTable* CodeTables::findTable(QStringView name) const
{
    const auto it = m_tableIndex.constFind(name.toString());
    return it == m_tableIndex.cend() ? nullptr : &m_tables.at(*it);
}

std::optional<CodeEntry> CodeTables::lookup(QStringView table, QStringView code) const
{
    const auto t = m_tableIndex.constFind(table.toString());
    if (t == m_tableIndex.cend())
        return std::nullopt;
    const QHash<QString, qsizetype>& codes = m_codeIndex.at(*t);
    const auto e = codes.constFind(code.toString());
    if (e == codes.cend())
        return std::nullopt;
    return m_tables.at(*t).entries.at(*e);
}

QStringList CodeTables::tableNames() const
{
    QStringList names;
    names.reserve(m_tables.size());
    for (const CodeTable& t : m_tables)
        names.append(t.name);
    return names;
}

QList<CodeEntry> CodeTables::table(QStringView name) const
{
    const CodeTable* t = findTable(name);
    return t ? t->entries : QList<CodeEntry>();
}

std::optional<CodeTable> CodeTables::tableInfo(QStringView name) const
{
    const CodeTable* t = findTable(name);
    if (!t)
        return std::nullopt;
    return *t;
}

QString CodeTables::system(QStringView table) const
{
    const CodeTable* t = findTable(table);
    return t ? t->system : QString();
}

QStringList CodeTables::patternNames() const
{
    QStringList names;
    names.reserve(m_patterns.size());
    for (const CodePattern& p : m_patterns)
        names.append(p.name);
    return names;
}

std::optional<CodePattern> CodeTables::pattern(QStringView name) const
{
    for (const CodePattern& p : m_patterns) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

} // namespace fieldcase::rules
