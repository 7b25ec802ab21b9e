#include "tests/unit/forms/escp/escpinterpreter.h"

#include <QStringDecoder>

namespace fieldcase::forms::test {

namespace {

// Horizontal positions are kept in 1/3600 inch, the base of every ESC ( U unit.
constexpr int kBase = 3600;

class Interpreter
{
public:
    explicit Interpreter(const QByteArray& stream)
        : m_s(stream)
    { }

    EscpTrace run()
    {
        m_trace.startsWithInit = m_s.startsWith("\x1b@");
        while (m_i < m_s.size()) {
            const unsigned char c = byte(m_i);
            if (c == 0x1B) {
                escape();
            } else if (c == 0x1C) {
                fs();
            } else if (c == 0x0C) {
                flush();
                ++m_trace.formFeeds;
                ++m_page;
                m_y = 0;
                m_x = 0;
                ++m_i;
            } else if (c == 0x0D) {
                flush();
                m_x = 0;
                ++m_i;
            } else if (c == 0x0A) {
                flush();
                m_x = 0;
                m_y += m_lineSpacing;
                ++m_i;
            } else if (m_chinese && c >= 0x81) {
                // GB18030: a second byte 30..39 means a four-byte sequence.
                const int len
                    = (m_i + 1 < m_s.size() && byte(m_i + 1) >= 0x30 && byte(m_i + 1) <= 0x39) ? 4
                                                                                               : 2;
                if (m_i + len > m_s.size()) {
                    error(QStringLiteral("truncated GB18030 character"));
                    break;
                }
                textBytes(m_s.mid(m_i, len), (24 + m_cjkLeft + m_cjkRight) * (kBase / 180));
                m_i += len;
            } else if (c >= 0x20 && c < 0x7F) {
                textBytes(m_s.mid(m_i, 1), kBase / m_cpi);
                ++m_i;
            } else {
                error(QStringLiteral("unexpected byte 0x%1").arg(c, 2, 16, QLatin1Char('0')));
                ++m_i;
            }
        }
        flush();
        m_trace.endsWithFormFeed = m_s.endsWith('\x0c');
        return m_trace;
    }

private:
    unsigned char byte(qsizetype i) const { return static_cast<unsigned char>(m_s.at(i)); }

    bool need(qsizetype n)
    {
        if (m_i + n <= m_s.size())
            return true;
        error(QStringLiteral("truncated command"));
        m_i = m_s.size();
        return false;
    }

    int le16(qsizetype i) const { return byte(i) | (byte(i + 1) << 8); }

    void error(const QString& what)
    {
        m_trace.errors.append(QStringLiteral("offset %1: %2").arg(m_i).arg(what));
    }

    void escape()
    {
        if (!need(2))
            return;
        const char cmd = m_s.at(m_i + 1);
        switch (cmd) {
        case '@': // ESC @: reset to power-on state
            flush();
            ++m_trace.inits;
            m_unit = 60;
            m_cpi = 10;
            m_chinese = false;
            m_bold = false;
            m_lineSpacing = 30;
            m_i += 2;
            return;
        case '(': {
            if (!need(5))
                return;
            const char sub = m_s.at(m_i + 2);
            const int len = le16(m_i + 3);
            if (!need(5 + len))
                return;
            const qsizetype p = m_i + 5;
            if (sub == 'U' && len == 1) {
                m_unit = kBase / byte(p);
            } else if (sub == 'C' && len == 2) {
                m_trace.pageLengthUnits.append(le16(p));
            } else if (sub == 'V' && len == 2) {
                flush();
                const int y = le16(p) * 180 / m_unit;
                if (y < m_y)
                    ++m_trace.reverseMoves;
                m_y = y;
            } else {
                error(QStringLiteral("unknown ESC ( %1").arg(QLatin1Char(sub)));
            }
            m_i += 5 + len;
            return;
        }
        case '$': // ESC $ nL nH: absolute horizontal position in defined units
            if (!need(4))
                return;
            flush();
            m_x = le16(m_i + 2) * (kBase / m_unit);
            m_i += 4;
            return;
        case 'J': // ESC J n: feed n/180 inch
            if (!need(3))
                return;
            flush();
            m_y += byte(m_i + 2);
            m_i += 3;
            return;
        case '*': {
            if (!need(5))
                return;
            flush();
            EscpBitImage image;
            image.page = m_page;
            image.mode = byte(m_i + 2);
            image.columns = le16(m_i + 3);
            const int bytesPerColumn = image.mode >= 32 ? 3 : 1;
            const int dpi = image.mode == 39 ? 180 : image.mode == 40 ? 360 : 60;
            if (!need(5 + image.columns * bytesPerColumn))
                return;
            image.xDots = m_x / (kBase / 180);
            image.yDots = m_y;
            image.data = m_s.mid(m_i + 5, image.columns * bytesPerColumn);
            m_trace.images.append(image);
            m_x += image.columns * (kBase / dpi);
            m_i += 5 + image.columns * bytesPerColumn;
            return;
        }
        case 'x':
        case 'U':
        case '3':
            if (!need(3))
                return;
            if (cmd == '3')
                m_lineSpacing = byte(m_i + 2);
            m_i += 3;
            return;
        case 'E':
        case 'F':
            flush();
            m_bold = cmd == 'E';
            m_i += 2;
            return;
        case 'P':
        case 'M':
        case 'g':
            flush();
            m_cpi = cmd == 'P' ? 10 : cmd == 'M' ? 12 : 15;
            m_i += 2;
            return;
        case 'C':
            if (!need(3))
                return;
            m_i += byte(m_i + 2) == 0 ? 4 : 3;
            return;
        default:
            error(QStringLiteral("unknown ESC 0x%1")
                      .arg(static_cast<unsigned char>(cmd), 2, 16, QLatin1Char('0')));
            m_i += 2;
        }
    }

    void fs()
    {
        if (!need(2))
            return;
        const char cmd = m_s.at(m_i + 1);
        switch (cmd) {
        case '&':
        case '.':
            flush();
            m_chinese = cmd == '&';
            m_i += 2;
            return;
        case 'S':
        case 'T':
            if (!need(4))
                return;
            flush();
            if (cmd == 'S') {
                m_cjkLeft = byte(m_i + 2);
                m_cjkRight = byte(m_i + 3);
            }
            m_i += 4;
            return;
        default:
            error(QStringLiteral("unknown FS 0x%1")
                      .arg(static_cast<unsigned char>(cmd), 2, 16, QLatin1Char('0')));
            m_i += 2;
        }
    }

    void textBytes(const QByteArray& bytes, int advance)
    {
        if (!m_open) {
            m_open = true;
            m_run = EscpTextRun {};
            m_run.page = m_page;
            m_run.xMm = m_x * 25.4 / kBase;
            m_run.yMm = m_y * 25.4 / 180;
            m_run.chinese = m_chinese;
            m_run.cpi = m_cpi;
            m_run.bold = m_bold;
            m_runBytes.clear();
        }
        m_runBytes += bytes;
        m_x += advance;
    }

    void flush()
    {
        if (!m_open)
            return;
        QStringDecoder decoder("GB18030");
        m_run.text = decoder.decode(m_runBytes);
        m_trace.texts.append(m_run);
        m_open = false;
    }

    const QByteArray& m_s;
    qsizetype m_i = 0;
    EscpTrace m_trace;
    int m_page = 0;
    int m_x = 0; // 1/3600 inch
    int m_y = 0; // 1/180 inch
    int m_unit = 60; // ESC $ unit, dpi
    int m_cpi = 10;
    int m_lineSpacing = 30;
    int m_cjkLeft = 0;
    int m_cjkRight = 0;
    bool m_chinese = false;
    bool m_bold = false;
    bool m_open = false;
    EscpTextRun m_run;
    QByteArray m_runBytes;
};

} // namespace

QList<EscpTextRun> EscpTrace::textsOnPage(int page) const
{
    QList<EscpTextRun> out;
    for (const EscpTextRun& t : texts) {
        if (t.page == page)
            out.append(t);
    }
    return out;
}

QImage EscpTrace::raster(int page, int widthDots, int heightDots) const
{
    QImage image(widthDots, heightDots, QImage::Format_Grayscale8);
    image.fill(255);
    for (const EscpBitImage& b : images) {
        if (b.page != page || b.mode != 39)
            continue;
        for (int col = 0; col < b.columns; ++col) {
            for (int pin = 0; pin < 24; ++pin) {
                const auto bits = static_cast<unsigned char>(b.data.at(col * 3 + pin / 8));
                const int x = b.xDots + col;
                const int y = b.yDots + pin;
                if ((bits & (0x80 >> (pin % 8))) && x < widthDots && y < heightDots)
                    image.scanLine(y)[x] = 0;
            }
        }
    }
    return image;
}

QString EscpTrace::dump() const
{
    QString out;
    for (const EscpTextRun& t : texts) {
        out += QStringLiteral("p%1 text  x=%2 y=%3 %4 cpi=%5%6 \"%7\"\n")
                   .arg(t.page)
                   .arg(t.xMm, 0, 'f', 2)
                   .arg(t.yMm, 0, 'f', 2)
                   .arg(t.chinese ? QStringLiteral("CJK") : QStringLiteral("LAT"))
                   .arg(t.cpi)
                   .arg(t.bold ? QStringLiteral(" bold") : QString())
                   .arg(t.text);
    }
    for (const EscpBitImage& b : images) {
        out += QStringLiteral("p%1 image x=%2 y=%3 mode=%4 columns=%5\n")
                   .arg(b.page)
                   .arg(b.xMm(), 0, 'f', 2)
                   .arg(b.yMm(), 0, 'f', 2)
                   .arg(b.mode)
                   .arg(b.columns);
    }
    for (const QString& e : errors)
        out += QStringLiteral("error %1\n").arg(e);
    return out;
}

EscpTrace interpretEscp(const QByteArray& stream)
{
    return Interpreter(stream).run();
}

} // namespace fieldcase::forms::test
