#include "app/terminal/syncindicator.h"

#include "sync/client/syncworker.h"

#include <QDateTime>

namespace fieldcase::app {

namespace {

constexpr int kMaxErrorChars = 80; // the status bar is one line; the tooltip has the rest

// Local time; the date too when it is not the day of nowMs (the worker's clock).
QString clockText(qint64 ms, qint64 nowMs)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    return at.date() == today ? at.toString(QStringLiteral("HH:mm"))
                              : at.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString elided(const QString& text)
{
    return text.size() <= kMaxErrorChars ? text : text.left(kMaxErrorChars - 1) + QChar(0x2026);
}

} // namespace

SyncIndicator::SyncIndicator(QWidget* parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("syncStatusLabel"));
    setTextFormat(Qt::PlainText);
    setText(tr("Sync: starting…"));
}

void SyncIndicator::showNotEnrolled()
{
    setText(tr("Sync: not enrolled"));
    setToolTip(tr("This terminal is not enrolled with a centre. An installer enrols it with "
                  "fieldcase-admin sync enrol."));
}

void SyncIndicator::showState(const sync::SyncState& state)
{
    setText(summary(state));
    setToolTip(details(state));
}

QString SyncIndicator::summary(const sync::SyncState& state)
{
    using Phase = sync::SyncState::Phase;
    switch (state.phase) {
    case Phase::NotEnrolled:
        return tr("Sync: not enrolled");
    case Phase::Unavailable:
        return tr("Sync: cannot run: %1").arg(elided(state.lastError));
    case Phase::Stopped:
        return tr("Sync: stopped");
    case Phase::Starting:
        return tr("Sync: starting…");
    default:
        break;
    }
    const int waiting = state.queued();
    const int refused = state.held();
    if (state.phase == Phase::Idle && waiting == 0 && refused == 0 && state.lastError.isEmpty()
        && state.lastCompleteAtMs > 0)
        return tr("Sync: all sent %1").arg(clockText(state.lastCompleteAtMs, state.atMs));

    QStringList parts;
    if (state.phase == Phase::Syncing)
        parts << tr("sending");
    if (waiting > 0)
        parts << tr("%n waiting", nullptr, waiting);
    else if (state.phase != Phase::Syncing)
        parts << tr("nothing waiting");
    if (refused > 0)
        parts << tr("%n refused by the centre", nullptr, refused);
    if (state.phase == Phase::Idle && waiting > 0 && state.link.metered
        && state.classes[size_t(sync::SyncClass::Media)].queued > 0)
        parts << tr("audio and video wait for an unmetered link");
    if (state.phase == Phase::Offline)
        parts << tr("no network");
    if (!state.lastError.isEmpty() && state.phase != Phase::Syncing)
        parts << tr("last error: %1").arg(elided(state.lastError));
    if (state.phase == Phase::BackingOff && state.nextAttemptAtMs > 0)
        parts << tr("next try %1")
                     .arg(QDateTime::fromMSecsSinceEpoch(state.nextAttemptAtMs)
                              .toLocalTime()
                              .toString(QStringLiteral("HH:mm:ss")));
    return tr("Sync: %1").arg(parts.join(QStringLiteral(" · ")));
}

QString SyncIndicator::details(const sync::SyncState& state)
{
    const QString classNames[] = {
        tr("Records"), tr("Evidence manifests"), tr("Photos and documents"), tr("Audio and video")};
    QStringList lines;
    for (size_t i = 0; i < state.classes.size(); ++i) {
        const sync::SyncClassStatus& c = state.classes[i];
        lines << tr("%1: %2 waiting (%3 KiB), %4 refused")
                     .arg(classNames[i])
                     .arg(c.queued)
                     .arg((c.bytes + 1023) / 1024)
                     .arg(c.held);
    }
    const QString link = !state.link.up ? tr("no network")
        : state.link.metered            ? tr("metered (3G/4G): audio and video wait")
                                        : tr("unmetered");
    lines << (state.linkFromSystem ? tr("Network (reported by the system): %1").arg(link)
                                   : tr("Network (assumed; each sync finds out): %1").arg(link));
    lines << tr("Last complete sync: %1")
                 .arg(state.lastCompleteAtMs > 0 ? clockText(state.lastCompleteAtMs, state.atMs)
                                                 : tr("never"));
    if (state.nextAttemptAtMs > 0)
        lines << tr("Next sync: %1").arg(clockText(state.nextAttemptAtMs, state.atMs));
    if (state.failedCycles > 0)
        lines << tr("%n failed attempt(s) in a row", nullptr, state.failedCycles);
    if (!state.lastError.isEmpty())
        lines << tr("Last error: %1").arg(state.lastError);
    return lines.join(QLatin1Char('\n'));
}

} // namespace fieldcase::app
