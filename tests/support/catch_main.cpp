// The shared Catch2 main for non-GUI tests, compiled once (it takes seconds).
#define CATCH_CONFIG_RUNNER
#include <QCoreApplication>
#include <QStandardPaths>

#include <catch2/catch.hpp>

int main(int argc, char* argv[])
{
    // Keep tests away from the user's real data and config directories.
    QStandardPaths::setTestModeEnabled(true);
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QCoreApplication app(argc, argv);
    return Catch::Session().run(argc, argv);
}
