// Tests for the last 交通运输行政执法文书式样 templates (抽样取证凭证, 勘验笔录, 立案登记表,
// 结案报告): load, layout of the shipped demo sample, refusal of every required item by name,
// current article numbers, flowing over pages, PDF text layer and page-1 golden images.
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"
#include "tests/unit/forms/template/formstestutil.h"

#include <QJsonArray>

#include <catch2/catch.hpp>

using namespace fieldcase;
using namespace fieldcase::forms;

using namespace fieldcase::forms::formstest;

namespace {

const QString kFooterTwoCopies
    = QStringLiteral("（本文书一式两份：一份存根，一份交当事人或其代理人。）");

struct Spec
{
    QString name;
    int pages; // with the shipped sample
    bool twoCopies; // outward-facing: prints the 一式两份 footer
    QStringList layoutText; // must appear in the laid-out text
    QStringList pdfText; // must appear in the PDF text layer (both NFKC, spaces removed)
};

const QList<Spec>& specs()
{
    static const QList<Spec> s {
        {QStringLiteral("chouyang-quzheng-pingzheng"), 1, true,
            {QStringLiteral("依据《中华人民共和国行政处罚法》第五十六条规定，对你（单位）的下列物品"
                            "进行抽样取证。"),
                QStringLiteral("被抽样物品名称"), QStringLiteral("规格及批号"),
                QStringLiteral("被抽样物品地点"), QStringLiteral("当事人或其代理人签名："),
                QStringLiteral("执法人员签名："), QStringLiteral("（印章）"),
                QStringLiteral("统一社会信用代码"), QStringLiteral("91000000MA00000157")},
            {QStringLiteral("抽样取证凭证"), QStringLiteral("交通运输行政执法文书式样之五"),
                QStringLiteral("示交罚〔2026〕00003号"), QStringLiteral("第五十六条"),
                QStringLiteral("2026年5月7日14时00分至2026年5月7日14时40分"),
                QStringLiteral("制动摩擦片（示范）"), QStringLiteral("维修车间配件货架"),
                QStringLiteral("0000-12345678"), QStringLiteral("一式两份")}},
        {QStringLiteral("kanyan-bilu"), 1, false,
            {QStringLiteral("勘验情况及结果："), QStringLiteral("当事人或其代理人签名："),
                QStringLiteral("勘验人签名："), QStringLiteral("被邀请人签名："),
                QStringLiteral("记录人签名：")},
            {QStringLiteral("勘验笔录"), QStringLiteral("交通运输行政执法文书式样之三"),
                QStringLiteral("示交罚〔2026〕00004号"), QStringLiteral("天气情况：晴"),
                QStringLiteral("11010001"), QStringLiteral("11010002"),
                QStringLiteral("被邀请人：陈某（示范）"), QStringLiteral("波形梁护栏共3块")}},
        {QStringLiteral("lian-dengjibiao"), 1, false,
            {QStringLiteral("☑1.在行政检查中发现的；"),
                QStringLiteral("□2.个人、法人及其他组织举报经核实的；"),
                QStringLiteral("□3.上级机关交办的；"), QStringLiteral("□4.下级机关报请查处的；"),
                QStringLiteral("□5.有关部门移送的；"), QStringLiteral("□6.其他途径发现的："),
                QStringLiteral("签名："), QStringLiteral("年    月    日")},
            {QStringLiteral("立案登记表"), QStringLiteral("交通运输行政执法文书式样之一"),
                QStringLiteral("案件来源"), QStringLiteral("受案时间：2026年5月6日"),
                QStringLiteral("承办机构负责人意见"), QStringLiteral("行政机关负责人审批意见"),
                QStringLiteral("第五十四条"), QStringLiteral("同意立案")}},
        {QStringLiteral("jiean-baogao"), 1, false,
            {QStringLiteral("执法人员签名："), QStringLiteral("签名："),
                QStringLiteral("当事人基本情况：")},
            {QStringLiteral("结案报告"), QStringLiteral("交通运输行政执法文书式样之二十四"),
                QStringLiteral("处理结果："), QStringLiteral("执行情况："),
                QStringLiteral("经办机构负责人意见"), QStringLiteral("负责人审批意见"),
                QStringLiteral("罚款人民币壹万元整"), QStringLiteral("已全部履行完毕")}},
    };
    return s;
}

Result<DocumentTemplate> load(const QString& name)
{
    return DocumentTemplate::fromFile(templateFile(name));
}

} // namespace

TEST_CASE("last templates load, lay out their samples and cite current law", "[forms]")
{
    for (const Spec& s : specs()) {
        INFO(s.name.toStdString());
        auto t = load(s.name);
        INFO((t ? std::string() : t.error().message.toStdString()));
        REQUIRE(t);
        const LaidOutDocument doc = checkShippedLayout(*t, s.name, s.pages, s.layoutText);
        for (const auto& page : doc.pages)
            CHECK(countText(page, kFooterTwoCopies) == (s.twoCopies ? 1 : 0));
    }
}

TEST_CASE("every required item of the last templates is refused by name", "[forms]")
{
    for (const Spec& s : specs()) {
        auto t = load(s.name);
        REQUIRE(t);
        REQUIRE_FALSE(t->required.isEmpty());
        const QJsonObject data = sampleData(s.name);
        for (const auto& r : t->required) {
            INFO(s.name.toStdString() << " " << r.path.toStdString());
            auto doc = layout(*t, removePath(data, r.path));
            REQUIRE_FALSE(doc);
            CHECK(doc.error().code == ErrorCode::InvalidArgument);
            CHECK(doc.error().message
                == QStringLiteral("%1 needs %2 (%3)").arg(t->title, r.path, r.label));
        }
    }
    // Spot checks of what the forms demand.
    auto has = [](const QString& name, const QString& path) {
        auto t = load(name);
        REQUIRE(t);
        for (const auto& r : t->required)
            if (r.path == path)
                return true;
        return false;
    };
    CHECK(has(QStringLiteral("chouyang-quzheng-pingzheng"), QStringLiteral("sampling.items")));
    CHECK(has(QStringLiteral("chouyang-quzheng-pingzheng"), QStringLiteral("sampling.end")));
    CHECK(has(QStringLiteral("chouyang-quzheng-pingzheng"), QStringLiteral("unit.sealText")));
    CHECK(has(QStringLiteral("kanyan-bilu"), QStringLiteral("officers.1.certNo")));
    CHECK(has(QStringLiteral("kanyan-bilu"), QStringLiteral("inspection.content")));
    CHECK(has(QStringLiteral("lian-dengjibiao"), QStringLiteral("filing.source")));
    CHECK(has(QStringLiteral("jiean-baogao"), QStringLiteral("closing.execution")));
    auto t = load(QStringLiteral("chouyang-quzheng-pingzheng"));
    REQUIRE(t);
    auto doc = layout(*t,
        removePath(sampleData(QStringLiteral("chouyang-quzheng-pingzheng")),
            QStringLiteral("sampling.place")));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == QStringLiteral("抽样取证凭证 needs sampling.place (抽样地点)"));
}

TEST_CASE("立案登记表 ticks exactly the chosen 案件来源 and prints the named source", "[forms]")
{
    auto t = load(QStringLiteral("lian-dengjibiao"));
    REQUIRE(t);
    QJsonObject data = sampleData(QStringLiteral("lian-dengjibiao"));
    QJsonObject filing = data.value(QStringLiteral("filing")).toObject();
    filing.insert(QStringLiteral("source"), QStringLiteral("transfer"));
    filing.insert(QStringLiteral("sourceDepartment"), QStringLiteral("示范市公安局交通管理支队"));
    data.insert(QStringLiteral("filing"), filing);
    auto doc = layout(*t, data);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    const QString all = allText(*doc);
    CHECK(all.contains(QStringLiteral("☑5.有关部门示范市公安局交通管理支队移送的；")));
    CHECK(all.contains(QStringLiteral("□1.在行政检查中发现的；")));
    CHECK(all.count(QStringLiteral("☑")) == 1);
    CHECK(all.count(QStringLiteral("□")) == 5);
}

TEST_CASE("抽样取证凭证 with 25 items repeats the header and footer on every page", "[forms]")
{
    auto t = load(QStringLiteral("chouyang-quzheng-pingzheng"));
    REQUIRE(t);
    QJsonObject data = sampleData(QStringLiteral("chouyang-quzheng-pingzheng"));
    QJsonObject sampling = data.value(QStringLiteral("sampling")).toObject();
    QJsonArray items;
    for (int i = 1; i <= 25; ++i)
        items.append(QJsonObject {{QStringLiteral("n"), i},
            {QStringLiteral("name"), QStringLiteral("制动摩擦片（示范）第%1套").arg(i)},
            {QStringLiteral("spec"), QStringLiteral("型号ZD-200，批号20260301")},
            {QStringLiteral("qty"), QStringLiteral("1套")},
            {QStringLiteral("place"), QStringLiteral("维修车间配件货架")}});
    sampling.insert(QStringLiteral("items"), items);
    data.insert(QStringLiteral("sampling"), sampling);
    auto doc = layout(*t, data);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() > 1);
    int last = 0;
    int tablePages = 0;
    for (const auto& page : doc->pages) {
        CHECK(countText(page, kFooterTwoCopies) == 1);
        last += countText(page, QStringLiteral("制动摩擦片（示范）第25套"));
        bool rows = false;
        for (const auto& item : page.texts)
            if (item.source.startsWith(QStringLiteral("items."))) {
                rows = true;
                CHECK(item.boxMm.bottom() <= 270.01);
            }
        // The header is repeated on every page the table reaches (the signatures may follow
        // on a page of their own).
        if (rows) {
            ++tablePages;
            CHECK(countText(page, QStringLiteral("被抽样物品名称")) == 1);
        }
    }
    CHECK(tablePages > 1);
    CHECK(last == 1);
    CHECK(countText(doc->pages.last(), QStringLiteral("（印章）")) == 1);
    CHECK(countText(doc->pages.last(), QStringLiteral("执法人员签名：")) == 1);
    CHECK(countText(doc->pages.first(), QStringLiteral("执法人员签名：")) == 0);
}

TEST_CASE("勘验笔录 with long findings flows and signs after the text", "[forms]")
{
    auto t = load(QStringLiteral("kanyan-bilu"));
    REQUIRE(t);
    QJsonObject data = sampleData(QStringLiteral("kanyan-bilu"));
    QJsonObject insp = data.value(QStringLiteral("inspection")).toObject();
    QJsonArray content;
    for (int i = 1; i <= 30; ++i)
        content.append(QStringLiteral("第%1段：勘验人员对受损波形梁护栏逐块测量并拍照，"
                                      "当事人在场，对勘验过程无异议。")
                           .arg(i));
    insp.insert(QStringLiteral("content"), content);
    data.insert(QStringLiteral("inspection"), insp);
    auto doc = layout(*t, data);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() >= 2);
    for (const auto& page : doc->pages)
        for (const auto& item : page.texts)
            if (item.source == QStringLiteral("content"))
                CHECK(item.boxMm.bottom() <= 270.01);
    for (const char* label :
        {"当事人或其代理人签名：", "勘验人签名：", "被邀请人签名：", "记录人签名："}) {
        INFO(label);
        CHECK(countText(doc->pages.last(), QString::fromUtf8(label)) == 1);
        CHECK(countText(doc->pages.first(), QString::fromUtf8(label)) == 0);
    }
}

TEST_CASE("last templates render to PDF with their key text and match the goldens", "[forms]")
{
    for (const Spec& s : specs()) {
        INFO(s.name.toStdString());
        auto t = load(s.name);
        REQUIRE(t);
        auto doc = layout(*t, sampleData(s.name));
        REQUIRE(doc);
        const QString pdf = outDir() + QLatin1Char('/') + t->id + QStringLiteral(".pdf");
        auto st = renderPdf(*doc, pdf);
        INFO((st ? std::string() : st.error().message.toStdString()));
        REQUIRE(st);
        const QString text
            = foldRadicals(run(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")}))
                  .remove(QLatin1Char(' '))
                  .remove(QLatin1Char('\n'));
        for (const QString& e : s.pdfText) {
            INFO(e.toStdString());
            CHECK(text.contains(
                e.normalized(QString::NormalizationForm_KC).remove(QLatin1Char(' '))));
        }
        CHECK_FALSE(text.contains(QStringLiteral("第三十七条")));
        compareGolden(pdf, t->id);
    }
}
