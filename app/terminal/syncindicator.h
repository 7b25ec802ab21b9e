// The status-bar indicator of background sync: what waits, what the centre refused, the last
// error and the next try, in one line; the details per class in its tooltip.
#pragma once

#include <QLabel>

namespace fieldcase::sync {
struct SyncState;
}

namespace fieldcase::app {

class SyncIndicator : public QLabel
{
    Q_OBJECT

public:
    explicit SyncIndicator(QWidget* parent = nullptr);

    // The terminal has no sync settings: nothing runs until an installer enrols it.
    void showNotEnrolled();
    void showState(const sync::SyncState& state);

    // One line for the status bar ("Sync: 3 waiting · last error: …", "Sync: all sent 12:04").
    [[nodiscard]] static QString summary(const sync::SyncState& state);
    // Per class, the link and the last error, for the tooltip.
    [[nodiscard]] static QString details(const sync::SyncState& state);
};

} // namespace fieldcase::app
