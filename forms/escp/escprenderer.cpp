#include "forms/escp/escprenderer.h"

#include "forms/formstext.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QStringEncoder>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

namespace fieldcase::forms {

namespace {

constexpr char kEsc = 0x1B;
constexpr char kFs = 0x1C;
constexpr char kFf = 0x0C;
constexpr double kMmPerInch = 25.4;
// ESC J takes at most 255/180 inch per command.
constexpr int kMaxFeed = 255;
// Blank columns inside a band longer than this split it into two bit images, so the head does
// not shuttle blank data across the page between a left and a right rule.
constexpr int kSplitGap = 48;

void appendLe16(QByteArray& out, int value)
{
    out.append(static_cast<char>(value & 0xFF));
    out.append(static_cast<char>((value >> 8) & 0xFF));
}

// One thing to print on a page, at a position in printer dots from the top of form (y) and the
// left margin (x). Either a text run in one mode or one 24-row bit-image band.
struct Op
{
    enum class Kind { Latin, Cjk, Bits };
    Kind kind = Kind::Latin;
    int y = 0;
    int x = 0;
    int seq = 0; // insertion order, keeps sorting stable
    QByteArray bytes; // text bytes, or 3 bytes per column for Bits
    int widthDots = 0; // advance after printing
    const PitchSetting* pitch = nullptr;
    bool bold = false;
    QString source;
};

// Maps layout millimetres to printer dots, applying origin and calibration.
class DotMapper
{
public:
    DotMapper(const PrinterProfile& profile, bool calibrated)
        : m_profile(profile)
    {
        if (calibrated) {
            m_offsetX = profile.calibration.offsetX01mm / 10.0;
            m_offsetY = profile.calibration.offsetY01mm / 10.0;
            m_scaleY = 1.0 + profile.calibration.linePitchCorrectionPerMille / 1000.0;
        }
    }

    [[nodiscard]] double xDotsF(double mm) const
    {
        return (mm - m_profile.originXMm + m_offsetX) * m_profile.horizontalDpi / kMmPerInch;
    }
    // Why a scale: tractor and friction feeds advance slightly more or less than nominal, an
    // error that grows towards the bottom of a pre-printed form; it is measured per printer.
    [[nodiscard]] double yDotsF(double mm) const
    {
        return (mm - m_profile.originYMm + m_offsetY) * m_scaleY * m_profile.verticalDpi
            / kMmPerInch;
    }
    [[nodiscard]] int xDots(double mm) const { return static_cast<int>(std::lround(xDotsF(mm))); }
    [[nodiscard]] int yDots(double mm) const { return static_cast<int>(std::lround(yDotsF(mm))); }
    [[nodiscard]] double dotsToMmY(int dots) const
    {
        return dots * kMmPerInch / m_profile.verticalDpi;
    }

private:
    const PrinterProfile& m_profile;
    double m_offsetX = 0;
    double m_offsetY = 0;
    double m_scaleY = 1;
};

// Cuts a raster into 24-row ESC * bands at (x, y) dots; dark pixels (gray < 128) are dots.
void appendBands(
    QList<Op>& ops, int& seq, const QImage& image, int x, int y, int pins, const QString& source)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const int width = gray.width();
    QByteArray columns;
    std::vector<char> used;
    for (int top = 0; top < gray.height(); top += pins) {
        // Row-major: one scanline per pin row, and bands without ink are skipped outright
        // (most of a page-wide rule raster is paper).
        columns.fill('\0', width * 3);
        used.assign(size_t(width), 0);
        bool any = false;
        for (int pin = 0; pin < pins && top + pin < gray.height(); ++pin) {
            const uchar* line = gray.constScanLine(top + pin);
            const auto bit = static_cast<unsigned char>(0x80 >> (pin % 8));
            const int byte = pin / 8;
            for (int col = 0; col < width; ++col) {
                if (line[col] < 128) {
                    // m = 39 column layout: 3 bytes top to bottom, MSB = top pin of each byte.
                    char& b = columns[col * 3 + byte];
                    b = static_cast<char>(static_cast<unsigned char>(b) | bit);
                    used[size_t(col)] = 1;
                    any = true;
                }
            }
        }
        if (!any)
            continue;
        // Emit each run of inked columns, bridging short gaps.
        int col = 0;
        while (col < gray.width()) {
            while (col < gray.width() && !used[size_t(col)])
                ++col;
            if (col >= gray.width())
                break;
            const int start = col;
            int end = col; // one past the last inked column
            int gap = 0;
            for (; col < gray.width() && gap <= kSplitGap; ++col) {
                if (used[size_t(col)]) {
                    end = col + 1;
                    gap = 0;
                } else {
                    ++gap;
                }
            }
            col = end;
            Op op;
            op.kind = Op::Kind::Bits;
            op.x = x + start;
            op.y = y + top;
            op.seq = seq++;
            op.bytes = columns.mid(start * 3, (end - start) * 3);
            op.widthDots = end - start;
            op.source = source;
            ops.append(op);
        }
    }
}

// Renders text with the fallback font at printer resolution, without antialiasing so the
// threshold does not thin strokes. Returns the image; baseline sits at `baseline` rows.
QImage rasterText(const QString& text, const QString& family, int pixelSize, bool bold,
    int cellWidth, int leftPad, int height, int baseline)
{
    QFont font(family);
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    font.setStyleStrategy(QFont::NoAntialias);
    font.setHintingPreference(QFont::PreferFullHinting);
    if (cellWidth <= 0)
        cellWidth = leftPad + QFontMetrics(font).horizontalAdvance(text);
    QImage image(std::max(cellWidth, 1), std::max(height, 1), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, false);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QPoint(leftPad, baseline), text);
    painter.end();
    return image;
}

// How each character of a line will be printed.
enum class RunKind { Latin, Cjk, Glyph };

struct Run
{
    RunKind kind;
    QString text; // for Glyph: one character
    QByteArray bytes; // printer bytes (Latin/Cjk)
    int widthDots = 0;
};

QList<Run> splitRuns(const QString& text, const PrinterProfile& profile, const PitchSetting& pitch)
{
    QStringEncoder encoder("GB18030");
    QList<Run> runs;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype len = (text.at(i).isHighSurrogate() && i + 1 < text.size()) ? 2 : 1;
        QString ch = text.mid(i, len);
        i += len;
        const char32_t u
            = ch.size() == 2 ? QChar::surrogateToUcs4(ch.at(0), ch.at(1)) : ch.at(0).unicode();
        RunKind kind = RunKind::Latin;
        QByteArray bytes;
        if (u < 0x20 || u == 0x7F) {
            // Why: case data is typed by people; a stray ESC or FS in a field would be executed
            // by the printer as a command and shift everything after it.
            bytes = QByteArray(1, ' ');
        } else if (u < 0x80) {
            bytes = QByteArray(1, static_cast<char>(u));
        } else {
            bytes = encoder.encode(ch);
            if (encoder.hasError() || !profile.isResident(bytes)) {
                encoder.resetState();
                kind = RunKind::Glyph;
                bytes.clear();
            } else {
                kind = RunKind::Cjk;
            }
        }
        const int width = kind == RunKind::Latin ? pitch.latinDots : pitch.cjkDots;
        if (!runs.isEmpty() && runs.last().kind == kind && kind != RunKind::Glyph) {
            runs.last().text += ch;
            runs.last().bytes += bytes;
            runs.last().widthDots += width;
        } else {
            runs.append(Run {kind, ch, bytes, width});
        }
    }
    return runs;
}

// Rejects positions the printer cannot reach without reverse feeding.
Status checkPosition(int x, int y, const QString& source)
{
    // The paper only moves forward (reverse feeding loses registration on carbonless sets),
    // so nothing may sit above the top-of-form line or left of the left margin.
    if (y < 0)
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr(
                "An item lies above the printer's first printable line; move it down or adjust "
                "the printer profile's origin."),
            source);
    if (x < 0)
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr(
                "An item lies left of the printer's left margin; move it right or adjust the "
                "printer profile's origin."),
            source);
    return {};
}

// Collects the ops of one page in paper order.
class PageBuilder
{
public:
    PageBuilder(const PrinterProfile& profile, const EscpOptions& options)
        : m_profile(profile)
        , m_options(options)
        , m_map(profile, options.applyCalibration)
    { }

    QList<Op> ops;

    Status addText(const TextItem& item)
    {
        if (item.text.isEmpty())
            return {};
        if (item.sizePt > m_profile.maxTextPt)
            return addRasterText(item);
        const PitchSetting& pitch = m_profile.pitchFor(item.sizePt);
        const QList<Run> runs = splitRuns(item.text, m_profile, pitch);
        int total = 0;
        for (const Run& r : runs)
            total += r.widthDots;
        // The character cell (resident glyph height) is centred vertically in the box.
        const double cellMm = m_profile.cjkGlyphDots * kMmPerInch / m_profile.verticalDpi;
        const int y = m_map.yDots(item.boxMm.center().y() - cellMm / 2);
        int x = startX(item, total);
        for (const Run& r : runs) {
            if (r.kind == RunKind::Glyph) {
                // Not in the resident font: draw the glyph into a full-width cell exactly as
                // wide as a resident character, so the rest of the line keeps its place.
                // Baseline at 0.88 em: the ideographic em box of CJK fonts spans -0.12..0.88 em.
                const int glyph = m_profile.cjkGlyphDots;
                const QImage image = rasterText(r.text, m_options.fallbackFontFamily, glyph,
                    item.bold, pitch.cjkDots, pitch.cjkLeftDots, glyph,
                    static_cast<int>(std::lround(glyph * 0.88)));
                appendBands(ops, m_seq, image, x, y, m_profile.bitImagePins, item.source);
            } else {
                Op op;
                op.kind = r.kind == RunKind::Latin ? Op::Kind::Latin : Op::Kind::Cjk;
                op.x = x;
                op.y = y;
                op.seq = m_seq++;
                op.bytes = r.bytes;
                op.widthDots = r.widthDots;
                op.pitch = &pitch;
                op.bold = item.bold;
                op.source = item.source;
                ops.append(op);
            }
            x += r.widthDots;
        }
        return {};
    }

    Status addImage(const ImageItem& item)
    {
        if (item.image.isNull() || item.boxMm.isEmpty())
            return {};
        const int x0 = m_map.xDots(item.boxMm.left());
        const int y0 = m_map.yDots(item.boxMm.top());
        const int w = std::max(1, m_map.xDots(item.boxMm.right()) - x0);
        const int h = std::max(1, m_map.yDots(item.boxMm.bottom()) - y0);
        QImage scaled;
        int dx = 0;
        int dy = 0;
        if (item.image.width() <= w && item.image.height() <= h) {
            // Whole-number scaling keeps every QR module the same number of dots; uneven modules
            // make 180 dpi codes hard to scan. The spare dots are split around the image.
            const int k = std::max(1, std::min(w / item.image.width(), h / item.image.height()));
            scaled = item.image.scaled(item.image.width() * k, item.image.height() * k,
                Qt::IgnoreAspectRatio, Qt::FastTransformation);
            dx = (w - scaled.width()) / 2;
            dy = (h - scaled.height()) / 2;
        } else {
            scaled = item.image.scaled(w, h, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            dx = (w - scaled.width()) / 2;
            dy = (h - scaled.height()) / 2;
        }
        // Transparent pixels count as paper.
        QImage flat(scaled.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, scaled);
        painter.end();
        appendBands(ops, m_seq, flat, x0 + dx, y0 + dy, m_profile.bitImagePins, item.kind);
        return {};
    }

    Status addLines(const QList<LineItem>& lines)
    {
        if (lines.isEmpty())
            return {};
        // All rules of the page go into one raster, so crossings and table corners print once.
        struct Seg
        {
            QPointF a, b;
            int pen;
        };
        QList<Seg> segs;
        double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
        for (const LineItem& l : lines) {
            const int pen = std::max(
                1, static_cast<int>(std::lround(l.widthMm * m_profile.horizontalDpi / kMmPerInch)));
            const QPointF a(m_map.xDotsF(l.fromMm.x()), m_map.yDotsF(l.fromMm.y()));
            const QPointF b(m_map.xDotsF(l.toMm.x()), m_map.yDotsF(l.toMm.y()));
            segs.append({a, b, pen});
            minX = std::min({minX, a.x() - pen, b.x() - pen});
            minY = std::min({minY, a.y() - pen, b.y() - pen});
            maxX = std::max({maxX, a.x() + pen, b.x() + pen});
            maxY = std::max({maxY, a.y() + pen, b.y() + pen});
        }
        const int ox = static_cast<int>(std::floor(minX));
        const int oy = static_cast<int>(std::floor(minY));
        // 8-bit grey: a quarter of the memory of RGB32 and no conversion before banding.
        QImage raster(static_cast<int>(std::ceil(maxX)) - ox + 1,
            static_cast<int>(std::ceil(maxY)) - oy + 1, QImage::Format_Grayscale8);
        raster.fill(255);
        std::unique_ptr<QPainter> painter; // only for the rare diagonal line
        const QRect bounds = raster.rect();
        for (const Seg& s : segs) {
            const QPointF a = s.a - QPointF(ox, oy);
            const QPointF b = s.b - QPointF(ox, oy);
            if (std::abs(a.y() - b.y()) < 0.5 || std::abs(a.x() - b.x()) < 0.5) {
                // Axis-aligned rules as exact rectangles: the pen straddles the nominal line.
                const bool horizontal = std::abs(a.y() - b.y()) < 0.5;
                const int x1 = static_cast<int>(std::lround(std::min(a.x(), b.x())));
                const int y1 = static_cast<int>(std::lround(std::min(a.y(), b.y())));
                const int x2 = static_cast<int>(std::lround(std::max(a.x(), b.x())));
                const int y2 = static_cast<int>(std::lround(std::max(a.y(), b.y())));
                const QRect r = (horizontal ? QRect(x1, y1 - s.pen / 2, x2 - x1 + 1, s.pen)
                                            : QRect(x1 - s.pen / 2, y1, s.pen, y2 - y1 + 1))
                                    .intersected(bounds);
                for (int y = r.top(); y <= r.bottom(); ++y)
                    std::memset(raster.scanLine(y) + r.left(), 0, size_t(r.width()));
            } else {
                if (!painter) {
                    painter = std::make_unique<QPainter>(&raster);
                    painter->setRenderHint(QPainter::Antialiasing, false);
                }
                painter->setPen(QPen(Qt::black, s.pen, Qt::SolidLine, Qt::FlatCap));
                painter->drawLine(a, b);
            }
        }
        painter.reset();
        appendBands(ops, m_seq, raster, ox, oy, m_profile.bitImagePins, QStringLiteral("line"));
        return {};
    }

private:
    // Titles and other large text: the resident font has one size, so draw the line instead.
    Status addRasterText(const TextItem& item)
    {
        const int px = static_cast<int>(std::lround(item.sizePt / 72.0 * m_profile.verticalDpi));
        const int height = static_cast<int>(std::lround(px * 1.0));
        const QImage image = rasterText(item.text, m_options.fallbackFontFamily, px, item.bold, 0,
            0, height, static_cast<int>(std::lround(px * 0.88)));
        const double heightMm = m_map.dotsToMmY(height);
        const int y = m_map.yDots(item.boxMm.center().y() - heightMm / 2);
        const int x = startX(item, image.width());
        appendBands(ops, m_seq, image, x, y, m_profile.bitImagePins, item.source);
        return {};
    }

    // Alignment uses the printer's own advance widths, not the layout's font metrics.
    int startX(const TextItem& item, int widthDots) const
    {
        const int left = m_map.xDots(item.boxMm.left());
        const int right = m_map.xDots(item.boxMm.right());
        switch (item.align) {
        case Align::Left:
            return left;
        case Align::Center:
            return left + (right - left - widthDots) / 2;
        case Align::Right:
            return right - widthDots;
        }
        return left;
    }

    const PrinterProfile& m_profile;
    const EscpOptions& m_options;
    DotMapper m_map;
    int m_seq = 0;
};

// Writes ops as commands, tracking printer state so mode and pitch changes are sent only once.
class StreamWriter
{
public:
    explicit StreamWriter(const PrinterProfile& profile)
        : m_profile(profile)
    { }

    QByteArray out;

    void init()
    {
        out.append(kEsc).append('@'); // ESC @: initialise printer (clears earlier jobs' settings)
        if (m_profile.setUnitSupported) {
            // ESC ( U nL nH m: defined unit = m/3600 inch for ESC $, ESC ( C.
            out.append(kEsc).append("(U", 2);
            appendLe16(out, 1);
            out.append(static_cast<char>(3600 / m_profile.positionUnitDpi));
        }
        out.append(kEsc).append('x').append('\x01'); // ESC x 1: letter quality (24-pin fonts)
        // ESC U n: unidirectional printing; bidirectional passes misalign QR modules and rules
        // by a dot or two between bands.
        out.append(kEsc).append('U').append(m_profile.unidirectional ? '\x01' : '\x00');
        // ESC 3 n: line spacing n/180 inch. Only stray line feeds would use it; every move is an
        // explicit ESC J / ESC $.
        out.append(kEsc).append('3').append(static_cast<char>(m_profile.linePitchDots));
    }

    void beginPage(const Page& page)
    {
        m_y = 0;
        m_x = -1;
        switch (m_profile.pageLength) {
        case PageLengthCommand::None:
            break;
        case PageLengthCommand::EscParenC: {
            // ESC ( C nL nH mL mH: page length in defined units, sent at the top of form.
            out.append(kEsc).append("(C", 2);
            appendLe16(out, 2);
            appendLe16(out,
                static_cast<int>(
                    std::lround(page.sizeMm.height() / kMmPerInch * m_profile.positionUnitDpi)));
            break;
        }
        case PageLengthCommand::EscCInches:
            // ESC C NUL n: page length in whole inches (rounded up so the form is not cut short).
            out.append(kEsc).append('C').append('\0').append(static_cast<char>(
                std::clamp(static_cast<int>(std::ceil(page.sizeMm.height() / kMmPerInch)), 1, 22)));
            break;
        }
    }

    void write(const Op& op)
    {
        feedTo(op.y);
        switch (op.kind) {
        case Op::Kind::Latin:
            setChinese(false);
            setLatinPitch(op.pitch->latinCpi);
            setBold(op.bold);
            moveTo(op.x);
            out.append(op.bytes);
            break;
        case Op::Kind::Cjk:
            setChinese(true);
            setCjkSpacing(op.pitch->cjkLeftDots, op.pitch->cjkRightDots);
            setBold(op.bold);
            moveTo(op.x);
            out.append(op.bytes);
            break;
        case Op::Kind::Bits:
            // Leave Chinese mode first: some Kanji-mode firmwares treat bytes >= 0x80 specially,
            // and a bit image is safest in the plain ESC/P state.
            setChinese(false);
            moveTo(op.x);
            // ESC * m nL nH d1..dk: bit image; m = 39 is 24-dot, 180 dpi, 3 bytes per column.
            out.append(kEsc).append('*').append(static_cast<char>(m_profile.bitImageMode));
            appendLe16(out, op.widthDots);
            out.append(op.bytes);
            break;
        }
        m_x = op.x + op.widthDots;
    }

    void endPage()
    {
        setChinese(false);
        setBold(false);
        out.append(kFf); // FF: print the buffered line and eject to the next top of form
    }

private:
    void feedTo(int y)
    {
        // ESC J n: advance n/180 inch. Chosen over ESC ( V because it exists on every ESC/P and
        // ESC/P-K 24-pin model and never reverses paper; no CR/LF is sent, so the panel's
        // auto-line-feed setting cannot add lines.
        while (m_y < y) {
            const int n = std::min(kMaxFeed, y - m_y);
            out.append(kEsc).append('J').append(static_cast<char>(n));
            m_y += n;
            m_x = -1; // [UNSURE] whether ESC J keeps the head position; always re-position
        }
    }

    void moveTo(int xDots)
    {
        if (xDots == m_x)
            return;
        // ESC $ nL nH: absolute horizontal position from the left margin, in defined units
        // (1/60 inch when the printer has no ESC ( U).
        const int units = static_cast<int>(
            std::lround(xDots * double(m_profile.positionUnitDpi) / m_profile.horizontalDpi));
        out.append(kEsc).append('$');
        appendLe16(out, units);
        m_x = xDots;
    }

    void setChinese(bool on)
    {
        if (on == m_chinese)
            return;
        // FS & enters / FS . leaves Chinese (Kanji) mode on ESC/P-K; bytes come from the profile.
        out.append(on ? m_profile.chineseModeEnter : m_profile.chineseModeLeave);
        m_chinese = on;
    }

    void setLatinPitch(int cpi)
    {
        if (cpi == m_cpi)
            return;
        // ESC P = 10 cpi, ESC M = 12 cpi, ESC g = 15 cpi.
        out.append(kEsc).append(cpi == 12 ? 'M' : cpi == 15 ? 'g' : 'P');
        m_cpi = cpi;
    }

    void setCjkSpacing(int left, int right)
    {
        if (left == m_cjkLeft && right == m_cjkRight)
            return;
        // FS S n1 n2: spacing left and right of full-width Chinese characters, in 1/180 inch.
        out.append(kFs)
            .append('S')
            .append(static_cast<char>(left))
            .append(static_cast<char>(right));
        m_cjkLeft = left;
        m_cjkRight = right;
    }

    void setBold(bool on)
    {
        if (on == m_bold)
            return;
        out.append(kEsc).append(on ? 'E' : 'F'); // ESC E / ESC F: emphasised on / off
        m_bold = on;
    }

    const PrinterProfile& m_profile;
    int m_y = 0;
    int m_x = -1;
    bool m_chinese = false;
    bool m_bold = false;
    int m_cpi = 10; // ESC @ restores 10 cpi
    int m_cjkLeft = -1; // unknown after ESC @: firmware defaults differ
    int m_cjkRight = -1;
};

} // namespace

Result<QByteArray> renderEscp(
    const LaidOutDocument& document, const PrinterProfile& profile, const EscpOptions& options)
{
    if (profile.pitches.isEmpty() || profile.chineseModeEnter.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr(
                "The printer profile is incomplete; load it with PrinterProfile::fromJson()."),
            profile.id);
    if (document.pages.isEmpty())
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("The document has no pages to print."), document.templateId);
    StreamWriter writer(profile);
    writer.init();
    for (qsizetype pageIndex = 0; pageIndex < document.pages.size(); ++pageIndex) {
        const Page& page = document.pages.at(pageIndex);
        const QString where
            = QStringLiteral("%1 page %2").arg(document.templateId).arg(pageIndex + 1);
        PageBuilder builder(profile, options);
        const auto withPage = [&](Status s) -> Status {
            if (!s)
                s.error().context = where + QStringLiteral(": ") + s.error().context;
            return s;
        };
        for (const TextItem& t : page.texts)
            FC_TRY(withPage(builder.addText(t)));
        if (options.printImages) {
            for (const ImageItem& i : page.images)
                FC_TRY(withPage(builder.addImage(i)));
        }
        if (options.printLines)
            FC_TRY(withPage(builder.addLines(page.lines)));
        for (const Op& op : std::as_const(builder.ops))
            FC_TRY(withPage(checkPosition(op.x, op.y, op.source)));
        std::stable_sort(builder.ops.begin(), builder.ops.end(), [](const Op& a, const Op& b) {
            return a.y != b.y ? a.y < b.y : a.x != b.x ? a.x < b.x : a.seq < b.seq;
        });
        const int pageDots = static_cast<int>(
            std::lround(page.sizeMm.height() / kMmPerInch * profile.verticalDpi));
        if (!builder.ops.isEmpty() && builder.ops.last().y >= pageDots)
            return fail(ErrorCode::InvalidArgument,
                FormsText::tr(
                    "An item lies below the end of the page; it would print on the next sheet."),
                where + QStringLiteral(": ") + builder.ops.last().source);
        writer.beginPage(page);
        for (const Op& op : std::as_const(builder.ops))
            writer.write(op);
        writer.endPage();
    }
    return writer.out;
}

LaidOutDocument alignmentTestDocument(const PrinterProfile& profile)
{
    LaidOutDocument doc;
    doc.templateId = QStringLiteral("escp-alignment");
    doc.templateVersion = QStringLiteral("1");
    doc.title = QStringLiteral("套打校准页");
    Page page;
    const auto text = [&](QRectF box, QString s, Align align = Align::Left) {
        TextItem t;
        t.boxMm = box;
        t.text = std::move(s);
        t.sizePt = profile.pitches.isEmpty() ? 10.5 : profile.pitches.first().nominalPt;
        t.align = align;
        t.source = QStringLiteral("alignment");
        page.texts.append(t);
    };
    // Legal-form text is Chinese; the numbers are what the officer compares with a ruler.
    text(QRectF(20, 8, 170, 6), QStringLiteral("套打校准页 ALIGNMENT %1").arg(profile.model),
        Align::Center);
    text(QRectF(20, 14, 170, 6),
        QStringLiteral("X %1 Y %2 (0.1mm) LP %3/1000")
            .arg(profile.calibration.offsetX01mm)
            .arg(profile.calibration.offsetY01mm)
            .arg(profile.calibration.linePitchCorrectionPerMille),
        Align::Center);
    const double xs[] = {20, 105, 190};
    const double ys[] = {30, 148.5, 277};
    for (const double y : ys) {
        for (const double x : xs) {
            page.lines.append(LineItem {QPointF(x - 5, y), QPointF(x + 5, y), 0.2});
            page.lines.append(LineItem {QPointF(x, y - 5), QPointF(x, y + 5), 0.2});
            const QString label = QStringLiteral("%1,%2").arg(x).arg(y);
            // Labels left of the right-hand crosses so they stay inside an 8 inch carriage.
            if (x > 150)
                text(QRectF(x - 32, y + 1.5, 30, 4), label, Align::Right);
            else
                text(QRectF(x + 2, y + 1.5, 30, 4), label);
        }
    }
    doc.pages.append(page);
    return doc;
}

QByteArray alignmentTestPage(const PrinterProfile& profile)
{
    // A broken profile yields an empty stream; the caller shows the profile's own load error.
    return renderEscp(alignmentTestDocument(profile), profile).value_or(QByteArray());
}

} // namespace fieldcase::forms
