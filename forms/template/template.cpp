#include "forms/template/template.h"

#include "forms/formstext.h"

#include <QCoreApplication>
#include <QFile>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>

namespace fieldcase::forms {

namespace {

constexpr double kMmPerPt = 25.4 / 72.0;
constexpr double kEps = 0.01; // mm; boxes that merely touch do not overlap
// Measuring device: 720 dpi, so 1 pt = 10 px and sub-point widths survive rounding.
constexpr double kMeasureDpi = 720.0;
constexpr double kTablePadMm = 1.0;

QString fmtMm(double v)
{
    return QString::number(v, 'f', 1);
}

QString fmtBox(const QRectF& r)
{
    return QStringLiteral("(%1, %2, %3×%4 mm)")
        .arg(fmtMm(r.x()), fmtMm(r.y()), fmtMm(r.width()), fmtMm(r.height()));
}

// Font metrics per (size, bold), measured on a fixed-DPI image so results do not depend on screens.
const QFontMetricsF& metrics(double sizePt, bool bold)
{
    // thread_local: QFontMetricsF is not shared across threads; layout may run off the GUI thread.
    thread_local QHash<quint64, std::shared_ptr<QFontMetricsF>> cache;
    thread_local QImage device = [] {
        QImage img(1, 1, QImage::Format_Mono);
        const int dpm = qRound(kMeasureDpi / 0.0254);
        img.setDotsPerMeterX(dpm);
        img.setDotsPerMeterY(dpm);
        return img;
    }();
    const quint64 key = (quint64(qRound(sizePt * 100)) << 1) | (bold ? 1 : 0);
    auto it = cache.find(key);
    if (it == cache.end()) {
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPointSizeF(sizePt);
        font.setBold(bold);
        font.setHintingPreference(QFont::PreferNoHinting);
        font.setKerning(false);
        it = cache.insert(key, std::make_shared<QFontMetricsF>(font, &device));
    }
    return *it.value();
}

double lineHeightMm(double sizePt, double spacing)
{
    return sizePt * spacing * kMmPerPt;
}

bool isCjk(char32_t c)
{
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF)
        || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x25A0 && c <= 0x25FF);
}

// Splits a paragraph into breakable tokens: one per CJK character (surrogate pairs kept whole),
// one per run of spaces, one per Latin word.
QStringList tokens(const QString& paragraph)
{
    QStringList out;
    QString word;
    auto flushWord = [&] {
        if (!word.isEmpty())
            out << word;
        word.clear();
    };
    for (qsizetype i = 0; i < paragraph.size();) {
        const bool pair = paragraph.at(i).isHighSurrogate() && i + 1 < paragraph.size();
        const char32_t c = pair ? QChar::surrogateToUcs4(paragraph.at(i), paragraph.at(i + 1))
                                : paragraph.at(i).unicode();
        const QString ch = paragraph.mid(i, pair ? 2 : 1);
        i += pair ? 2 : 1;
        if (isCjk(c)) {
            flushWord();
            out << ch;
        } else if (ch == QStringLiteral(" ")) {
            flushWord();
            out << ch;
        } else {
            word += ch;
        }
    }
    flushWord();
    return out;
}

// Splits text into user-visible code points (surrogate pairs such as 𠮷 stay whole).
QStringList codePoints(const QString& text)
{
    QStringList out;
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype n = text.at(i).isHighSurrogate() && i + 1 < text.size() ? 2 : 1;
        out << text.mid(i, n);
        i += n;
    }
    return out;
}

const QRegularExpression& placeholderRe()
{
    static const QRegularExpression re(QStringLiteral("\\{([A-Za-z_][A-Za-z0-9_.]*)\\}"));
    return re;
}

QStringList placeholders(const QString& text)
{
    QStringList out;
    auto it = placeholderRe().globalMatch(text);
    while (it.hasNext())
        out << it.next().captured(1);
    return out;
}

QString jsonToText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

QJsonValue resolveValue(const QJsonObject& data, const QString& path)
{
    QJsonValue cur = data;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (cur.isObject()) {
            cur = cur.toObject().value(part);
        } else if (cur.isArray()) {
            bool ok = false;
            const int idx = part.toInt(&ok);
            if (!ok)
                return {};
            cur = cur.toArray().at(idx);
        } else {
            return {};
        }
    }
    return cur;
}

QString resolveText(const QJsonObject& data, const QString& path)
{
    return jsonToText(resolveValue(data, path)).trimmed();
}

QString substitute(const QString& text, const QJsonObject& scope)
{
    QString out;
    qsizetype last = 0;
    auto it = placeholderRe().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        out += resolveText(scope, m.captured(1));
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

std::optional<QRectF> parseBox(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 4)
        return std::nullopt;
    for (const auto& x : a)
        if (!x.isDouble())
            return std::nullopt;
    return QRectF(a[0].toDouble(), a[1].toDouble(), a[2].toDouble(), a[3].toDouble());
}

std::optional<QPointF> parsePoint(const QJsonValue& v)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble())
        return std::nullopt;
    return QPointF(a[0].toDouble(), a[1].toDouble());
}

Align parseAlign(const QString& s)
{
    if (s == QStringLiteral("center"))
        return Align::Center;
    if (s == QStringLiteral("right"))
        return Align::Right;
    return Align::Left;
}

std::optional<ElementKind> parseKind(const QString& s)
{
    static const QHash<QString, ElementKind> kinds {
        {QStringLiteral("text"), ElementKind::Text},
        {QStringLiteral("field"), ElementKind::Field},
        {QStringLiteral("flow"), ElementKind::Flow},
        {QStringLiteral("table"), ElementKind::Table},
        {QStringLiteral("checkbox"), ElementKind::Checkbox},
        {QStringLiteral("line"), ElementKind::Line},
        {QStringLiteral("signature"), ElementKind::Signature},
        {QStringLiteral("seal"), ElementKind::Seal},
        {QStringLiteral("qr"), ElementKind::Qr},
    };
    const auto it = kinds.find(s);
    if (it == kinds.end())
        return std::nullopt;
    return *it;
}

// The continuation box of a flow/table element is stored in fromMm/toMm-free form: see kContinue.
QRectF continueBoxOf(const DocumentTemplate& t, const TemplateElement& e)
{
    // Flow/table elements keep their continuation box in `columns`-free storage: we reuse
    // fromMm (top-left) and toMm (bottom-right) since lines never have continuation boxes.
    if (e.toMm != QPointF())
        return QRectF(e.fromMm, e.toMm);
    const QRectF body = t.bodyRectMm();
    return QRectF(e.boxMm.x(), body.top(), e.boxMm.width(), body.height());
}

} // namespace

QStringList wrapText(const QString& text, double widthMm, double sizePt, bool bold)
{
    const QFontMetricsF& fm = metrics(sizePt, bold);
    const double widthPx = widthMm / kMmPerPt * (kMeasureDpi / 72.0);
    // Measuring line + token for every token is quadratic in the line length. Token widths are
    // cached and summed; only near the end of the line is the whole line measured exactly, so
    // the break points are exactly those of exact measurement (shaping across a token boundary
    // changes a width by far less than the margin).
    thread_local QHash<const QFontMetricsF*, QHash<QString, double>> widthsBySize;
    QHash<QString, double>& tokenWidths = widthsBySize[&fm];
    const auto widthOf = [&fm, &tokenWidths](const QString& tok) {
        auto it = tokenWidths.constFind(tok);
        if (it == tokenWidths.constEnd())
            it = tokenWidths.insert(tok, fm.horizontalAdvance(tok));
        return *it;
    };
    const double margin = fm.height(); // well above any kerning/shaping difference
    QStringList lines;
    for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
        QString line;
        double lineWidth = 0; // estimate: sum of token widths
        for (const QString& tok : tokens(paragraph)) {
            const double estimate = lineWidth + widthOf(tok);
            if (estimate <= widthPx - margin) {
                line += tok;
                lineWidth = estimate;
                continue;
            }
            if (fm.horizontalAdvance(line + tok) <= widthPx + 1e-6) {
                line += tok;
                lineWidth = fm.horizontalAdvance(line);
                continue;
            }
            lineWidth = 0;
            if (!line.isEmpty() && tok != QStringLiteral(" ")) {
                lines << line;
                line.clear();
            } else if (tok == QStringLiteral(" ")) {
                lines << line;
                line.clear();
                continue;
            }
            // A word wider than the line on its own: break it character by character.
            if (fm.horizontalAdvance(tok) > widthPx) {
                for (const QString& ch : codePoints(tok)) {
                    if (!line.isEmpty() && fm.horizontalAdvance(line + ch) > widthPx) {
                        lines << line;
                        line.clear();
                    }
                    line += ch;
                }
            } else {
                line = tok;
            }
            lineWidth = fm.horizontalAdvance(line);
        }
        lines << line;
    }
    return lines;
}

double textWidthMm(const QString& text, double sizePt, bool bold)
{
    return metrics(sizePt, bold).horizontalAdvance(text) / (kMeasureDpi / 72.0) * kMmPerPt;
}

Result<QImage> makeQrImage(const QString& text)
{
    try {
        // UTF-8 must be set explicitly: without it ZXing picks ISO-8859-1 and CJK turns into '?'.
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(4).setEccLevel(2);
        const std::string utf8 = text.toStdString();
        const ZXing::BitMatrix bits = writer.encode(utf8, 0, 0);
        QImage img(bits.width(), bits.height(), QImage::Format_Mono);
        img.setColor(0, qRgb(255, 255, 255));
        img.setColor(1, qRgb(0, 0, 0));
        for (int y = 0; y < bits.height(); ++y)
            for (int x = 0; x < bits.width(); ++x)
                img.setPixel(x, y, bits.get(x, y) ? 1 : 0);
        return img;
    } catch (const std::exception& e) {
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Cannot encode the QR code: %1").arg(QString::fromUtf8(e.what())));
    }
}

QRectF DocumentTemplate::bodyRectMm() const
{
    return QRectF(marginLeft, marginTop + headerHeightMm,
        pageSizeMm.width() - marginLeft - marginRight,
        pageSizeMm.height() - marginTop - marginBottom - headerHeightMm - footerHeightMm);
}

QStringList DocumentTemplate::boundPaths() const
{
    QStringList out;
    if (!caseNumberPath.isEmpty())
        out << caseNumberPath;
    for (const auto& r : required)
        out << r.path;
    for (const auto& e : elements) {
        if (!e.path.isEmpty())
            out << e.path;
        out << placeholders(e.text);
        for (const auto& p : e.preamble)
            out << placeholders(p);
    }
    out.removeDuplicates();
    return out;
}

Result<DocumentTemplate> DocumentTemplate::fromFile(
    const QString& path, const QStringList& knownFieldPaths)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound,
            FormsText::tr("Cannot open template %1: %2").arg(path, f.errorString()));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (!doc.isObject())
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("Template %1 is not a JSON object: %2").arg(path, err.errorString()));
    return fromJson(doc.object(), knownFieldPaths);
}

Result<DocumentTemplate> DocumentTemplate::fromJson(
    const QJsonObject& json, const QStringList& knownFieldPaths)
{
    DocumentTemplate t;
    auto missing = [](const QString& where, const QString& attr) {
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("%1: missing required attribute “%2”").arg(where, attr));
    };
    for (const char* key : {"id", "title", "version", "effectiveFrom"}) {
        if (json.value(QLatin1String(key)).toString().isEmpty())
            return missing(FormsText::tr("template"), QLatin1String(key));
    }
    t.id = json.value(QStringLiteral("id")).toString();
    t.title = json.value(QStringLiteral("title")).toString();
    t.subtitle = json.value(QStringLiteral("subtitle")).toString();
    t.version = json.value(QStringLiteral("version")).toString();
    t.effectiveFrom = json.value(QStringLiteral("effectiveFrom")).toString();
    t.effectiveTo = json.value(QStringLiteral("effectiveTo")).toString();
    const QString where = FormsText::tr("template “%1”").arg(t.id);

    const QJsonObject page = json.value(QStringLiteral("page")).toObject();
    if (page.isEmpty())
        return missing(where, QStringLiteral("page"));
    const QJsonArray size = page.value(QStringLiteral("size")).toArray();
    if (size.size() != 2)
        return missing(where, QStringLiteral("page.size"));
    t.pageSizeMm = QSizeF(size[0].toDouble(), size[1].toDouble());
    const QJsonObject margins = page.value(QStringLiteral("margins")).toObject();
    t.marginTop = margins.value(QStringLiteral("top")).toDouble(t.marginTop);
    t.marginBottom = margins.value(QStringLiteral("bottom")).toDouble(t.marginBottom);
    t.marginLeft = margins.value(QStringLiteral("left")).toDouble(t.marginLeft);
    t.marginRight = margins.value(QStringLiteral("right")).toDouble(t.marginRight);

    const QJsonObject header = json.value(QStringLiteral("header")).toObject();
    t.headerHeightMm = header.value(QStringLiteral("height")).toDouble(t.headerHeightMm);
    t.titleSizePt = header.value(QStringLiteral("titleSize")).toDouble(t.titleSizePt);
    t.caseNumberPath = header.value(QStringLiteral("caseNumberPath")).toString();
    const QJsonObject footer = json.value(QStringLiteral("footer")).toObject();
    t.footerHeightMm = footer.value(QStringLiteral("height")).toDouble(t.footerHeightMm);
    t.footerText = footer.value(QStringLiteral("text")).toString();
    t.pageNumbers = footer.value(QStringLiteral("pageNumbers")).toBool(true);

    const double defaultSize = json.value(QStringLiteral("defaultSize")).toDouble(10.5);
    for (const auto& r : json.value(QStringLiteral("required")).toArray()) {
        const QJsonObject o = r.toObject();
        if (o.value(QStringLiteral("path")).toString().isEmpty())
            return missing(FormsText::tr("%1, required list").arg(where), QStringLiteral("path"));
        t.required << RequiredDatum {o.value(QStringLiteral("path")).toString(),
            o.value(QStringLiteral("label")).toString()};
    }

    QSet<QString> ids;
    const QJsonArray elements = json.value(QStringLiteral("elements")).toArray();
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QJsonObject o = elements.at(i).toObject();
        TemplateElement e;
        e.id = o.value(QStringLiteral("id")).toString();
        const QString ew = e.id.isEmpty() ? FormsText::tr("%1, element #%2").arg(where).arg(i + 1)
                                          : FormsText::tr("%1, element “%2”").arg(where, e.id);
        if (e.id.isEmpty())
            return missing(ew, QStringLiteral("id"));
        if (ids.contains(e.id))
            return fail(
                ErrorCode::InvalidArgument, FormsText::tr("%1: duplicate element id").arg(ew));
        ids.insert(e.id);
        const auto kind = parseKind(o.value(QStringLiteral("type")).toString());
        if (!kind) {
            if (!o.contains(QStringLiteral("type")))
                return missing(ew, QStringLiteral("type"));
            return fail(ErrorCode::InvalidArgument,
                FormsText::tr("%1: unknown type “%2”")
                    .arg(ew, o.value(QStringLiteral("type")).toString()));
        }
        e.kind = *kind;
        e.text = o.value(QStringLiteral("text")).toString();
        e.path = o.value(QStringLiteral("path")).toString();
        e.label = o.value(QStringLiteral("label")).toString();
        e.value = o.value(QStringLiteral("value")).toString();
        e.sizePt = o.value(QStringLiteral("size")).toDouble(defaultSize);
        e.minSizePt = o.value(QStringLiteral("minSize")).toDouble(std::min(7.0, e.sizePt));
        e.lineSpacing = o.value(QStringLiteral("lineSpacing")).toDouble(1.5);
        e.bold = o.value(QStringLiteral("bold")).toBool();
        e.align = parseAlign(o.value(QStringLiteral("align")).toString());
        e.required = o.value(QStringLiteral("required")).toBool();
        e.everyPage = o.value(QStringLiteral("everyPage")).toBool();
        e.afterFlow = o.value(QStringLiteral("afterFlow")).toBool();
        e.dateLine = o.value(QStringLiteral("date")).toBool();
        e.widthMm = o.value(QStringLiteral("width")).toDouble(0.3);
        for (const auto& p : o.value(QStringLiteral("preamble")).toArray())
            e.preamble << p.toString();
        for (const auto& p : o.value(QStringLiteral("item")).toArray())
            e.itemParagraphs << p.toString();

        if (e.kind == ElementKind::Line) {
            const auto from = parsePoint(o.value(QStringLiteral("from")));
            const auto to = parsePoint(o.value(QStringLiteral("to")));
            if (!from)
                return missing(ew, QStringLiteral("from"));
            if (!to)
                return missing(ew, QStringLiteral("to"));
            e.fromMm = *from;
            e.toMm = *to;
        } else {
            const auto box = parseBox(o.value(QStringLiteral("box")));
            if (!box)
                return missing(ew, QStringLiteral("box"));
            if (box->width() <= 0 || box->height() <= 0)
                return fail(
                    ErrorCode::InvalidArgument, FormsText::tr("%1: box has no area").arg(ew));
            e.boxMm = *box;
        }
        switch (e.kind) {
        case ElementKind::Text:
            if (e.text.isEmpty())
                return missing(ew, QStringLiteral("text"));
            break;
        case ElementKind::Field:
        case ElementKind::Checkbox:
        case ElementKind::Qr:
        case ElementKind::Flow:
        case ElementKind::Table:
            if (e.path.isEmpty() && !(e.kind == ElementKind::Flow && !e.preamble.isEmpty()))
                return missing(ew, QStringLiteral("path"));
            break;
        default:
            break;
        }
        if (e.kind == ElementKind::Flow && e.preamble.isEmpty() && e.itemParagraphs.isEmpty())
            return missing(ew, QStringLiteral("item"));
        if (e.kind == ElementKind::Flow || e.kind == ElementKind::Table) {
            if (o.contains(QStringLiteral("continueBox"))) {
                const auto cb = parseBox(o.value(QStringLiteral("continueBox")));
                if (!cb)
                    return missing(ew, QStringLiteral("continueBox"));
                e.fromMm = cb->topLeft();
                e.toMm = cb->bottomRight();
            }
        }
        if (e.kind == ElementKind::Table) {
            const QJsonArray cols = o.value(QStringLiteral("columns")).toArray();
            if (cols.isEmpty())
                return missing(ew, QStringLiteral("columns"));
            double total = 0;
            for (const auto& c : cols) {
                const QJsonObject co = c.toObject();
                TableColumn col {co.value(QStringLiteral("title")).toString(),
                    co.value(QStringLiteral("key")).toString(),
                    co.value(QStringLiteral("width")).toDouble(0),
                    parseAlign(co.value(QStringLiteral("align")).toString())};
                if (col.key.isEmpty())
                    return missing(FormsText::tr("%1, column %2").arg(ew).arg(e.columns.size() + 1),
                        QStringLiteral("key"));
                if (col.widthMm <= 0)
                    return missing(
                        FormsText::tr("%1, column “%2”").arg(ew, col.key), QStringLiteral("width"));
                total += col.widthMm;
                e.columns << col;
            }
            if (total > e.boxMm.width() + kEps)
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr("%1: columns are %2 mm wide but the box is %3 mm")
                        .arg(ew, fmtMm(total), fmtMm(e.boxMm.width())));
        }
        // A fixed text must fit its box: only flow elements continue onto further pages.
        if (e.kind == ElementKind::Text && placeholders(e.text).isEmpty()) {
            const QStringList lines = wrapText(e.text, e.boxMm.width(), e.sizePt, e.bold);
            const double need = lines.size() * lineHeightMm(e.sizePt, e.lineSpacing);
            if (need > e.boxMm.height() + kEps)
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr(
                        "%1: text needs %2 lines (%3 mm) at %4 pt but its box is %5 mm high, and "
                        "a text element has no continuation rule (enlarge the box or use a flow "
                        "element)")
                        .arg(ew)
                        .arg(lines.size())
                        .arg(fmtMm(need), QString::number(e.sizePt), fmtMm(e.boxMm.height())));
        }
        if (e.kind != ElementKind::Line && !e.afterFlow) {
            const QRectF pageRect(QPointF(0, 0), t.pageSizeMm);
            if (!pageRect.contains(e.boxMm))
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr("%1: box %2 lies outside the page").arg(ew, fmtBox(e.boxMm)));
        }
        t.elements << e;
    }

    // Fixed boxes must not overlap: on page 1 all placed elements, and everyPage ones against the
    // continuation areas of flows and tables too.
    struct Placed
    {
        QString id;
        QRectF box;
        bool everyPage;
        bool page1;
    };
    QList<Placed> placed;
    for (const auto& e : t.elements) {
        if (e.kind == ElementKind::Line || e.afterFlow)
            continue;
        placed << Placed {e.id, e.boxMm, e.everyPage, true};
        if ((e.kind == ElementKind::Flow || e.kind == ElementKind::Table) && e.toMm != QPointF())
            placed << Placed {
                e.id + QStringLiteral(".continueBox"), continueBoxOf(t, e), false, false};
    }
    for (qsizetype a = 0; a < placed.size(); ++a) {
        for (qsizetype b = a + 1; b < placed.size(); ++b) {
            const Placed& pa = placed[a];
            const Placed& pb = placed[b];
            const bool samePage = (pa.page1 && pb.page1) || pa.everyPage || pb.everyPage;
            if (!samePage
                || pa.id.section(QLatin1Char('.'), 0, 0) == pb.id.section(QLatin1Char('.'), 0, 0))
                continue;
            const QRectF inter = pa.box.intersected(pb.box);
            if (inter.width() > kEps && inter.height() > kEps)
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr("%1: elements “%2” %3 and “%4” %5 overlap")
                        .arg(where, pa.id, fmtBox(pa.box), pb.id, fmtBox(pb.box)));
        }
    }

    if (!knownFieldPaths.isEmpty()) {
        for (const QString& p : t.boundPaths()) {
            if (!knownFieldPaths.contains(p))
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr("%1: unknown field path “%2”").arg(where, p));
        }
    }
    return t;
}

namespace {

// Layout state: pages produced so far and the flow cursor.
struct Engine
{
    const DocumentTemplate& t;
    const QJsonObject& data;
    QList<Page> pages;
    int cursorPage = 0;
    double cursorY = 0;
    double limitY = 0; // bottom of the current flow area on the cursor page
    QRectF contArea; // continuation area of the last flow element

    Page& page(int i)
    {
        while (pages.size() <= i) {
            Page p;
            p.sizeMm = t.pageSizeMm;
            pages << p;
        }
        return pages[i];
    }

    void addLines(Page& p, const QStringList& lines, const QRectF& box, const TemplateElement& e,
        double size, bool centerVertically)
    {
        const double lh = lineHeightMm(size, e.lineSpacing);
        double y = box.top();
        if (centerVertically)
            y += std::max(0.0, (box.height() - lines.size() * lh) / 2);
        for (const QString& l : lines) {
            p.texts << TextItem {QRectF(box.left(), y, box.width(), lh), l, size, e.bold, e.align,
                e.path.isEmpty() ? e.id : e.path};
            y += lh;
        }
    }

    // Wraps text into box, shrinking down to minSizePt; fails when it still does not fit.
    Status placeText(Page& p, const QString& text, const QRectF& box, const TemplateElement& e)
    {
        for (double size = e.sizePt; size >= e.minSizePt - 1e-9; size -= 0.5) {
            const QStringList lines = wrapText(text, box.width(), size, e.bold);
            if (lines.size() * lineHeightMm(size, e.lineSpacing) <= box.height() + kEps) {
                addLines(p, lines, box, e, size, e.kind == ElementKind::Field && lines.size() == 1);
                return {};
            }
        }
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("%1: “%2” is too long for its %3 mm box even at %4 pt")
                .arg(t.title, e.path.isEmpty() ? e.id : e.path,
                    fmtMm(box.width()) + QStringLiteral("×") + fmtMm(box.height()),
                    QString::number(e.minSizePt)));
    }

    Status placeFixed(int pageIndex, const TemplateElement& e, const QRectF& box)
    {
        Page& p = page(pageIndex);
        switch (e.kind) {
        case ElementKind::Text:
            return placeText(p, substitute(e.text, data), box, e);
        case ElementKind::Field: {
            const QString v = resolveText(data, e.path);
            if (v.isEmpty())
                return {};
            return placeText(p, v, box, e);
        }
        case ElementKind::Checkbox: {
            const QJsonValue v = resolveValue(data, e.path);
            const bool ticked = e.value.isEmpty() ? v.toBool() : jsonToText(v) == e.value;
            const QString mark = ticked ? QStringLiteral("☑") : QStringLiteral("□");
            return placeText(p, mark + substitute(e.text, data), box, e);
        }
        case ElementKind::Signature: {
            const double lh = lineHeightMm(e.sizePt, e.lineSpacing);
            const double labelW = textWidthMm(e.text, e.sizePt, e.bold);
            const QRectF row(box.left(), box.top(), box.width(), lh);
            p.texts << TextItem {QRectF(row.left(), row.top(), labelW + 0.5, lh), e.text, e.sizePt,
                e.bold, Align::Left, e.id};
            const QString signer = e.path.isEmpty() ? QString() : resolveText(data, e.path);
            if (!signer.isEmpty())
                p.texts << TextItem {
                    QRectF(row.left() + labelW + 1, row.top(), row.width() - labelW - 1, lh),
                    signer, e.sizePt, false, Align::Left, e.path};
            const double underlineEnd = e.dateLine ? row.right() - 35 : row.right();
            p.lines << LineItem {QPointF(row.left() + labelW + 0.5, row.bottom()),
                QPointF(underlineEnd, row.bottom()), 0.2};
            if (e.dateLine)
                p.texts << TextItem {QRectF(row.right() - 33, row.top(), 33, lh),
                    QStringLiteral("年    月    日"), e.sizePt, false, Align::Right,
                    e.id + QStringLiteral(".date")};
            return {};
        }
        case ElementKind::Seal: {
            QStringList lines;
            const QString name = e.path.isEmpty() ? QString() : resolveText(data, e.path);
            if (!name.isEmpty())
                lines << name;
            lines << (e.text.isEmpty() ? QStringLiteral("（印章）") : e.text);
            if (e.dateLine)
                lines << QStringLiteral("年    月    日");
            TemplateElement centered = e;
            centered.align = Align::Center;
            centered.path.clear();
            const double lh = lineHeightMm(e.sizePt, e.lineSpacing);
            QStringList wrapped;
            for (const QString& l : lines)
                wrapped << wrapText(l, box.width(), e.sizePt, e.bold);
            if (wrapped.size() * lh > box.height() + kEps)
                return fail(ErrorCode::InvalidArgument,
                    FormsText::tr("%1: the seal block “%2” is too small for %3")
                        .arg(t.title, e.id, name));
            addLines(p, wrapped, box, centered, e.sizePt, true);
            return {};
        }
        case ElementKind::Qr: {
            const QString content = resolveText(data, e.path);
            if (content.isEmpty())
                return {};
            auto img = makeQrImage(content);
            if (!img)
                return fail(img.error());
            const double side = std::min(box.width(), box.height());
            p.images << ImageItem {
                QRectF(box.left(), box.top(), side, side), *img, QStringLiteral("qr")};
            return {};
        }
        case ElementKind::Line:
            p.lines << LineItem {e.fromMm, e.toMm, e.widthMm};
            return {};
        case ElementKind::Flow:
        case ElementKind::Table:
            return {};
        }
        return {};
    }

    // Moves the cursor to the top of a fresh continuation area.
    void breakPage()
    {
        ++cursorPage;
        page(cursorPage);
        cursorY = contArea.top();
        limitY = contArea.bottom();
    }

    void startFlowElement(const TemplateElement& e)
    {
        contArea = continueBoxOf(t, e);
        if (cursorPage == 0) {
            cursorY = std::max(cursorY, e.boxMm.top());
            limitY = e.boxMm.bottom();
        } else {
            limitY = contArea.bottom();
        }
    }

    void flow(const TemplateElement& e)
    {
        startFlowElement(e);
        QStringList paragraphs;
        for (const QString& p : e.preamble)
            paragraphs << substitute(p, data);
        if (!e.path.isEmpty()) {
            const QJsonArray items = resolveValue(data, e.path).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                QJsonObject scope = items.at(i).isObject()
                    ? items.at(i).toObject()
                    : QJsonObject {{QStringLiteral("text"), items.at(i)}};
                scope.insert(QStringLiteral("n"), QString::number(i + 1));
                for (const QString& para : e.itemParagraphs)
                    paragraphs << substitute(para, scope);
            }
        }
        const double lh = lineHeightMm(e.sizePt, e.lineSpacing);
        for (const QString& para : paragraphs) {
            const double width = cursorPage == 0 ? e.boxMm.width() : contArea.width();
            const QStringList lines = wrapText(para, width, e.sizePt, e.bold);
            for (const QString& l : lines) {
                if (cursorY + lh > limitY + kEps)
                    breakPage();
                const double x = cursorPage == 0 ? e.boxMm.left() : contArea.left();
                page(cursorPage).texts
                    << TextItem {QRectF(x, cursorY, width, lh), l, e.sizePt, e.bold, e.align, e.id};
                cursorY += lh;
            }
        }
    }

    void table(const TemplateElement& e)
    {
        startFlowElement(e);
        const double lh = lineHeightMm(e.sizePt, e.lineSpacing);
        const QJsonArray rows = resolveValue(data, e.path).toArray();
        auto cellLines = [&](const TableColumn& c, const QString& s) {
            return wrapText(s, c.widthMm - 2 * kTablePadMm, e.sizePt, false);
        };
        QList<QStringList> header;
        int headerLines = 1;
        for (const auto& c : e.columns) {
            header << cellLines(c, c.title);
            headerLines = std::max<int>(headerLines, header.last().size());
        }
        const double headerH = headerLines * lh + 2 * kTablePadMm;
        auto drawRow = [&](const QList<QStringList>& cells, double height, bool bold) {
            Page& p = page(cursorPage);
            double x = cursorPage == 0 ? e.boxMm.left() : contArea.left();
            const double x0 = x;
            for (qsizetype i = 0; i < e.columns.size(); ++i) {
                const auto& c = e.columns[i];
                double y = cursorY + kTablePadMm;
                for (const QString& l : cells[i]) {
                    p.texts << TextItem {
                        QRectF(x + kTablePadMm, y, c.widthMm - 2 * kTablePadMm, lh), l, e.sizePt,
                        bold, bold ? Align::Center : c.align, e.id + QLatin1Char('.') + c.key};
                    y += lh;
                }
                p.lines << LineItem {QPointF(x, cursorY), QPointF(x, cursorY + height), 0.2};
                x += c.widthMm;
            }
            p.lines << LineItem {QPointF(x, cursorY), QPointF(x, cursorY + height), 0.2};
            p.lines << LineItem {QPointF(x0, cursorY), QPointF(x, cursorY), 0.2};
            p.lines << LineItem {QPointF(x0, cursorY + height), QPointF(x, cursorY + height), 0.2};
            cursorY += height;
        };
        if (cursorY + headerH + lh > limitY + kEps)
            breakPage();
        drawRow(header, headerH, true);
        for (const auto& r : rows) {
            const QJsonObject row = r.toObject();
            QList<QStringList> cells;
            int n = 1;
            for (const auto& c : e.columns) {
                cells << cellLines(c, resolveText(row, c.key));
                n = std::max<int>(n, cells.last().size());
            }
            const double h = n * lh + 2 * kTablePadMm;
            if (cursorY + h > limitY + kEps) {
                // Rows are never cut; the header is repeated on the new page.
                breakPage();
                drawRow(header, headerH, true);
            }
            drawRow(cells, h, false);
        }
    }

    void headerFooter(int index, int count)
    {
        Page& p = pages[index];
        const double left = t.marginLeft;
        const double width = t.pageSizeMm.width() - t.marginLeft - t.marginRight;
        double y = t.marginTop;
        if (!t.subtitle.isEmpty()) {
            const double lh = lineHeightMm(9, 1.3);
            p.texts << TextItem {QRectF(left, y, width, lh), t.subtitle, 9, false, Align::Left,
                QStringLiteral("subtitle")};
            y += lh;
        }
        const double th = lineHeightMm(t.titleSizePt, 1.3);
        p.texts << TextItem {QRectF(left, y, width, th), t.title, t.titleSizePt, true,
            Align::Center, QStringLiteral("title")};
        if (!t.caseNumberPath.isEmpty()) {
            const double lh = lineHeightMm(10.5, 1.5);
            const QString no = resolveText(data, t.caseNumberPath);
            p.texts << TextItem {QRectF(left, t.marginTop + t.headerHeightMm - lh, width, lh),
                QStringLiteral("案号：") + no, 10.5, false, Align::Right, t.caseNumberPath};
        }
        const double fy = t.pageSizeMm.height() - t.marginBottom - t.footerHeightMm;
        const double flh = lineHeightMm(9, 1.4);
        if (!t.footerText.isEmpty())
            p.texts << TextItem {QRectF(left, fy + 1, width, flh), t.footerText, 9, false,
                Align::Left, QStringLiteral("footer")};
        if (t.pageNumbers)
            p.texts << TextItem {QRectF(left, fy + 1 + flh, width, flh),
                QStringLiteral("第 %1 页 共 %2 页").arg(index + 1).arg(count), 9, false,
                Align::Center, QStringLiteral("pageNumber")};
    }
};

} // namespace

Result<LaidOutDocument> layout(const DocumentTemplate& tmpl, const QJsonObject& data)
{
    // Refuse before drawing anything: a decision missing a legally required item (e.g. 复议机关,
    // 《交通运输行政执法程序规定》第六十一条第（六）项) must not be printed at all.
    auto needs = [&](const QString& path, const QString& label) {
        return fail(ErrorCode::InvalidArgument,
            FormsText::tr("%1 needs %2 (%3)")
                .arg(tmpl.title, path, label.isEmpty() ? path : label));
    };
    for (const auto& r : tmpl.required) {
        const QJsonValue v = resolveValue(data, r.path);
        if (v.isArray() ? v.toArray().isEmpty() : jsonToText(v).trimmed().isEmpty())
            return needs(r.path, r.label);
    }
    for (const auto& e : tmpl.elements) {
        if (!e.required || e.path.isEmpty())
            continue;
        const QJsonValue v = resolveValue(data, e.path);
        if (v.isArray() ? v.toArray().isEmpty() : jsonToText(v).trimmed().isEmpty())
            return needs(e.path, e.label);
    }

    Engine eng {tmpl, data};
    eng.page(0);
    for (const auto& e : tmpl.elements) {
        if (!e.everyPage && !e.afterFlow)
            FC_TRY(eng.placeFixed(0, e, e.boxMm));
    }
    QList<const TemplateElement*> flowing;
    for (const auto& e : tmpl.elements)
        if (e.kind == ElementKind::Flow || e.kind == ElementKind::Table)
            flowing << &e;
    std::stable_sort(flowing.begin(), flowing.end(),
        [](const auto* a, const auto* b) { return a->boxMm.top() < b->boxMm.top(); });
    for (const auto* e : flowing) {
        if (e->kind == ElementKind::Flow)
            eng.flow(*e);
        else
            eng.table(*e);
    }

    // Elements after the flow move together (e.g. the closing signatures of a 笔录).
    double groupBottom = 0;
    for (const auto& e : tmpl.elements)
        if (e.afterFlow)
            groupBottom = std::max(groupBottom, e.boxMm.bottom());
    if (groupBottom > 0) {
        if (flowing.isEmpty()) {
            eng.limitY = tmpl.bodyRectMm().bottom();
        }
        if (eng.cursorY + groupBottom > eng.limitY + kEps)
            eng.breakPage();
        for (const auto& e : tmpl.elements)
            if (e.afterFlow)
                FC_TRY(eng.placeFixed(eng.cursorPage, e, e.boxMm.translated(0, eng.cursorY)));
    }

    const int count = static_cast<int>(eng.pages.size());
    for (int i = 0; i < count; ++i) {
        for (const auto& e : tmpl.elements)
            if (e.everyPage)
                FC_TRY(eng.placeFixed(i, e, e.boxMm));
        eng.headerFooter(i, count);
    }

    LaidOutDocument doc;
    doc.templateId = tmpl.id;
    doc.templateVersion = tmpl.version;
    doc.title = tmpl.title;
    doc.pages = eng.pages;
    return doc;
}

} // namespace fieldcase::forms
