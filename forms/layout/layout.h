// The laid-out document: pages of positioned text lines, rules and images in millimetres from
// the page's top-left corner. The layout engine produces it from a template and case data; the
// PDF/preview and ESC/P-K renderers consume it, so every text run lands at the same place on
// screen, in the PDF and on the dot-matrix printer.
#pragma once

#include <QImage>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace fieldcase::forms {

enum class Align { Left, Center, Right };

// One line of text (the engine breaks paragraphs into lines; renderers never wrap).
struct TextItem
{
    QRectF boxMm; // the line's box; text sits on the box, aligned within it
    QString text;
    double sizePt = 12; // nominal size; the ESC/P renderer maps it to the printer's pitch
    bool bold = false;
    Align align = Align::Left;
    QString source; // template element id / field path, for tests and diagnostics
};

// A straight rule (table borders, signature lines, underlines).
struct LineItem
{
    QPointF fromMm;
    QPointF toMm;
    double widthMm = 0.3;
};

// A raster image placed in a box: QR codes (1 bit), seals in previews.
struct ImageItem
{
    QRectF boxMm;
    QImage image;
    QString kind; // "qr", "glyph", "seal"
};

struct Page
{
    QSizeF sizeMm {210, 297};
    QList<TextItem> texts;
    QList<LineItem> lines;
    QList<ImageItem> images;
};

struct LaidOutDocument
{
    QString templateId;
    QString templateVersion;
    QString title;
    QList<Page> pages;
};

} // namespace fieldcase::forms
