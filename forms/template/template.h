// Document templates (执法文书式样) as data, and the layout engine that turns a template plus case
// data into a LaidOutDocument. The format is documented in docs/templates.md.
#pragma once

#include "core/util/result.h"
#include "forms/layout/layout.h"

#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

namespace fieldcase::forms {

// The kinds of element a template may place on a page.
enum class ElementKind { Text, Field, Flow, Table, Checkbox, Line, Signature, Seal, Qr };

// One column of a table element: header title, key into each row object, width in mm.
struct TableColumn
{
    QString title;
    QString key;
    double widthMm = 20;
    Align align = Align::Left;
};

// One element of a template; which members matter depends on kind (see docs/templates.md).
struct TemplateElement
{
    ElementKind kind = ElementKind::Text;
    QString id;
    QRectF boxMm; // page-absolute on page 1 (or on every page when everyPage is set)
    QString text; // Text: fixed text, may hold {path} placeholders; Checkbox/Signature/Seal: label
    QString path; // data path (Field, Flow, Table, Checkbox, Seal, Qr)
    QString label; // human name of the datum, used in "needs ..." messages
    QString value; // Checkbox: ticked when the datum equals this (empty: datum is a boolean)
    double sizePt = 10.5;
    double minSizePt = 7; // Field: may shrink down to this size to fit
    double lineSpacing = 1.5; // line height = sizePt * lineSpacing
    bool bold = false;
    Align align = Align::Left;
    bool required = false;
    bool everyPage = false; // repeated at the same place on every page
    bool afterFlow = false; // y is relative to where the flowing content ends
    bool dateLine = false; // Signature/Seal: add "年  月  日"
    QStringList preamble; // Flow: leading paragraphs with {path} placeholders
    QStringList itemParagraphs; // Flow: per array item, with {n} and {key} placeholders
    QList<TableColumn> columns; // Table
    QPointF fromMm; // Line
    QPointF toMm; // Line
    double widthMm = 0.3; // Line width
};

// A required datum of the whole document that no single element owns (e.g. one used in a sentence).
struct RequiredDatum
{
    QString path;
    QString label;
};

// A versioned document template, validated on load.
class DocumentTemplate
{
public:
    // Parses and validates a template; knownFieldPaths, when non-empty, lists every data path the
    // template may bind to (unknown paths are refused).
    [[nodiscard]] static Result<DocumentTemplate> fromJson(
        const QJsonObject& json, const QStringList& knownFieldPaths = {});
    // Reads a template JSON file and validates it as fromJson does.
    [[nodiscard]] static Result<DocumentTemplate> fromFile(
        const QString& path, const QStringList& knownFieldPaths = {});

    QString id;
    QString title;
    QString subtitle; // e.g. 交通运输行政执法文书式样之十四
    QString version;
    QString effectiveFrom; // ISO date, inclusive
    QString effectiveTo; // ISO date, inclusive; empty = open-ended
    QSizeF pageSizeMm {210, 297};
    double marginTop = 15;
    double marginBottom = 15;
    double marginLeft = 20;
    double marginRight = 20;
    double headerHeightMm = 22; // title and 案号 band at the top of the content area
    double footerHeightMm = 12; // footer text and page number band at the bottom
    double titleSizePt = 18;
    QString caseNumberPath; // 案号 shown in the header of every page
    QString footerText;
    bool pageNumbers = true;
    QList<TemplateElement> elements;
    QList<RequiredDatum> required;

    // The rectangle between header and footer, where elements may go.
    [[nodiscard]] QRectF bodyRectMm() const;
    // Every data path the template binds to (fields, placeholders, checkboxes, QR, ...).
    [[nodiscard]] QStringList boundPaths() const;
};

// Lays out a template with case data: resolves paths, wraps text, flows onto new pages, splits
// tables, numbers pages. Refuses (InvalidArgument) when a required datum is empty.
[[nodiscard]] Result<LaidOutDocument> layout(const DocumentTemplate& tmpl, const QJsonObject& data);

// Breaks text into lines no wider than widthMm at sizePt in "Noto Sans CJK SC" (CJK per character,
// Latin words kept together, explicit newlines honoured).
[[nodiscard]] QStringList wrapText(const QString& text, double widthMm, double sizePt, bool bold);

// The advance width of text in mm at sizePt in "Noto Sans CJK SC".
[[nodiscard]] double textWidthMm(const QString& text, double sizePt, bool bold);

// Encodes text (UTF-8) as a QR code into a 1-bit image, one pixel per module plus a quiet zone.
[[nodiscard]] Result<QImage> makeQrImage(const QString& text);

} // namespace fieldcase::forms
