// The outcome of one print job as the printer path reports it. Header-only so the device plugin
// API can use it without linking core.
#pragma once

namespace fieldcase {

// Printed only when the printer path confirms it; Unknown (a paper copy may exist) is never
// reported as Printed.
enum class PrintResult { Printed, Failed, Unknown };

} // namespace fieldcase
