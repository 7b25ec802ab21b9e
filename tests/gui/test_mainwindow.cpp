#include "app/common/demoseed.h"
#include "app/common/i18n.h"
#include "app/terminal/mainwindow.h"
#include "tests/support/storefixture.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QTableWidget>
#include <QToolBar>

#include <catch2/catch.hpp>

using namespace fieldcase;

namespace {
QAction* actionNamed(QMainWindow& w, const QString& text)
{
    for (QAction* a : w.findChild<QToolBar*>(QStringLiteral("actionsToolBar"))->actions())
        if (a->text() == text)
            return a;
    return nullptr;
}
} // namespace

TEST_CASE("The demo terminal lists cases opened through core, in Chinese by default", "[gui]")
{
    REQUIRE(app::installTranslations(*QCoreApplication::instance()));
    test::TempDir dir;
    ManualClock clock;
    StoreOptions options;
    options.directory = dir.file(QStringLiteral("store"));
    auto store = CaseStore::open(options, clock);
    REQUIRE(store);
    auto demo = app::loadDemoUnit();
    REQUIRE(demo);
    REQUIRE(app::seedDemoOfficers(**store, *demo));

    app::MainWindow window(**store, *demo);
    window.show();
    CHECK(window.windowTitle().contains(QStringLiteral("执法终端")));
    auto* table = window.findChild<QTableWidget*>(QStringLiteral("casesTableWidget"));
    REQUIRE(table);
    CHECK(table->rowCount() == 0);
    CHECK(table->horizontalHeaderItem(0)->text() == QStringLiteral("案件"));

    QAction* newCase = actionNamed(window, QStringLiteral("新建示范案件"));
    REQUIRE(newCase);
    newCase->trigger();
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, 0)->text() == QStringLiteral("货车超限运输（示范案例）"));
    CHECK(table->item(0, 2)->text() == QStringLiteral("办理中"));
    CHECK((*store)->database().scalarInt("SELECT count(*) FROM events").value() == 4);

    const QString shots = QStringLiteral(FIELDCASE_BINARY_DIR) + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    CHECK(window.grab().save(shots + QStringLiteral("/mainwindow-zh_CN.png")));
}
