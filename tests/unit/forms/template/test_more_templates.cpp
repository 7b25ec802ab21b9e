// Tests for the further 交通运输行政执法文书式样 templates (送达回证, 现场笔录, 证据登记保存清单,
// 行政强制措施决定书, 责令改正违法行为通知书, 违法行为通知书): load, layout of the shipped demo
// sample, refusal of every required item by name, PDF text layer and page-1 golden images.
#include "forms/pdf/pdfrenderer.h"
#include "forms/template/template.h"
#include "tests/unit/forms/template/formstestutil.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>

#include <catch2/catch.hpp>
#include <cmath>

using namespace fieldcase;
using namespace fieldcase::forms;

using namespace fieldcase::forms::formstest;

namespace {

struct Spec
{
    QString name;
    int pages; // with the shipped sample
    QStringList layoutText; // must appear in the laid-out text
    QStringList pdfText; // must appear in the PDF text layer (NFKC, spaces removed)
};

const QList<Spec>& specs()
{
    static const QList<Spec> s {
        {QStringLiteral("songda-huizheng"), 1,
            {QStringLiteral("送达文书名称、文号"), QStringLiteral("收件人姓名（盖章）"),
                QStringLiteral("直接送达"), QStringLiteral("（印章）")},
            {QStringLiteral("送达回证"), QStringLiteral("示交罚〔2026〕00001号"),
                QStringLiteral("受送达人"), QStringLiteral("直接送达"),
                QStringLiteral("当场行政处罚决定书")}},
        {QStringLiteral("xianchang-bilu"), 1,
            {QStringLiteral("现场人员签名："), QStringLiteral("执法人员签名："),
                QStringLiteral("上述笔录我已看过，已确认无误 / 或已向我宣读过，情况属实无误。")},
            {QStringLiteral("现场笔录"), QStringLiteral("京A"), QStringLiteral("重型自卸货车"),
                QStringLiteral("11010002"), QStringLiteral("救济途径"),
                QStringLiteral("情况属实无误")}},
        {QStringLiteral("zhengju-dengji-baocun-qingdan"), 1,
            {QStringLiteral("登记保存地点"), QStringLiteral("当事人或其代理人签名："),
                QStringLiteral("（本文书一式两份：一份存根，一份交当事人或其代理人。）")},
            {QStringLiteral("证据登记保存清单"), QStringLiteral("第五十六条"),
                QStringLiteral("先行登记保存7日"), QStringLiteral("行车记录仪存储卡")}},
        {QStringLiteral("xingzheng-qiangzhi-cuoshi-jueding"), 1,
            {QStringLiteral("查封、扣押清单："), QStringLiteral("当事人或其代理人签名：")},
            {QStringLiteral("行政强制措施决定书"), QStringLiteral("示范市人民政府"),
                QStringLiteral("示范市示范区人民法院"), QStringLiteral("2026年6月4日"),
                QStringLiteral("扣押的行政强制措施")}},
        {QStringLiteral("zeling-gaizheng-tongzhi"), 1,
            {QStringLiteral("□立即予以改正"),
                QStringLiteral("☑在2026年5月6日18时前改正或者整改完毕")},
            {QStringLiteral("责令改正违法行为通知书"), QStringLiteral("第四十六条"),
                QStringLiteral("示范市人民政府")}},
        {QStringLiteral("weifa-xingwei-tongzhi"), 1,
            {QStringLiteral("☑1. 陈述、申辩权"), QStringLiteral("☑2. 听证权")},
            {QStringLiteral("违法行为通知书"), QStringLiteral("第四十四条、第四十五条"),
                QStringLiteral("第六十三条、第六十四条"), QStringLiteral("五日内"),
                QStringLiteral("罚款人民币壹万元整")}},
    };
    return s;
}

} // namespace

TEST_CASE("further templates load, lay out their samples and cite current law", "[forms]")
{
    for (const Spec& s : specs()) {
        INFO(s.name.toStdString());
        auto t = DocumentTemplate::fromFile(templateFile(s.name));
        INFO((t ? std::string() : t.error().message.toStdString()));
        REQUIRE(t);
        checkShippedLayout(*t, s.name, s.pages, s.layoutText);
    }
}

TEST_CASE("every required item of the further templates is refused by name", "[forms]")
{
    for (const Spec& s : specs()) {
        auto t = DocumentTemplate::fromFile(templateFile(s.name));
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
    // Spot checks of what the law demands.
    auto has = [](const QString& name, const QString& path) {
        auto t = DocumentTemplate::fromFile(templateFile(name));
        REQUIRE(t);
        for (const auto& r : t->required)
            if (r.path == path)
                return true;
        return false;
    };
    CHECK(has(
        QStringLiteral("xingzheng-qiangzhi-cuoshi-jueding"), QStringLiteral("unit.reviewBody")));
    CHECK(has(QStringLiteral("xingzheng-qiangzhi-cuoshi-jueding"), QStringLiteral("unit.court")));
    CHECK(has(QStringLiteral("xingzheng-qiangzhi-cuoshi-jueding"), QStringLiteral("measure.to")));
    CHECK(has(QStringLiteral("zeling-gaizheng-tongzhi"), QStringLiteral("unit.reviewBody")));
    CHECK(has(QStringLiteral("xianchang-bilu"), QStringLiteral("officers.1.certNo")));
    CHECK(has(QStringLiteral("songda-huizheng"), QStringLiteral("service.recipient")));
    auto t = DocumentTemplate::fromFile(templateFile(QStringLiteral("songda-huizheng")));
    REQUIRE(t);
    auto doc = layout(*t,
        removePath(sampleData(QStringLiteral("songda-huizheng")), QStringLiteral("case.cause")));
    REQUIRE_FALSE(doc);
    CHECK(doc.error().message == QStringLiteral("送达回证 needs case.cause (案由)"));
}

TEST_CASE("证据登记保存清单 with 22 items splits over pages and repeats the header", "[forms]")
{
    auto t
        = DocumentTemplate::fromFile(templateFile(QStringLiteral("zhengju-dengji-baocun-qingdan")));
    REQUIRE(t);
    QJsonObject data = sampleData(QStringLiteral("zhengju-dengji-baocun-qingdan"));
    QJsonObject pres = data.value(QStringLiteral("preservation")).toObject();
    QJsonArray items;
    for (int i = 1; i <= 22; ++i)
        items.append(QJsonObject {{QStringLiteral("n"), i},
            {QStringLiteral("name"), QStringLiteral("道路运输货物运单（示范）第%1份").arg(i)},
            {QStringLiteral("spec"), QStringLiteral("A4纸")},
            {QStringLiteral("qty"), QStringLiteral("1张")},
            {QStringLiteral("place"), QStringLiteral("示范市执法支队示范大队证据室")}});
    pres.insert(QStringLiteral("items"), items);
    data.insert(QStringLiteral("preservation"), pres);
    auto doc = layout(*t, data);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() > 1);
    int last = 0;
    for (const auto& page : doc->pages) {
        CHECK(countText(page, QStringLiteral("证据名称")) == 1);
        CHECK(countText(page, QStringLiteral("登记保存地点")) == 1);
        CHECK(countText(
                  page, QStringLiteral("（本文书一式两份：一份存根，一份交当事人或其代理人。）"))
            == 1);
        last += countText(page, QStringLiteral("道路运输货物运单（示范）第22份"));
        for (const auto& item : page.texts)
            if (item.source.startsWith(QStringLiteral("items.")))
                CHECK(item.boxMm.bottom() <= 270.01);
    }
    CHECK(last == 1);
    // The signatures and seal follow the table on the last page.
    CHECK(countText(doc->pages.last(), QStringLiteral("当事人或其代理人签名：")) == 1);
    CHECK(countText(doc->pages.last(), QStringLiteral("（印章）")) == 1);
    CHECK(countText(doc->pages.first(), QStringLiteral("当事人或其代理人签名：")) == 0);
}

TEST_CASE("现场笔录 with long content flows and keeps 现场人员签名 on every page", "[forms]")
{
    auto t = DocumentTemplate::fromFile(templateFile(QStringLiteral("xianchang-bilu")));
    REQUIRE(t);
    QJsonObject data = sampleData(QStringLiteral("xianchang-bilu"));
    QJsonObject scene = data.value(QStringLiteral("scene")).toObject();
    QJsonArray content;
    for (int i = 1; i <= 30; ++i)
        content.append(QStringLiteral("第%1段：执法人员对京A12345号货车的装载情况进行检查，"
                                      "当事人在场，对检查过程无异议。")
                           .arg(i));
    scene.insert(QStringLiteral("content"), content);
    data.insert(QStringLiteral("scene"), scene);
    auto doc = layout(*t, data);
    INFO((doc ? std::string() : doc.error().message.toStdString()));
    REQUIRE(doc);
    REQUIRE(doc->pages.size() >= 2);
    for (const auto& page : doc->pages) {
        CHECK(countText(page, QStringLiteral("现场人员签名：")) == 1);
        for (const auto& item : page.texts)
            if (item.source == QStringLiteral("content"))
                CHECK(item.boxMm.bottom() <= 252.01);
    }
    CHECK(countText(doc->pages.last(), QStringLiteral("执法人员签名：")) == 1);
}

TEST_CASE("further templates render to PDF with their key text and match the goldens", "[forms]")
{
    for (const Spec& s : specs()) {
        INFO(s.name.toStdString());
        auto t = DocumentTemplate::fromFile(templateFile(s.name));
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
            CHECK(text.contains(e));
        }
        compareGolden(pdf, t->id);
    }
}
