// Renders a LaidOutDocument to PDF (QPdfWriter) and to preview images that match the PDF: both
// paint every item at its laid-out box and never re-wrap text.
#pragma once

#include "core/util/result.h"
#include "forms/layout/layout.h"

#include <QImage>
#include <QString>

class QPainter;

namespace fieldcase::forms {

// Writes the document as a PDF file with "Noto Sans CJK SC" embedded; refuses an empty document.
[[nodiscard]] Status renderPdf(const LaidOutDocument& doc, const QString& path);

// Renders one page as an RGB image at dpi for on-screen preview.
[[nodiscard]] QImage renderPreview(const Page& page, double dpi);

// Paints one page on a painter whose device has pxPerMm device pixels per millimetre.
void paintPage(QPainter& painter, const Page& page, double pxPerMm);

} // namespace fieldcase::forms
