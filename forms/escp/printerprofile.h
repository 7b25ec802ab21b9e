// What the ESC/P-K renderer needs to know about one dot-matrix printer model: its dot grid,
// positioning units, how Chinese mode is switched, which Chinese characters its resident font
// holds, character pitches, and the per-printer calibration used for pre-printed forms (套打).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace fieldcase::forms {

// The Chinese characters a printer can print from its resident font; anything outside is
// printed as a bit image rendered on the terminal.
enum class Repertoire { Gb2312, Gbk, Gb18030 };

// How the page length is announced to the printer at the start of each page.
enum class PageLengthCommand {
    None, // leave the printer's panel/DIP setting alone
    EscParenC, // ESC ( C: ESC/P2 page length in the ESC ( U unit
    EscCInches, // ESC C NUL n: whole inches (ESC/P fallback, rounded up)
};

// One character pitch the printer offers: the resident Latin pitch plus the Chinese spacing that
// together approximate a nominal point size.
struct PitchSetting
{
    double nominalPt = 12; // the TextItem::sizePt this pitch stands for
    int latinCpi = 10; // 10 (ESC P), 12 (ESC M) or 15 (ESC g)
    int latinDots = 18; // advance of one Latin character in horizontal dots
    int cjkLeftDots = 3; // FS S n1: space left of each full-width Chinese character
    int cjkRightDots = 3; // FS S n2: space right of it
    int cjkDots = 30; // full-width advance: glyph + left + right
};

// Per-printer 套打 calibration, measured with alignmentTestPage().
struct Calibration
{
    int offsetX01mm = 0; // added to every x, in 0.1 mm (positive = right)
    int offsetY01mm = 0; // added to every y, in 0.1 mm (positive = down)
    // Feed error of the paper transport in parts per thousand: +3 stretches every vertical
    // distance from the top of form by 0.3 % (tractor feeds drift on long forms).
    int linePitchCorrectionPerMille = 0;
};

// A printer model's capabilities and calibration, loaded from forms/printers/*.json.
struct PrinterProfile
{
    QString id; // file stem, e.g. "epson-lq630k"
    QString model; // human-readable model name
    int horizontalDpi = 180; // dot grid of characters and bit images, horizontally
    int verticalDpi = 180; // ESC J unit and pin pitch (n/180 inch on 24-pin heads)
    bool setUnitSupported = true; // ESC ( U available (ESC/P2); otherwise ESC $ is in 1/60 inch
    int positionUnitDpi = 180; // unit of ESC $ / ESC ( C after ESC ( U
    QByteArray chineseModeEnter; // e.g. FS & (1C 26)
    QByteArray chineseModeLeave; // e.g. FS . (1C 2E)
    int cjkGlyphDots = 24; // resident Chinese glyph size in dots (square)
    Repertoire repertoire = Repertoire::Gb2312;
    QList<PitchSetting> pitches; // at least one; chosen by nearest nominalPt
    double maxTextPt = 14; // larger TextItems are printed as bit images (titles)
    int linePitchDots = 30; // ESC 3 n default line spacing, in 1/180 inch
    int bitImageMode = 39; // ESC * m; 39 = 24-dot, 180 dpi horizontally
    int bitImagePins = 24; // rows per bit-image band
    bool unidirectional = true; // ESC U 1: slower, but QR modules and rules line up
    PageLengthCommand pageLength = PageLengthCommand::EscParenC;
    double originXMm = 0; // paper x of ESC $ 0 (left margin of the carriage)
    double originYMm = 0; // paper y of the top-of-form print line after loading a sheet
    Calibration calibration;

    // Parses and validates a profile; errors name the offending key.
    [[nodiscard]] static Result<PrinterProfile> fromJson(const QJsonObject& json);
    // Reads a profile file (forms/printers/<id>.json); the id is the file stem.
    [[nodiscard]] static Result<PrinterProfile> fromFile(const QString& path);
    // Serialises back to the JSON shape fromJson() accepts (for saving calibration).
    [[nodiscard]] QJsonObject toJson() const;

    // Whether the printer's resident font holds a character encoded as these GB18030 bytes.
    [[nodiscard]] bool isResident(const QByteArray& gb18030) const;
    // The pitch nearest to a nominal point size.
    [[nodiscard]] const PitchSetting& pitchFor(double sizePt) const;
};

// The name used in JSON for a repertoire ("gb2312", "gbk", "gb18030").
[[nodiscard]] QString repertoireName(Repertoire repertoire);

} // namespace fieldcase::forms
