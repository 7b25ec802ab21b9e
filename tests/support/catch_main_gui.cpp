// The shared Catch2 main for widget tests: a QApplication on the offscreen platform with the
// Simplified Chinese UI font, so screenshots are deterministic and Han glyphs are SC variants.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QFont>
#include <QStandardPaths>

#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 11));
    return Catch::Session().run(argc, argv);
}
