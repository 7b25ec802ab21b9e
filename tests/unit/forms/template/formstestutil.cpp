#include "tests/unit/forms/template/formstestutil.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

namespace fieldcase::forms::formstest {

QString templateFile(const QString& name)
{
    return QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/") + name
        + QStringLiteral(".json");
}

QJsonObject sampleData(const QString& name)
{
    QFile f(QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/samples/") + name
        + QStringLiteral(".sample.json"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    INFO(err.errorString().toStdString());
    REQUIRE(doc.isObject());
    return doc.object();
}

QString allText(const LaidOutDocument& doc)
{
    QString all;
    for (const auto& p : doc.pages)
        for (const auto& t : p.texts)
            all += t.text;
    return all;
}

int countText(const Page& page, const QString& text)
{
    int n = 0;
    for (const auto& t : page.texts)
        n += t.text == text ? 1 : 0;
    return n;
}

LaidOutDocument checkShippedLayout(
    const DocumentTemplate& tmpl, const QString& name, int pages, const QStringList& layoutText)
{
    REQUIRE(DocumentTemplate::fromFile(templateFile(name), tmpl.boundPaths()));
    CHECK(tmpl.id == name);
    CHECK(tmpl.effectiveFrom == QStringLiteral("2021-07-15"));
    const QJsonObject sample = sampleData(name);
    auto doc = layout(tmpl, sample);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    CHECK(doc->pages.size() == pages);
    const QString all = allText(*doc);
    for (const QString& e : layoutText) {
        INFO(e.toStdString());
        CHECK(all.contains(e));
    }
    // Pre-2021 article numbers must not survive in any template.
    for (const char* old : {"第三十一条", "第三十二条", "第三十七条", "第四十二条", "第五十一条",
             "第五十二条", "三日内"})
        CHECK_FALSE(all.contains(QString::fromUtf8(old)));
    const QString caseNo = QStringLiteral("案号：")
        + sample.value(QStringLiteral("case"))
              .toObject()
              .value(QStringLiteral("number"))
              .toString();
    for (const auto& page : doc->pages) {
        CHECK(countText(page, caseNo) == 1);
        for (const auto& item : page.texts) {
            INFO(item.source.toStdString() << ": " << item.text.toStdString());
            CHECK(textWidthMm(item.text, item.sizePt, item.bold) <= item.boxMm.width() + 0.05);
            CHECK(item.boxMm.bottom() <= 297 - 15 + 0.01);
        }
    }
    return *doc;
}

QString outDir()
{
    const QString dir = QStringLiteral(FIELDCASE_BINARY_DIR "/forms-template-out");
    QDir().mkpath(dir);
    return dir;
}

QJsonObject removePath(QJsonObject data, const QString& path)
{
    const QStringList parts = path.split(QLatin1Char('.'));
    if (parts.size() == 1) {
        data.remove(parts[0]);
        return data;
    }
    const QString rest = parts.mid(1).join(QLatin1Char('.'));
    const QJsonValue child = data.value(parts[0]);
    if (child.isArray()) {
        QJsonArray arr = child.toArray();
        const int idx = parts[1].toInt();
        QJsonObject item = arr.at(idx).toObject();
        item = removePath(item, parts.mid(2).join(QLatin1Char('.')));
        arr.replace(idx, item);
        data.insert(parts[0], arr);
    } else {
        data.insert(parts[0], removePath(child.toObject(), rest));
    }
    return data;
}

// NFKC folds the Kangxi radicals Qt's PDF text layer reports for shared glyphs; the CJK Radicals
// Supplement needs a table.
QString foldRadicals(const QString& text)
{
    static const QList<std::pair<char16_t, char16_t>> table {{u'⺠', u'民'}, {u'⻬', u'齐'},
        {u'⻓', u'长'}, {u'⻔', u'门'}, {u'⻅', u'见'}, {u'⻛', u'风'}, {u'⻜', u'飞'},
        {u'⻢', u'马'}, {u'⻥', u'鱼'}, {u'⻋', u'车'}, {u'⻉', u'贝'}, {u'⻚', u'页'},
        {u'⻮', u'齿'}, {u'⻩', u'黄'}};
    QString out = text.normalized(QString::NormalizationForm_KC);
    for (const auto& [from, to] : table)
        out.replace(QChar(from), QChar(to));
    return out;
}

QString run(const QString& program, const QStringList& args)
{
    QProcess proc;
    proc.start(program, args);
    REQUIRE(proc.waitForFinished(60000));
    REQUIRE(proc.exitCode() == 0);
    return QString::fromUtf8(proc.readAllStandardOutput());
}

// Page 1 of pdf at 60 dpi against the golden (mean absolute grey difference ≤ 1).
void compareGolden(const QString& pdf, const QString& name)
{
    const QString prefix = outDir() + QLatin1Char('/') + name;
    run(QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"), QStringLiteral("-f"),
            QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
            QStringLiteral("-singlefile"), pdf, prefix});
    const QImage actual
        = QImage(prefix + QStringLiteral(".png")).convertToFormat(QImage::Format_Grayscale8);
    REQUIRE(!actual.isNull());
    const QString golden = QStringLiteral(FIELDCASE_SOURCE_DIR "/tests/unit/forms/template/golden/")
        + name + QStringLiteral(".png");
    if (!QFile::exists(golden)) {
        REQUIRE(actual.save(golden));
        WARN("Created golden " << golden.toStdString() << " - inspect it before committing");
        return;
    }
    const QImage expected = QImage(golden).convertToFormat(QImage::Format_Grayscale8);
    double diff = 255;
    if (expected.size() == actual.size()) {
        double sum = 0;
        for (int y = 0; y < actual.height(); ++y) {
            const uchar* a = actual.constScanLine(y);
            const uchar* b = expected.constScanLine(y);
            for (int x = 0; x < actual.width(); ++x)
                sum += std::abs(int(a[x]) - int(b[x]));
        }
        diff = sum / (double(actual.width()) * actual.height());
    }
    const QString failPath
        = QStringLiteral(FIELDCASE_SOURCE_DIR "/tests/unit/forms/template/golden/") + name
        + QStringLiteral(".fail.png");
    if (diff > 1.0) {
        actual.save(failPath);
        FAIL("page 1 of " << name.toStdString() << " differs from the golden by " << diff
                          << " (mean abs); wrote " << failPath.toStdString());
    }
    QFile::remove(failPath);
}

} // namespace fieldcase::forms::formstest
