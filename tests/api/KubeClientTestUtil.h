#pragma once
// Test support for the gateway client tests: a started sandbox with clients for its contexts,
// and synchronous waits on asynchronous calls. Header-only.
#include "api/KubeClient.h"
#include "tests/common/SandboxProcess.h"
#include "tests/common/SandboxRestConfig.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <optional>

namespace acp::test {

struct Reply {
    std::optional<api::Result<api::Response>> result;
    QStringList warnings;
    qint64 elapsedMs = 0;

    bool done() const { return result.has_value(); }
    bool ok() const { return result && result->ok(); }
    // Safe on either outcome (an empty value for the other), so failed expectations report
    // instead of throwing.
    const api::ApiError &error() const
    {
        static const api::ApiError none{-1, QStringLiteral("NoError"), QStringLiteral("no error (the call succeeded or never answered)")};
        return result && !result->ok() ? result->error() : none;
    }
    const api::Response &response() const
    {
        static const api::Response empty;
        return ok() ? result->value() : empty;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(response().body).object(); }
};

// Runs `start(context, callback)` and waits (event loop) for the callback, up to timeoutMs.
template <typename Start>
Reply waitFor(Start start, int timeoutMs = 20000)
{
    QObject context;
    Reply reply;
    QElapsedTimer t;
    t.start();
    start(&context, [&reply, &t](const api::Result<api::Response> &r, const QStringList &w) {
        reply.result = r;
        reply.warnings = w;
        reply.elapsedMs = t.elapsed();
    });
    QElapsedTimer wait;
    wait.start();
    while (!reply.done() && wait.elapsed() < timeoutMs)
        QTest::qWait(5);
    return reply;
}

// waitFor's result alone: the call's Result, or a Timeout error when no answer came.
template <typename Start>
api::Result<api::Response> await(Start start, int timeoutMs = 20000)
{
    const Reply reply = waitFor(start, timeoutMs);
    if (!reply.done())
        return api::ApiError{0, QStringLiteral("Timeout"), QStringLiteral("no answer")};
    return *reply.result;
}

// The error text of a result, or "" when it succeeded (safe in QVERIFY2 messages).
template <typename T>
QString errorText(const api::Result<T> &r)
{
    return r.ok() ? QString() : r.error().toString();
}

inline api::Result<api::RestConfig> sandboxConfig(const SandboxProcess &sb, const QString &context)
{
    return sandboxRestConfig(sb.kubeconfig(), context);
}

// The platform root (no /kubernetes/<cluster> prefix) as the admin, for /sandbox/v1/faults.
inline api::KubeClient adminRootClient(const SandboxProcess &sb)
{
    auto rc = sandboxRestConfig(sb.kubeconfig(), QStringLiteral("sandbox/global"));
    api::RestConfig c = *rc;
    c.server.setPath(QString());
    return api::KubeClient(c);
}

inline bool setFaults(const SandboxProcess &sb, const QJsonObject &faults)
{
    const api::KubeClient admin = adminRootClient(sb);
    Reply r = waitFor([&](QObject *ctx, auto cb) {
        return admin.request("POST", QStringLiteral("/sandbox/v1/faults"), QUrlQuery(), QJsonDocument(faults).toJson(QJsonDocument::Compact),
                             "application/json", api::KubeClient::RequestOptions(), ctx, cb);
    });
    return r.ok();
}

} // namespace acp::test
