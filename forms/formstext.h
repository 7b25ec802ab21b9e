// The translation context of the forms layer's messages. Call FormsText::tr() rather than a local
// tr() helper: lupdate files a free function's tr() under its namespace, which would not match
// the context used at run time, and the message would stay English.
#pragma once

#include <QCoreApplication>

namespace fieldcase::forms {

class FormsText
{
    Q_DECLARE_TR_FUNCTIONS(Forms)
};

} // namespace fieldcase::forms
