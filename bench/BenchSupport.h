#pragma once
// Small blocking helpers for benchmark drivers (bench/ only; the product never blocks like this).
#include "api/KubeClient.h"

#include <QEventLoop>
#include <QTimer>
#include <optional>

namespace acp::bench {

// Runs the event loop for `ms` milliseconds.
inline void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs one KubeClient request to completion: call([&](QObject *ctx, ResponseCallback cb) { return client.get(path, ctx, cb); }).
inline api::Result<api::Response> call(const std::function<api::RequestHandle(QObject *, api::ResponseCallback)> &start)
{
    std::optional<api::Result<api::Response>> out;
    QObject ctx;
    QEventLoop loop;
    start(&ctx, [&](const api::Result<api::Response> &r, const QStringList &) {
        out.emplace(r);
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

} // namespace acp::bench
