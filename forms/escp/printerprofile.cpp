#include "forms/escp/printerprofile.h"

#include "forms/formstext.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace fieldcase::forms {

namespace {

// Reads JSON keys with range checks; the first failure is kept with its key path.
class Reader
{
public:
    explicit Reader(QString path)
        : m_path(std::move(path))
    { }

    std::optional<Error> error;

    QString key(const QString& name) const
    {
        return m_path.isEmpty() ? name : m_path + QLatin1Char('.') + name;
    }

    void setError(const QString& keyPath, const QString& message)
    {
        if (!error)
            error = Error {ErrorCode::InvalidArgument, message, keyPath};
    }

    QJsonValue require(const QJsonObject& obj, const QString& name)
    {
        if (!obj.contains(name))
            setError(key(name),
                FormsText::tr("Printer profile: required key \"%1\" is missing.").arg(key(name)));
        return obj.value(name);
    }

    QString string(const QJsonObject& obj, const QString& name)
    {
        const QJsonValue v = require(obj, name);
        if (!error && (!v.isString() || v.toString().trimmed().isEmpty()))
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be a non-empty string.")
                    .arg(key(name)));
        return v.toString();
    }

    double number(const QJsonObject& obj, const QString& name, double min, double max,
        std::optional<double> fallback = std::nullopt)
    {
        if (fallback && !obj.contains(name))
            return *fallback;
        const QJsonValue v = require(obj, name);
        if (error)
            return 0;
        if (!v.isDouble()) {
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be a number.").arg(key(name)));
            return 0;
        }
        const double d = v.toDouble();
        if (d < min || d > max) {
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" is %2 but must be between %3 and %4.")
                    .arg(key(name))
                    .arg(d)
                    .arg(min)
                    .arg(max));
        }
        return d;
    }

    int integer(const QJsonObject& obj, const QString& name, int min, int max,
        std::optional<int> fallback = std::nullopt)
    {
        if (fallback && !obj.contains(name))
            return *fallback;
        const double d = number(obj, name, min, max);
        if (!error && d != std::floor(d))
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be a whole number.").arg(key(name)));
        return static_cast<int>(d);
    }

    bool boolean(const QJsonObject& obj, const QString& name, bool fallback)
    {
        if (!obj.contains(name))
            return fallback;
        const QJsonValue v = obj.value(name);
        if (!v.isBool())
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be true or false.").arg(key(name)));
        return v.toBool();
    }

    QJsonObject object(const QJsonObject& obj, const QString& name, bool required)
    {
        if (!required && !obj.contains(name))
            return {};
        const QJsonValue v = require(obj, name);
        if (!error && !v.isObject())
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be an object.").arg(key(name)));
        return v.toObject();
    }

    // A byte sequence written as hex ("1C26"); whitespace between bytes is allowed.
    QByteArray hexBytes(const QJsonObject& obj, const QString& name)
    {
        QString text = string(obj, name);
        if (error)
            return {};
        text.remove(QLatin1Char(' '));
        bool ok = text.size() % 2 == 0 && text.size() <= 16;
        for (const QChar c : std::as_const(text))
            ok = ok
                && (c.isDigit()
                    || (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('f')));
        if (!ok) {
            setError(key(name),
                FormsText::tr("Printer profile: \"%1\" must be 1 to 8 bytes written as hex digits, "
                              "e.g. \"1C26\"; got \"%2\".")
                    .arg(key(name), text));
            return {};
        }
        return QByteArray::fromHex(text.toLatin1());
    }

private:
    QString m_path;
};

const QString kVersion = QStringLiteral("formatVersion");

} // namespace

QString repertoireName(Repertoire repertoire)
{
    switch (repertoire) {
    case Repertoire::Gb2312:
        return QStringLiteral("gb2312");
    case Repertoire::Gbk:
        return QStringLiteral("gbk");
    case Repertoire::Gb18030:
        return QStringLiteral("gb18030");
    }
    return {};
}

Result<PrinterProfile> PrinterProfile::fromJson(const QJsonObject& json)
{
    PrinterProfile p;
    Reader top {QString()};
    const int version = top.integer(json, kVersion, 1, 1000);
    if (!top.error && version != 1) {
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Printer profile: format version %1 is not supported (expected 1).")
                .arg(version),
            kVersion);
    }
    p.id = json.value(QStringLiteral("id")).toString();
    p.model = top.string(json, QStringLiteral("model"));

    const QJsonObject dpi = top.object(json, QStringLiteral("dpi"), true);
    Reader dpiR {QStringLiteral("dpi")};
    if (!top.error) {
        // 24-pin heads have a 1/180 inch pin pitch and ESC J counts in 1/180 inch; the renderer
        // relies on one vertical dot = one ESC J step = one bit-image row.
        p.horizontalDpi = dpiR.integer(dpi, QStringLiteral("horizontal"), 180, 180);
        p.verticalDpi = dpiR.integer(dpi, QStringLiteral("vertical"), 180, 180);
    }
    if (dpiR.error)
        return fail(*dpiR.error);

    const QJsonObject pos = top.object(json, QStringLiteral("positioning"), false);
    Reader posR {QStringLiteral("positioning")};
    p.setUnitSupported = posR.boolean(pos, QStringLiteral("setUnit"), true);
    p.positionUnitDpi = p.setUnitSupported
        ? posR.integer(pos, QStringLiteral("unitDpi"), 60, 720, p.horizontalDpi)
        : 60; // ESC/P without ESC ( U: ESC $ counts in 1/60 inch
    // ESC ( U takes m with unit = m/3600 inch, so the unit must divide 3600.
    if (!posR.error && 3600 % p.positionUnitDpi != 0) {
        posR.setError(posR.key(QStringLiteral("unitDpi")),
            FormsText::tr(
                "Printer profile: \"positioning.unitDpi\" must divide 3600 (e.g. 60, 180, 360)."));
    }
    if (posR.error)
        return fail(*posR.error);

    const QJsonObject cm = top.object(json, QStringLiteral("chineseMode"), true);
    if (top.error)
        return fail(*top.error);
    Reader cmR {QStringLiteral("chineseMode")};
    p.chineseModeEnter = cmR.hexBytes(cm, QStringLiteral("enter"));
    p.chineseModeLeave = cmR.hexBytes(cm, QStringLiteral("leave"));
    p.cjkGlyphDots = cmR.integer(cm, QStringLiteral("glyphDots"), 24, 24, 24);
    if (cmR.error)
        return fail(*cmR.error);

    const QString rep = top.string(json, QStringLiteral("repertoire"));
    if (top.error)
        return fail(*top.error);
    if (rep == QLatin1String("gb2312"))
        p.repertoire = Repertoire::Gb2312;
    else if (rep == QLatin1String("gbk"))
        p.repertoire = Repertoire::Gbk;
    else if (rep == QLatin1String("gb18030"))
        p.repertoire = Repertoire::Gb18030;
    else
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr(
                "Printer profile: \"repertoire\" must be gb2312, gbk or gb18030; got \"%1\".")
                .arg(rep),
            QStringLiteral("repertoire"));

    const QJsonValue pitches = top.require(json, QStringLiteral("pitches"));
    if (top.error)
        return fail(*top.error);
    if (!pitches.isArray() || pitches.toArray().isEmpty())
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Printer profile: \"pitches\" must be a non-empty array."),
            QStringLiteral("pitches"));
    const QJsonArray pitchArray = pitches.toArray();
    for (qsizetype i = 0; i < pitchArray.size(); ++i) {
        const QString path = QStringLiteral("pitches[%1]").arg(i);
        Reader r {path};
        if (!pitchArray.at(i).isObject())
            return fail(ErrorCode::InvalidArgument,
                FormsText::tr("Printer profile: \"%1\" must be an object.").arg(path), path);
        const QJsonObject o = pitchArray.at(i).toObject();
        PitchSetting s;
        s.nominalPt = r.number(o, QStringLiteral("nominalPt"), 4, 72);
        s.latinCpi = r.integer(o, QStringLiteral("latinCpi"), 10, 15);
        if (!r.error && s.latinCpi != 10 && s.latinCpi != 12 && s.latinCpi != 15)
            r.setError(r.key(QStringLiteral("latinCpi")),
                FormsText::tr("Printer profile: \"%1\" must be 10, 12 or 15 (ESC P, ESC M, ESC g).")
                    .arg(r.key(QStringLiteral("latinCpi"))));
        s.latinDots = r.integer(o, QStringLiteral("latinDots"), 1, 255);
        if (!r.error && s.latinDots * s.latinCpi != p.horizontalDpi)
            r.setError(r.key(QStringLiteral("latinDots")),
                FormsText::tr("Printer profile: \"%1\" is %2 but %3 cpi at %4 dpi is %5 dots.")
                    .arg(r.key(QStringLiteral("latinDots")))
                    .arg(s.latinDots)
                    .arg(s.latinCpi)
                    .arg(p.horizontalDpi)
                    .arg(p.horizontalDpi / s.latinCpi));
        s.cjkLeftDots = r.integer(o, QStringLiteral("cjkLeftDots"), 0, 255);
        s.cjkRightDots = r.integer(o, QStringLiteral("cjkRightDots"), 0, 255);
        s.cjkDots = r.integer(o, QStringLiteral("cjkDots"), 1, 600);
        if (!r.error && s.cjkDots != p.cjkGlyphDots + s.cjkLeftDots + s.cjkRightDots)
            r.setError(r.key(QStringLiteral("cjkDots")),
                FormsText::tr(
                    "Printer profile: \"%1\" is %2 but glyph %3 + left %4 + right %5 = %6 dots.")
                    .arg(r.key(QStringLiteral("cjkDots")))
                    .arg(s.cjkDots)
                    .arg(p.cjkGlyphDots)
                    .arg(s.cjkLeftDots)
                    .arg(s.cjkRightDots)
                    .arg(p.cjkGlyphDots + s.cjkLeftDots + s.cjkRightDots));
        if (r.error)
            return fail(*r.error);
        p.pitches.append(s);
    }

    p.maxTextPt = top.number(json, QStringLiteral("maxTextPt"), 4, 72, 14.0);
    p.linePitchDots = top.integer(json, QStringLiteral("linePitchDots"), 1, 255, 30);
    p.unidirectional = top.boolean(json, QStringLiteral("unidirectional"), true);
    if (top.error)
        return fail(*top.error);

    const QJsonObject bi = top.object(json, QStringLiteral("bitImage"), false);
    Reader biR {QStringLiteral("bitImage")};
    // Only m = 39 (24 pins, 180 dpi, no adjacent-dot restriction) is implemented: it matches the
    // 1/180 inch grid used for everything else, so bands need no resampling.
    p.bitImageMode = biR.integer(bi, QStringLiteral("mode"), 39, 39, 39);
    p.bitImagePins = biR.integer(bi, QStringLiteral("pins"), 24, 24, 24);
    if (biR.error)
        return fail(*biR.error);

    const QString pl
        = json.value(QStringLiteral("pageLength")).toString(QStringLiteral("escParenC"));
    if (pl == QLatin1String("escParenC"))
        p.pageLength = PageLengthCommand::EscParenC;
    else if (pl == QLatin1String("escCInches"))
        p.pageLength = PageLengthCommand::EscCInches;
    else if (pl == QLatin1String("none"))
        p.pageLength = PageLengthCommand::None;
    else
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Printer profile: \"pageLength\" must be escParenC, escCInches or none; "
                          "got \"%1\".")
                .arg(pl),
            QStringLiteral("pageLength"));
    if (p.pageLength == PageLengthCommand::EscParenC && !p.setUnitSupported)
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Printer profile: \"pageLength\" escParenC needs \"positioning.setUnit\" "
                          "(ESC/P2)."),
            QStringLiteral("pageLength"));

    const QJsonObject origin = top.object(json, QStringLiteral("origin"), false);
    Reader oR {QStringLiteral("origin")};
    p.originXMm = oR.number(origin, QStringLiteral("xMm"), -50, 100, 0.0);
    p.originYMm = oR.number(origin, QStringLiteral("yMm"), -50, 100, 0.0);
    if (oR.error)
        return fail(*oR.error);

    const QJsonObject cal = top.object(json, QStringLiteral("calibration"), false);
    if (top.error)
        return fail(*top.error);
    Reader cR {QStringLiteral("calibration")};
    p.calibration.offsetX01mm = cR.integer(cal, QStringLiteral("offsetX01mm"), -500, 500, 0);
    p.calibration.offsetY01mm = cR.integer(cal, QStringLiteral("offsetY01mm"), -500, 500, 0);
    p.calibration.linePitchCorrectionPerMille
        = cR.integer(cal, QStringLiteral("linePitchCorrectionPerMille"), -50, 50, 0);
    if (cR.error)
        return fail(*cR.error);
    return p;
}

Result<PrinterProfile> PrinterProfile::fromFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            FormsText::tr("Printer profile %1 cannot be read: %2").arg(path, file.errorString()),
            path);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Printer profile %1 is not a JSON object: %2 at offset %3.")
                .arg(path, parseError.errorString())
                .arg(parseError.offset),
            path);
    auto profile = fromJson(doc.object());
    if (!profile) {
        profile.error().context = path + QLatin1Char(':') + profile.error().context;
        return profile;
    }
    if (profile->id.isEmpty())
        profile->id = QFileInfo(path).completeBaseName();
    return profile;
}

QJsonObject PrinterProfile::toJson() const
{
    QJsonArray pitchArray;
    for (const PitchSetting& s : pitches) {
        pitchArray.append(QJsonObject {{QStringLiteral("nominalPt"), s.nominalPt},
            {QStringLiteral("latinCpi"), s.latinCpi}, {QStringLiteral("latinDots"), s.latinDots},
            {QStringLiteral("cjkLeftDots"), s.cjkLeftDots},
            {QStringLiteral("cjkRightDots"), s.cjkRightDots},
            {QStringLiteral("cjkDots"), s.cjkDots}});
    }
    QString pl;
    switch (pageLength) {
    case PageLengthCommand::None:
        pl = QStringLiteral("none");
        break;
    case PageLengthCommand::EscParenC:
        pl = QStringLiteral("escParenC");
        break;
    case PageLengthCommand::EscCInches:
        pl = QStringLiteral("escCInches");
        break;
    }
    QJsonObject positioning {{QStringLiteral("setUnit"), setUnitSupported}};
    if (setUnitSupported)
        positioning.insert(QStringLiteral("unitDpi"), positionUnitDpi);
    return QJsonObject {
        {kVersion, 1},
        {QStringLiteral("id"), id},
        {QStringLiteral("model"), model},
        {QStringLiteral("dpi"),
            QJsonObject {{QStringLiteral("horizontal"), horizontalDpi},
                {QStringLiteral("vertical"), verticalDpi}}},
        {QStringLiteral("positioning"), positioning},
        {QStringLiteral("chineseMode"),
            QJsonObject {{QStringLiteral("enter"), QString::fromLatin1(chineseModeEnter.toHex())},
                {QStringLiteral("leave"), QString::fromLatin1(chineseModeLeave.toHex())},
                {QStringLiteral("glyphDots"), cjkGlyphDots}}},
        {QStringLiteral("repertoire"), repertoireName(repertoire)},
        {QStringLiteral("pitches"), pitchArray},
        {QStringLiteral("maxTextPt"), maxTextPt},
        {QStringLiteral("linePitchDots"), linePitchDots},
        {QStringLiteral("bitImage"),
            QJsonObject {
                {QStringLiteral("mode"), bitImageMode}, {QStringLiteral("pins"), bitImagePins}}},
        {QStringLiteral("unidirectional"), unidirectional},
        {QStringLiteral("pageLength"), pl},
        {QStringLiteral("origin"),
            QJsonObject {{QStringLiteral("xMm"), originXMm}, {QStringLiteral("yMm"), originYMm}}},
        {QStringLiteral("calibration"),
            QJsonObject {{QStringLiteral("offsetX01mm"), calibration.offsetX01mm},
                {QStringLiteral("offsetY01mm"), calibration.offsetY01mm},
                {QStringLiteral("linePitchCorrectionPerMille"),
                    calibration.linePitchCorrectionPerMille}}},
    };
}

bool PrinterProfile::isResident(const QByteArray& gb) const
{
    const auto b = [&](qsizetype i) { return static_cast<unsigned char>(gb.at(i)); };
    if (gb.size() == 2) {
        const unsigned char lead = b(0);
        const unsigned char trail = b(1);
        switch (repertoire) {
        case Repertoire::Gb2312:
            // EUC-CN: both bytes A1..FE; rows AA..AF and F8..FE are unassigned / user-defined and
            // print blank on a GB2312 font, so they count as missing.
            return lead >= 0xA1 && lead <= 0xF7 && !(lead >= 0xAA && lead <= 0xAF) && trail >= 0xA1
                && trail <= 0xFE;
        case Repertoire::Gbk:
        case Repertoire::Gb18030:
            return lead >= 0x81 && lead <= 0xFE && trail >= 0x40 && trail <= 0xFE && trail != 0x7F;
        }
    }
    // Four-byte GB18030 sequences (CJK Ext. B and beyond, minority scripts) exist only in fonts
    // that implement GB18030 itself.
    return gb.size() == 4 && repertoire == Repertoire::Gb18030;
}

const PitchSetting& PrinterProfile::pitchFor(double sizePt) const
{
    qsizetype best = 0;
    for (qsizetype i = 1; i < pitches.size(); ++i) {
        if (std::abs(pitches.at(i).nominalPt - sizePt)
            < std::abs(pitches.at(best).nominalPt - sizePt))
            best = i;
    }
    return pitches.at(best);
}

} // namespace fieldcase::forms
