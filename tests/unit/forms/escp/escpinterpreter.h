// Test-side ESC/P-K interpreter: replays a byte stream like the printer would, independent of the
// renderer's code and of printer profiles, and reports where every text run and bit image lands.
#pragma once

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

namespace fieldcase::forms::test {

// A run of characters printed from one position without an intervening command.
struct EscpTextRun
{
    int page = 0;
    double xMm = 0; // from the left margin (ESC $ 0)
    double yMm = 0; // top of the character cell, from the top of form
    QString text; // decoded from GB18030
    bool chinese = false; // printed in Chinese (FS &) mode
    int cpi = 10; // Latin pitch in force
    bool bold = false;
};

// One ESC * bit-image command.
struct EscpBitImage
{
    int page = 0;
    int xDots = 0; // 1/180 inch from the left margin
    int yDots = 0; // 1/180 inch from the top of form (top pin)
    int mode = 0;
    int columns = 0;
    QByteArray data;
    [[nodiscard]] double xMm() const { return xDots * 25.4 / 180; }
    [[nodiscard]] double yMm() const { return yDots * 25.4 / 180; }
};

// Everything the interpreter saw.
struct EscpTrace
{
    QList<EscpTextRun> texts;
    QList<EscpBitImage> images;
    QList<int> pageLengthUnits; // ESC ( C values in order
    int formFeeds = 0;
    int inits = 0;
    bool startsWithInit = false;
    bool endsWithFormFeed = false;
    int reverseMoves = 0; // ESC ( V upwards; the renderer must never do this
    QStringList errors; // unknown or truncated commands, bytes outside any mode

    // Text runs of one page, in stream order.
    [[nodiscard]] QList<EscpTextRun> textsOnPage(int page) const;
    // The bit images of a page painted into a 180 dpi raster (black on white).
    [[nodiscard]] QImage raster(int page, int widthDots, int heightDots) const;
    // A readable listing, one command result per line (for golden inspection).
    [[nodiscard]] QString dump() const;
};

// Interprets an ESC/P-K stream.
[[nodiscard]] EscpTrace interpretEscp(const QByteArray& stream);

} // namespace fieldcase::forms::test
