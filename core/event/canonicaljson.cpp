#include "core/event/canonicaljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <vector>

namespace fieldcase {

namespace {

void appendString(QByteArray& out, const QString& s)
{
    out += '"';
    const QByteArray utf8 = s.toUtf8();
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[u >> 4];
                out += hex[u & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

void appendNumber(QByteArray& out, const QJsonValue& v)
{
    // Integers (also integral doubles within the exactly-representable range) print as such,
    // so a value that went through a double on another platform still hashes the same.
    const QVariant var = v.toVariant();
    if (var.typeId() == QMetaType::LongLong || var.typeId() == QMetaType::Int) {
        out += QByteArray::number(var.toLongLong());
        return;
    }
    const double d = v.toDouble();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9007199254740992.0) {
        out += QByteArray::number(qint64(d));
        return;
    }
    if (!std::isfinite(d)) {
        out += "null"; // JSON has no NaN/Inf; QJsonValue never produces them from parsing
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

void append(QByteArray& out, const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += v.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, v);
        break;
    case QJsonValue::String:
        appendString(out, v.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        bool first = true;
        for (const QJsonValue& item : v.toArray()) {
            if (!first)
                out += ',';
            first = false;
            append(out, item);
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject obj = v.toObject();
        std::vector<std::pair<QByteArray, QString>> keys;
        keys.reserve(size_t(obj.size()));
        for (auto it = obj.begin(); it != obj.end(); ++it)
            keys.emplace_back(it.key().toUtf8(), it.key());
        std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
        out += '{';
        bool first = true;
        for (const auto& [utf8, key] : keys) {
            if (!first)
                out += ',';
            first = false;
            appendString(out, key);
            out += ':';
            append(out, obj.value(key));
        }
        out += '}';
        break;
    }
    }
}

} // namespace

QByteArray canonicalJson(const QJsonValue& value)
{
    QByteArray out;
    out.reserve(256);
    append(out, value);
    return out;
}

} // namespace fieldcase
