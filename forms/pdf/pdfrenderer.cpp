#include "forms/pdf/pdfrenderer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFont>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace fieldcase::forms {

namespace {

constexpr int kPdfDpi = 1200;

Qt::Alignment qtAlign(Align a)
{
    switch (a) {
    case Align::Center:
        return Qt::AlignHCenter;
    case Align::Right:
        return Qt::AlignRight;
    case Align::Left:
        break;
    }
    return Qt::AlignLeft;
}

QRectF toPx(const QRectF& mm, double s)
{
    return QRectF(mm.x() * s, mm.y() * s, mm.width() * s, mm.height() * s);
}

} // namespace

void paintPage(QPainter& painter, const Page& page, double pxPerMm)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    for (const LineItem& l : page.lines) {
        QPen pen(Qt::black);
        pen.setWidthF(l.widthMm * pxPerMm);
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        painter.drawLine(l.fromMm * pxPerMm, l.toMm * pxPerMm);
    }
    painter.setPen(Qt::black);
    for (const TextItem& t : page.texts) {
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        // Point sizes are converted by the device's DPI, the same way the layout measured them.
        font.setPointSizeF(t.sizePt);
        font.setBold(t.bold);
        font.setHintingPreference(QFont::PreferNoHinting);
        font.setKerning(false);
        painter.setFont(font);
        // TextDontClip and no word wrap: the engine already broke the lines.
        painter.drawText(toPx(t.boxMm, pxPerMm),
            int(qtAlign(t.align) | Qt::AlignVCenter | Qt::TextDontClip | Qt::TextSingleLine),
            t.text);
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (const ImageItem& img : page.images)
        painter.drawImage(toPx(img.boxMm, pxPerMm), img.image);
    painter.restore();
}

Status renderPdf(const LaidOutDocument& doc, const QString& path)
{
    if (doc.pages.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            QCoreApplication::translate("Forms", "The document has no pages"));
    // Written to a temporary file and renamed on success, so a failed render leaves no half PDF.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Forms", "Cannot write %1: %2")
                .arg(path, file.errorString()));
    {
        QPdfWriter writer(&file);
        writer.setResolution(kPdfDpi);
        writer.setTitle(doc.title);
        writer.setCreator(QStringLiteral("FieldCase"));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(doc.pages.first().sizeMm, QPageSize::Millimeter));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(ErrorCode::Io,
                QCoreApplication::translate("Forms", "Cannot start the PDF painter for %1")
                    .arg(path));
        const double pxPerMm = kPdfDpi / 25.4;
        for (qsizetype i = 0; i < doc.pages.size(); ++i) {
            if (i > 0) {
                writer.setPageSize(QPageSize(doc.pages[i].sizeMm, QPageSize::Millimeter));
                writer.newPage();
            }
            paintPage(painter, doc.pages[i], pxPerMm);
        }
        painter.end();
    }
    if (!file.commit())
        return fail(ErrorCode::Io,
            QCoreApplication::translate("Forms", "Cannot save %1: %2")
                .arg(path, file.errorString()));
    return {};
}

QImage renderPreview(const Page& page, double dpi)
{
    const double pxPerMm = dpi / 25.4;
    QImage img(qRound(page.sizeMm.width() * pxPerMm), qRound(page.sizeMm.height() * pxPerMm),
        QImage::Format_RGB32);
    const int dpm = qRound(dpi / 0.0254);
    img.setDotsPerMeterX(dpm);
    img.setDotsPerMeterY(dpm);
    img.fill(Qt::white);
    QPainter painter(&img);
    paintPage(painter, page, pxPerMm);
    painter.end();
    return img;
}

} // namespace fieldcase::forms
