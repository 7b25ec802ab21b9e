// Helpers shared by the template tests: scratch output folder, data editing, PDF text that
// undoes Qt's radical mapping, external tools, and golden PNG comparison with a .fail file.
#pragma once

#include "forms/layout/layout.h"
#include "forms/template/template.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace fieldcase::forms::formstest {

// A shipped template's JSON file (forms/templates/<name>.json).
QString templateFile(const QString& name);
// The shipped demo sample for a template (forms/templates/samples/<name>.sample.json).
QJsonObject sampleData(const QString& name);
// All laid-out text of every page, concatenated.
QString allText(const LaidOutDocument& doc);
// How many text runs on page are exactly text.
int countText(const Page& page, const QString& text);
// The checks every shipped template passes: it reloads with its own bound paths, has id `name` and
// the 2021-07-15 form date, lays out its sample on `pages` pages containing every layoutText,
// cites no pre-2021 article number, prints the case number once per page, and every text fits
// its box above the bottom margin. Returns the layout for further checks.
LaidOutDocument checkShippedLayout(
    const DocumentTemplate& tmpl, const QString& name, int pages, const QStringList& layoutText);
// Where rendered PDFs and PNGs of the tests go (in the build tree).
QString outDir();
// data without the value at a dotted path (to test that required fields are refused).
QJsonObject removePath(QJsonObject data, const QString& path);
// Qt's PDF text layer maps some glyphs to CJK radicals; fold them back for text comparisons.
QString foldRadicals(const QString& text);
// Runs a tool and returns its standard output (fails the test if it cannot run).
QString run(const QString& program, const QStringList& args);
// Page 1 of pdf at 60 dpi against golden/<name>.png (mean absolute grey difference ≤ 1); writes
// <name>.fail.png on mismatch, creates the golden when missing (inspect it before committing).
void compareGolden(const QString& pdf, const QString& name);

} // namespace fieldcase::forms::formstest
