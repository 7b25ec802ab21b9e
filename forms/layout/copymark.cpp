#include "forms/layout/copymark.h"

namespace fieldcase::forms {

void markCopy(LaidOutDocument& document, int copy)
{
    if (copy <= 1)
        return;
    for (Page& page : document.pages) {
        // Top right, inside the top margin (below the dot-matrix printers' first printable line).
        TextItem mark;
        mark.boxMm = QRectF(page.sizeMm.width() - 20 - 70, 9.5, 70, 5.5);
        mark.text = QStringLiteral("副本（第%1次打印）").arg(copy);
        mark.sizePt = 10.5;
        mark.bold = true;
        mark.align = Align::Right;
        mark.source = QStringLiteral("copyMark");
        page.texts.append(mark);
    }
}

} // namespace fieldcase::forms
