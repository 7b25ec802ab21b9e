// The document templates a terminal knows, several versions per template id, each with its
// effective dates. A document is rendered with the version in force on the date it is issued:
// when the law changes, a new template version takes over on the date the law does
// (docs/templates.md).
#pragma once

#include "forms/template/template.h"

#include <QDate>
#include <QMap>

namespace fieldcase::forms {

class TemplateLibrary
{
public:
    // Loads every *.json template directly in dir (not sub-folders such as samples/). A broken
    // template fails the whole load with its file name: a terminal must not print from it.
    [[nodiscard]] static Result<TemplateLibrary> load(const QString& dir);
    // Adds one template version; two templates with the same id and version are refused.
    [[nodiscard]] Status add(const DocumentTemplate& tpl);
    // The version of id in force on date (effectiveFrom ≤ date ≤ effectiveTo), the latest
    // effectiveFrom winning if several are.
    [[nodiscard]] Result<DocumentTemplate> inForce(const QString& id, QDate date) const;
    [[nodiscard]] QStringList ids() const { return m_templates.keys(); }

private:
    QMap<QString, QList<DocumentTemplate>> m_templates;
};

} // namespace fieldcase::forms
