// Blocking device work (CUPS, PC/SC, file listings, raw transports) runs on the thread pool; its
// result comes back to the device on the device's thread. If the device is destroyed first, the
// watcher goes with it and the result is dropped.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <optional>

namespace fieldcase::devices {

// Calls done(std::optional<T>) on receiver's thread when future finishes; nullopt if it was
// cancelled (a reader destroyed mid-read cancels its futures).
template<typename T, typename Done>
void whenFinished(QObject* receiver, QFuture<T> future, Done done)
{
    auto* watcher = new QFutureWatcher<T>(receiver);
    QObject::connect(watcher, &QFutureWatcher<T>::finished, receiver, [watcher, done] {
        done(watcher->isCanceled() ? std::nullopt : std::optional<T>(watcher->result()));
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

// Runs work() on the thread pool and calls done(result) on receiver's thread.
template<typename Work, typename Done>
void runInBackground(QObject* receiver, Work work, Done done)
{
    using T = std::invoke_result_t<Work>;
    whenFinished(receiver, QtConcurrent::run(std::move(work)), [done](const std::optional<T>& r) {
        if (r) // QtConcurrent::run futures are never cancelled
            done(*r);
    });
}

} // namespace fieldcase::devices
