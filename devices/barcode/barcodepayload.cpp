// Classification of scanned text: FieldCase document, URL, ID-number hint or raw text.
#include "devices/barcode/barcodepayload.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace fieldcase::devices {

namespace {

bool isHex(const QString& s)
{
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F')))
            return false;
    }
    return true;
}

} // namespace

BarcodePayload interpret(const QString& text)
{
    BarcodePayload p;
    p.raw = text;
    const QString t = text.trimmed();

    // FieldCase document QR, the format written by forms/issue/documentissuer.cpp.
    const QStringList parts = t.split(QLatin1Char('|'));
    if ((parts.size() == 4 || parts.size() == 5) && parts.at(0) == QLatin1String("FC1")
        && parts.at(3).size() == 64 && isHex(parts.at(3)) && !parts.at(1).isEmpty()
        && !parts.at(2).isEmpty()) {
        p.kind = BarcodePayload::Kind::FieldCaseDocument;
        p.number = parts.at(1);
        p.caseId = parts.at(2);
        p.contentHash = parts.at(3);
        p.verifyUrl = parts.value(4);
        return p;
    }

    // Links: only absolute http(s) with a host; anything else stays text.
    if (t.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)
        || t.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QUrl url(t, QUrl::StrictMode);
        if (url.isValid() && !url.host().isEmpty() && !t.contains(QLatin1Char(' '))) {
            p.kind = BarcodePayload::Kind::Url;
            p.value = t;
            return p;
        }
    }

    // 18-character 居民身份证号码 shape: 6-digit area, 8-digit birth date, 3 digits, check char.
    static const QRegularExpression idPattern(
        QStringLiteral("^[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
                       "\\d{3}[\\dXx]$"));
    if (t.size() == 18 && idPattern.match(t).hasMatch()) {
        p.kind = BarcodePayload::Kind::ChineseIdNumber;
        p.value = t.toUpper();
        return p;
    }

    p.kind = BarcodePayload::Kind::Text;
    return p;
}

QString payloadKindName(BarcodePayload::Kind kind)
{
    switch (kind) {
    case BarcodePayload::Kind::FieldCaseDocument:
        return QCoreApplication::translate("Devices", "FieldCase document");
    case BarcodePayload::Kind::Url:
        return QCoreApplication::translate("Devices", "Link");
    case BarcodePayload::Kind::ChineseIdNumber:
        return QCoreApplication::translate("Devices", "ID number (unverified)");
    case BarcodePayload::Kind::Text:
        break;
    }
    return QCoreApplication::translate("Devices", "Text");
}

} // namespace fieldcase::devices
