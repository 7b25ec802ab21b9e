// The translation context of device messages outside QObject classes. Call DevicesText::tr()
// rather than a local tr() helper: lupdate files a free function's tr() under its namespace,
// which would not match the context used at run time, and the message would stay English.
#pragma once

#include <QCoreApplication>

namespace fieldcase::devices {

class DevicesText
{
    Q_DECLARE_TR_FUNCTIONS(Devices)
};

} // namespace fieldcase::devices
