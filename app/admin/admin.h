// fieldcase-admin: the installer's command-line tool. Store and demo commands live in main.cpp;
// reference data, validation, rules, deadlines and scenarios in rulescommands.cpp; rendering in
// rendercommand.cpp; the GNSS check in gnsscommand.cpp; device plugins and profiles in
// devicescommand.cpp; sync in synccommand.cpp.
#pragma once

#include "core/rules/rulebook.h"
#include "core/store/casestore.h"
#include "devices/api/device.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTextStream>

#include <memory>

namespace fieldcase::admin {

class Admin
{
    Q_DECLARE_TR_FUNCTIONS(Admin)

public:
    int run(const QStringList& args);

    struct SyncOptions
    {
        QString centreUrl;
        QString enrolUrl;
        QString caFile;
        QString token;
        QString installer;
        bool metered = false;
    };

private:
    int dbCheck(bool json, bool skipEvidence);
    int dbRebuild();
    int demo(const QString& what);
    int openStore();
    int numbers(const QStringList& args, const QString& installer, bool json);
    // rendercommand.cpp
    int render(const QString& templateName, const QString& dataFile, const QString& format,
        const QString& outFile, const QString& printerProfile);
    int verifyDocument(const QString& file, bool json);
    // gnsscommand.cpp
    int gnssWatch(const QString& uri, int seconds, bool json);
    // devicescommand.cpp
    int devicesCommand(const QStringList& args, const QString& profile, int seconds, bool json);
    static QString deviceLine(const devices::Device& device);
    // synccommand.cpp
    int syncCommand(const QStringList& args, const SyncOptions& options, bool json);

    // rulescommands.cpp
    int validate(const QStringList& args, const QString& colour, bool json);
    int reference(const QStringList& args, bool json, bool demoTrust);
    int rulesCommand(
        const QStringList& args, const QString& factsFile, const QString& date, bool json);
    int deadline(const QString& kind, const QString& from, bool json);
    int scenario(const QStringList& args, const QString& outDir, bool json);
    int openReference();
    Result<rules::RuleBook> loadRules(QDate onDate);
    void printJson(const QJsonObject& object);
    int reportError(const Error& error, int exitCode = 2);

    QTextStream m_out {stdout};
    QTextStream m_err {stderr};
    QString m_dataDir;
    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<rules::ReferenceStore> m_reference;
};

} // namespace fieldcase::admin
