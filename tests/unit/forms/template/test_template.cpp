// Template loading, layout engine, PDF rendering and golden-image tests for forms/template.
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"
#include "tests/unit/forms/template/formstestutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::forms;

using namespace fieldcase::forms::formstest;

namespace {

QString templatePath(const char* name)
{
    return QStringLiteral(FIELDCASE_SOURCE_DIR "/forms/templates/") + QLatin1String(name);
}

QJsonObject unitAndOfficers()
{
    return QJsonObject {
        {QStringLiteral("case"),
            QJsonObject {{QStringLiteral("number"), QStringLiteral("示交执罚〔2025〕00977号")}}},
        {QStringLiteral("unit"),
            QJsonObject {
                {QStringLiteral("authorityName"), QStringLiteral("示范市交通运输综合行政执法支队")},
                {QStringLiteral("sealText"), QStringLiteral("示范市交通运输局")},
                {QStringLiteral("reviewBody"), QStringLiteral("示范市人民政府")},
                {QStringLiteral("court"), QStringLiteral("示范市铁路运输法院")},
                {QStringLiteral("fineBank"), QStringLiteral("中国工商银行示范市分行营业部")},
                {QStringLiteral("fineAccount"), QStringLiteral("6222 0200 1234 5678 901")},
            }},
        {QStringLiteral("officers"),
            QJsonArray {
                QJsonObject {{QStringLiteral("name"), QStringLiteral("王建国")},
                    {QStringLiteral("certNo"), QStringLiteral("15010011001")}},
                QJsonObject {{QStringLiteral("name"), QStringLiteral("欧阳晓琳")},
                    {QStringLiteral("certNo"), QStringLiteral("15010011002")}},
            }},
    };
}

QJsonObject decisionData()
{
    QJsonObject d = unitAndOfficers();
    d.insert(QStringLiteral("party"),
        QJsonObject {
            {QStringLiteral("name"), QStringLiteral("吉𠮷龘·阿卜杜热合曼·买买提依明")},
            {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")},
            {QStringLiteral("address"),
                QStringLiteral("新疆维吾尔自治区乌鲁木齐市天山区解放南路街道办事处幸福路社区"
                               "第十二居民小区七号楼三单元一千二百零一室")},
            {QStringLiteral("phone"), QStringLiteral("13800138000")},
            {QStringLiteral("orgName"), QString()}, // optional, empty for an individual
        });
    d.insert(QStringLiteral("violation"),
        QJsonObject {
            {QStringLiteral("time"), QStringLiteral("2025年3月8日14时20分")},
            {QStringLiteral("place"), QStringLiteral("G30连霍高速公路K3012+500处小草湖服务区")},
            {QStringLiteral("facts"),
                QStringLiteral("驾驶新A·12345号重型半挂牵引车从事道路货物运输，未随车携带"
                               "《道路运输证》，经现场检查、询问及当事人确认属实。")},
            {QStringLiteral("violatedProvision"),
                QStringLiteral("《中华人民共和国道路运输条例》第三十二条第二款")},
            {QStringLiteral("basisProvision"),
                QStringLiteral("《中华人民共和国道路运输条例》第六十七条")},
        });
    d.insert(QStringLiteral("decision"),
        QJsonObject {
            {QStringLiteral("penaltyKind"), QStringLiteral("罚款")},
            {QStringLiteral("amountYuan"), 200},
            {QStringLiteral("amountUpper"), QStringLiteral("贰佰元整")},
            {QStringLiteral("payment"), QStringLiteral("bank")},
        });
    d.insert(QStringLiteral("document"),
        QJsonObject {{QStringLiteral("qrPayload"),
            QStringLiteral("fieldcase:doc?no=示交执罚〔2025〕00977号&h=3f2a9c")}});
    return d;
}

QJsonObject interviewData(int pairs)
{
    QJsonObject d = unitAndOfficers();
    QJsonArray qa;
    for (int i = 1; i <= pairs; ++i) {
        qa.append(QJsonObject {
            {QStringLiteral("q"),
                QStringLiteral("第%1个问题：当天车辆装载的是什么货物，由谁安排装车？").arg(i)},
            {QStringLiteral("a"),
                i % 3 == 0 ? QStringLiteral(
                    "车是从乌鲁木齐北站货场出发的，目的地是哈密市伊州区，货物是钢材，"
                    "由货主龘老板的人安排装车，我只负责驾驶，没有过磅。")
                           : QStringLiteral("是的，装的是钢材，没有过磅。")},
        });
    }
    d.insert(QStringLiteral("interview"),
        QJsonObject {
            {QStringLiteral("start"), QStringLiteral("2025年3月8日14时40分")},
            {QStringLiteral("end"), QStringLiteral("2025年3月8日15时35分")},
            {QStringLiteral("round"), 1},
            {QStringLiteral("place"), QStringLiteral("小草湖服务区执法站询问室")},
            {QStringLiteral("recorder"), QStringLiteral("欧阳晓琳")},
            {QStringLiteral("recusalAnswer"), QStringLiteral("不申请回避。")},
            {QStringLiteral("qa"), qa},
        });
    d.insert(QStringLiteral("interviewee"),
        QJsonObject {
            {QStringLiteral("name"), QStringLiteral("吉𠮷龘")},
            {QStringLiteral("relation"), QStringLiteral("驾驶员")},
            {QStringLiteral("sex"), QStringLiteral("男")},
            {QStringLiteral("age"), 46},
            {QStringLiteral("idNumber"), QStringLiteral("11010519491231002X")},
            {QStringLiteral("phone"), QStringLiteral("13800138000")},
            {QStringLiteral("employer"), QString()}, // optional, left empty
            {QStringLiteral("address"), QStringLiteral("新疆维吾尔自治区哈密市伊州区天山北路88号")},
        });
    return d;
}

QStringList pageNumberTexts(const LaidOutDocument& doc)
{
    QStringList out;
    for (const auto& p : doc.pages)
        for (const auto& t : p.texts)
            if (t.source == QStringLiteral("pageNumber"))
                out << t.text;
    return out;
}

QJsonObject elementJson(const QString& id, const QString& type, QJsonArray box)
{
    return QJsonObject {
        {QStringLiteral("id"), id}, {QStringLiteral("type"), type}, {QStringLiteral("box"), box}};
}

QJsonObject minimalTemplate(const QJsonArray& elements)
{
    return QJsonObject {
        {QStringLiteral("id"), QStringLiteral("t")},
        {QStringLiteral("title"), QStringLiteral("测试文书")},
        {QStringLiteral("version"), QStringLiteral("1")},
        {QStringLiteral("effectiveFrom"), QStringLiteral("2021-07-15")},
        {QStringLiteral("page"), QJsonObject {{QStringLiteral("size"), QJsonArray {210, 297}}}},
        {QStringLiteral("elements"), elements},
    };
}

} // namespace

TEST_CASE("both shipped templates load and bind only to known paths", "[forms]")
{
    for (const char* name : {"dangchang-chufa-jueding.json", "xunwen-bilu.json"}) {
        auto t = DocumentTemplate::fromFile(templatePath(name));
        INFO(name << ": " << (t ? std::string() : t.error().message.toStdString()));
        REQUIRE(t);
        // Loading again with its own bound paths as the known list must pass as well.
        REQUIRE(DocumentTemplate::fromFile(templatePath(name), t->boundPaths()));
        CHECK(t->effectiveFrom == QStringLiteral("2021-07-15"));
    }
}

TEST_CASE("当场行政处罚决定书 lays out on one page with current-law wording", "[forms]")
{
    auto t = DocumentTemplate::fromFile(templatePath("dangchang-chufa-jueding.json"));
    REQUIRE(t);
    auto doc = layout(*t, decisionData());
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() == 1);
    CHECK(pageNumberTexts(*doc) == QStringList {QStringLiteral("第 1 页 共 1 页")});
    QString all;
    for (const auto& item : doc->pages[0].texts)
        all += item.text;
    CHECK(all.contains(QStringLiteral("第七十二条")));
    CHECK(all.contains(QStringLiteral("第四十四条、第四十五条")));
    CHECK(all.contains(QStringLiteral("（本文书一式两份：一份存根，一份交当事人或其代理人。）")));
    CHECK(all.contains(QStringLiteral("☑自收到本决定书之日起十五日内缴至")));
    CHECK(all.contains(QStringLiteral("□当场缴纳")));
    CHECK(all.contains(QStringLiteral("𠮷")));
    REQUIRE(doc->pages[0].images.size() == 1);
    CHECK(doc->pages[0].images[0].kind == QStringLiteral("qr"));
    CHECK(doc->pages[0].images[0].image.format() == QImage::Format_Mono);
    // Every text line stays inside the page's printable width.
    for (const auto& item : doc->pages[0].texts) {
        INFO(item.source.toStdString() << ": " << item.text.toStdString());
        CHECK(textWidthMm(item.text, item.sizePt, item.bold) <= item.boxMm.width() + 0.05);
    }
}

TEST_CASE("every required item of the 当场处罚 decision is refused by name", "[forms]")
{
    auto t = DocumentTemplate::fromFile(templatePath("dangchang-chufa-jueding.json"));
    REQUIRE(t);
    for (const auto& r : t->required) {
        auto doc = layout(*t, removePath(decisionData(), r.path));
        INFO(r.path.toStdString());
        REQUIRE_FALSE(doc);
        CHECK(doc.error().code == ErrorCode::InvalidArgument);
        CHECK(doc.error().message
            == QStringLiteral("当场行政处罚决定书 needs %1 (%2)").arg(r.path, r.label));
    }
    auto doc = layout(*t, removePath(decisionData(), QStringLiteral("unit.reviewBody")));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message
        == QStringLiteral("当场行政处罚决定书 needs unit.reviewBody (复议机关)"));
}

TEST_CASE("询问笔录 with 40 Q&A pairs flows over three pages", "[forms]")
{
    auto t = DocumentTemplate::fromFile(templatePath("xunwen-bilu.json"));
    REQUIRE(t);
    auto doc = layout(*t, interviewData(40));
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() == 3);
    CHECK(pageNumberTexts(*doc)
        == QStringList {QStringLiteral("第 1 页 共 3 页"), QStringLiteral("第 2 页 共 3 页"),
            QStringLiteral("第 3 页 共 3 页")});
    int lastQuestion = 0;
    for (const auto& page : doc->pages) {
        int perPageSignature = 0;
        for (const auto& item : page.texts) {
            if (item.text == QStringLiteral("被询问人签名："))
                ++perPageSignature;
            if (item.source == QStringLiteral("qa")) // flowing lines stay above the signature
                CHECK(item.boxMm.bottom() <= 252.01);
            if (item.text.startsWith(QStringLiteral("问：第40个问题")))
                ++lastQuestion;
        }
        CHECK(perPageSignature == 1);
        CHECK(page.texts.first().text.size() > 0);
    }
    CHECK(lastQuestion == 1);
    bool closing = false;
    for (const auto& item : doc->pages.last().texts)
        closing |= item.text == QStringLiteral("询问人签名：");
    CHECK(closing);
    // The 案号 header repeats on every page.
    for (const auto& page : doc->pages) {
        bool caseNo = false;
        for (const auto& item : page.texts)
            caseNo |= item.text == QStringLiteral("案号：示交执罚〔2025〕00977号");
        CHECK(caseNo);
    }
}

TEST_CASE("invalid templates are refused with precise messages", "[forms]")
{
    SECTION("unknown field path")
    {
        QJsonObject f
            = elementJson(QStringLiteral("name"), QStringLiteral("field"), {20, 40, 80, 8});
        f.insert(QStringLiteral("path"), QStringLiteral("party.nmae"));
        auto t = DocumentTemplate::fromJson(
            minimalTemplate({f}), {QStringLiteral("party.name"), QStringLiteral("case.number")});
        REQUIRE_FALSE(t);
        CHECK(t.error().message == QStringLiteral("template “t”: unknown field path “party.nmae”"));
    }
    SECTION("unknown placeholder path")
    {
        QJsonObject x = elementJson(QStringLiteral("s"), QStringLiteral("text"), {20, 40, 170, 8});
        x.insert(QStringLiteral("text"), QStringLiteral("向{unit.reveiwBody}申请行政复议"));
        auto t
            = DocumentTemplate::fromJson(minimalTemplate({x}), {QStringLiteral("unit.reviewBody")});
        REQUIRE_FALSE(t);
        CHECK(t.error().message
            == QStringLiteral("template “t”: unknown field path “unit.reveiwBody”"));
    }
    SECTION("overlapping fixed boxes")
    {
        QJsonObject a = elementJson(QStringLiteral("a"), QStringLiteral("text"), {20, 40, 50, 10});
        a.insert(QStringLiteral("text"), QStringLiteral("甲"));
        QJsonObject b = elementJson(QStringLiteral("b"), QStringLiteral("text"), {60, 45, 50, 10});
        b.insert(QStringLiteral("text"), QStringLiteral("乙"));
        auto t = DocumentTemplate::fromJson(minimalTemplate({a, b}));
        REQUIRE_FALSE(t);
        CHECK(t.error().message
            == QStringLiteral("template “t”: elements “a” (20.0, 40.0, 50.0×10.0 mm) and “b” "
                              "(60.0, 45.0, 50.0×10.0 mm) overlap"));
    }
    SECTION("text that cannot fit its box")
    {
        QJsonObject a
            = elementJson(QStringLiteral("notice"), QStringLiteral("text"), {20, 40, 30, 6});
        a.insert(QStringLiteral("text"),
            QStringLiteral("处罚前已口头告知当事人拟作出处罚的事实、理由和依据"));
        auto t = DocumentTemplate::fromJson(minimalTemplate({a}));
        REQUIRE_FALSE(t);
        CHECK(t.error().message.startsWith(
            QStringLiteral("template “t”, element “notice”: text needs ")));
        CHECK(t.error().message.contains(QStringLiteral("but its box is 6.0 mm high")));
        CHECK(t.error().message.contains(QStringLiteral("no continuation rule")));
    }
    SECTION("missing required attributes")
    {
        QJsonObject f = elementJson(QStringLiteral("f"), QStringLiteral("field"), {20, 40, 50, 10});
        auto t = DocumentTemplate::fromJson(minimalTemplate({f}));
        REQUIRE_FALSE(t);
        CHECK(t.error().message
            == QStringLiteral("template “t”, element “f”: missing required attribute “path”"));
        QJsonObject noBox {{QStringLiteral("id"), QStringLiteral("g")},
            {QStringLiteral("type"), QStringLiteral("qr")},
            {QStringLiteral("path"), QStringLiteral("x")}};
        auto t2 = DocumentTemplate::fromJson(minimalTemplate({noBox}));
        REQUIRE_FALSE(t2);
        CHECK(t2.error().message
            == QStringLiteral("template “t”, element “g”: missing required attribute “box”"));
        QJsonObject top = minimalTemplate({});
        top.remove(QStringLiteral("version"));
        auto t3 = DocumentTemplate::fromJson(top);
        REQUIRE_FALSE(t3);
        CHECK(
            t3.error().message == QStringLiteral("template: missing required attribute “version”"));
    }
}

TEST_CASE("tables split across pages and repeat their header", "[forms]")
{
    QJsonObject table
        = elementJson(QStringLiteral("items"), QStringLiteral("table"), {20, 40, 170, 200});
    table.insert(QStringLiteral("path"), QStringLiteral("items"));
    table.insert(QStringLiteral("columns"),
        QJsonArray {
            QJsonObject {{QStringLiteral("title"), QStringLiteral("序号")},
                {QStringLiteral("key"), QStringLiteral("n")}, {QStringLiteral("width"), 20}},
            QJsonObject {{QStringLiteral("title"), QStringLiteral("证据名称")},
                {QStringLiteral("key"), QStringLiteral("name")}, {QStringLiteral("width"), 150}}});
    auto t = DocumentTemplate::fromJson(minimalTemplate({table}));
    REQUIRE(t);
    QJsonArray rows;
    for (int i = 1; i <= 60; ++i)
        rows.append(QJsonObject {
            {QStringLiteral("n"), i}, {QStringLiteral("name"), QStringLiteral("行车记录仪视频")}});
    auto doc = layout(*t, QJsonObject {{QStringLiteral("items"), rows}});
    REQUIRE(doc);
    REQUIRE(doc->pages.size() >= 2);
    for (const auto& page : doc->pages) {
        int headers = 0;
        for (const auto& item : page.texts)
            headers += item.text == QStringLiteral("证据名称") ? 1 : 0;
        CHECK(headers == 1);
    }
}

TEST_CASE("QR codes carry CJK text", "[forms]")
{
    auto img = makeQrImage(QStringLiteral("案号：示交执罚〔2025〕00977号 吉𠮷"));
    REQUIRE(img);
    CHECK(img->width() >= 21);
    CHECK(img->format() == QImage::Format_Mono);
}

TEST_CASE(
    "PDF output embeds the CJK font, carries the key fields and matches the goldens", "[forms]")
{
    struct Case
    {
        const char* file;
        QJsonObject data;
        QStringList expected;
    };
    const QList<Case> cases {
        {"dangchang-chufa-jueding.json", decisionData(),
            {QStringLiteral("示交执罚〔2025〕00977号"), QStringLiteral("阿卜杜热合曼"),
                QStringLiteral("200"), QStringLiteral("示范市人民政府"),
                QStringLiteral("第七十二条")}},
        {"xunwen-bilu.json", interviewData(40),
            {QStringLiteral("示交执罚〔2025〕00977号"), QStringLiteral("第40个问题"),
                QStringLiteral("申请我们回避")}},
    };
    for (const auto& c : cases) {
        auto t = DocumentTemplate::fromFile(templatePath(c.file));
        REQUIRE(t);
        auto doc = layout(*t, c.data);
        REQUIRE(doc);
        const QString pdf = outDir() + QLatin1Char('/') + t->id + QStringLiteral(".pdf");
        auto st = renderPdf(*doc, pdf);
        INFO((st ? std::string() : st.error().message.toStdString()));
        REQUIRE(st);
        // NFKC: Qt's ToUnicode maps some Han glyphs to Kangxi radicals (⾏ for 行); fold them back.
        const QString text
            = foldRadicals(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}))
                  .remove(QLatin1Char(' '))
                  .remove(QLatin1Char('\n'));
        for (const QString& e : c.expected) {
            INFO(e.toStdString());
            CHECK(text.contains(e));
        }
        const QString fonts = run(QStringLiteral("pdffonts"), {pdf});
        INFO(fonts.toStdString());
        bool embeddedCjk = false;
        for (const QString& line : fonts.split(QLatin1Char('\n')))
            if (line.contains(QStringLiteral("NotoSansCJK"))
                && line.contains(QStringLiteral(" yes ")))
                embeddedCjk = true;
        CHECK(embeddedCjk);
        compareGolden(pdf, t->id);
    }
}

TEST_CASE("preview image has the page size at the requested dpi", "[forms]")
{
    auto t = DocumentTemplate::fromFile(templatePath("dangchang-chufa-jueding.json"));
    REQUIRE(t);
    auto doc = layout(*t, decisionData());
    REQUIRE(doc);
    const QImage img = renderPreview(doc->pages[0], 60);
    CHECK(img.width() == qRound(210 * 60 / 25.4));
    CHECK(img.height() == qRound(297 * 60 / 25.4));
    img.save(outDir() + QStringLiteral("/dangchang-preview.png"));
}
