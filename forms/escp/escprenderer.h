// ESC/P-K renderer: turns a LaidOutDocument into the byte stream a 24-pin Chinese dot-matrix
// printer (Epson LQ-630K class) prints, text in its resident GB font and everything else as
// 24-dot bit images, each item at its layout position plus the printer's 套打 calibration.
#pragma once

#include "core/util/result.h"
#include "forms/escp/printerprofile.h"
#include "forms/layout/layout.h"

#include <QByteArray>
#include <QString>

namespace fieldcase::forms {

// Knobs for one rendering run; the defaults are what the app prints with.
struct EscpOptions
{
    bool applyCalibration = true; // false for previews of the uncorrected geometry
    bool printLines = true; // false on pre-printed forms whose rules are already on the paper
    bool printImages = true; // false to skip QR codes and seals (draft prints)
    QString fallbackFontFamily = QStringLiteral("Noto Sans CJK SC"); // for bit-image glyphs
};

// Renders every page: ESC @ once, then per page its length, items top to bottom and FF.
[[nodiscard]] Result<QByteArray> renderEscp(const LaidOutDocument& document,
    const PrinterProfile& profile, const EscpOptions& options = {});

// A one-page 套打 calibration sheet: crosses with labels at known millimetre positions; the
// officer measures where they land on the form and enters the offsets into the profile.
[[nodiscard]] QByteArray alignmentTestPage(const PrinterProfile& profile);

// The page alignmentTestPage() prints, for previews and tests.
[[nodiscard]] LaidOutDocument alignmentTestDocument(const PrinterProfile& profile);

} // namespace fieldcase::forms
