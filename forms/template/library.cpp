#include "forms/template/library.h"

#include "forms/formstext.h"

#include <QCoreApplication>
#include <QDir>

namespace fieldcase::forms {

Result<TemplateLibrary> TemplateLibrary::load(const QString& dir)
{
    TemplateLibrary library;
    const QDir folder(dir);
    const QStringList files = folder.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return fail(ErrorCode::NotFound, FormsText::tr("No document templates in %1").arg(dir));
    for (const QString& file : files) {
        auto tpl = DocumentTemplate::fromFile(folder.filePath(file));
        if (!tpl) {
            Error e = tpl.error();
            e.context = file + QStringLiteral(": ") + e.context;
            return fail(std::move(e));
        }
        FC_TRY(library.add(*tpl));
    }
    return library;
}

Status TemplateLibrary::add(const DocumentTemplate& tpl)
{
    QList<DocumentTemplate>& versions = m_templates[tpl.id];
    for (const DocumentTemplate& existing : versions)
        if (existing.version == tpl.version)
            return fail(ErrorCode::Conflict,
                FormsText::tr("Template %1 version %2 is defined twice").arg(tpl.id, tpl.version));
    versions.append(tpl);
    return {};
}

Result<DocumentTemplate> TemplateLibrary::inForce(const QString& id, QDate date) const
{
    const auto it = m_templates.find(id);
    if (it == m_templates.end())
        return fail(
            ErrorCode::NotFound, FormsText::tr("There is no document template “%1”").arg(id));
    const DocumentTemplate* best = nullptr;
    QDate bestFrom;
    for (const DocumentTemplate& t : *it) {
        const QDate from = QDate::fromString(t.effectiveFrom, Qt::ISODate);
        const QDate to = QDate::fromString(t.effectiveTo, Qt::ISODate);
        if (from.isValid() && date < from)
            continue;
        if (to.isValid() && date > to)
            continue;
        if (!best || from > bestFrom) {
            best = &t;
            bestFrom = from;
        }
    }
    if (!best)
        return fail(ErrorCode::NotFound,
            FormsText::tr("No version of document template “%1” is in force on %2")
                .arg(id, date.toString(Qt::ISODate)));
    return *best;
}

} // namespace fieldcase::forms
