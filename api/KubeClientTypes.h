#pragma once
// Value types of the gateway client (KubeClient): resource paths, list/write/delete options,
// responses and the cancellable request handle. All are plain values, safe to copy between
// threads (RequestHandle aside: cancel() only on the thread that made the request).
#include "api/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <functional>
#include <memory>

namespace acp::api {

// The path of a Kubernetes resource (or collection) below the server's path prefix:
//   /api/v1/namespaces/<ns>/<resource>/<name>/<subresource>            (group "")
//   /apis/<group>/<version>/namespaces/<ns>/<resource>/<name>/<sub>
// An empty namespace means cluster-scoped or "all namespaces"; an empty name means the collection.
struct ResourcePath {
    QString group;
    QString version;
    QString resource;
    QString namespaceName;
    QString name;
    QString subresource;
    QString root;               // "" = /api/<version> or /apis/<group>/<version>; else this prefix
                                // replaces them (e.g. "/auth/v1" for the ACP platform API)

    QString toString() const;   // segments percent-encoded, no trailing slash
};

// Query parameters of a LIST or WATCH (meta/v1 ListOptions). Empty or zero fields are not sent.
struct ListOptions {
    QString labelSelector;
    QString fieldSelector;
    int limit = 0;
    QString continueToken;
    QString resourceVersion;
    QString resourceVersionMatch;   // "Exact" | "NotOlderThan"
    int timeoutSeconds = 0;

    QUrlQuery toQuery() const;
};

// Options common to every write. dryRun sends dryRun=All (the server runs admission and
// validation, persists nothing). fieldValidation: "", "Ignore", "Warn" or "Strict".
struct WriteOptions {
    bool dryRun = false;
    QString fieldManager;           // create/replace/patch: optional; apply: defaults to "acp-console"
    QString fieldValidation;
    bool force = false;             // apply only: take ownership of conflicting fields

    QUrlQuery toQuery(bool apply = false) const;
};

struct DeleteOptions {
    bool dryRun = false;
    QString propagationPolicy;      // "", "Orphan", "Background", "Foreground"
    QString preconditionUid;
    QString preconditionResourceVersion;
    int gracePeriodSeconds = -1;    // -1 = not set

    QByteArray toJson() const;      // the meta/v1 DeleteOptions body
};

enum class PatchType { Merge, Json, StrategicMerge };
QByteArray patchContentType(PatchType type);

// A successful response (2xx) with its raw body. Callers parse the body (models decode it on
// worker threads); json() is a convenience for small objects.
struct Response {
    int httpStatus = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;   // as received
    int attempts = 1;                                // 1 + retries

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    Result<QJsonObject> json() const;                // parse error -> ApiError (httpStatus 0)
};

// Every call reports its result and the server's `Warning` header texts (RFC 7234 299 format
// decoded: `299 - "text"` -> text), on success and on failure.
using ResponseCallback = std::function<void(const Result<Response> &result, const QStringList &warnings)>;

// The metadata of a list body (ListMeta), found without parsing the items.
struct ListMeta {
    QString resourceVersion;
    QString continueToken;
    qint64 remainingItemCount = -1;

    // Scans the top level of a list body for "metadata" and parses only that object.
    static Result<ListMeta> scan(const QByteArray &listBody);
};

// listAll's result: every page's raw body (items are not merged; decode each page), the list's
// resourceVersion (first page's, as client-go's pager keeps it) and how often it restarted after
// an expired continue token.
struct ListPages {
    QList<QByteArray> pages;
    QString resourceVersion;
    int restarts = 0;
};
using ListPagesCallback = std::function<void(const Result<ListPages> &result, const QStringList &warnings)>;

// Decodes `Warning` header values (RFC 7234: `299 - "text" "date"`, several comma-separated).
QStringList parseWarningHeader(const QByteArray &value);

class RequestHandle {
public:
    struct State {
        virtual ~State() = default;
        virtual void cancel() = 0;
        virtual bool isActive() const = 0;
    };
    RequestHandle() = default;
    explicit RequestHandle(std::shared_ptr<State> s) : m_state(std::move(s)) {}

    // Aborts the request; its callback is never called afterwards. Idempotent.
    void cancel() const
    {
        if (m_state)
            m_state->cancel();
    }
    // True until the callback ran or the request was cancelled.
    bool isActive() const { return m_state && m_state->isActive(); }

private:
    std::shared_ptr<State> m_state;
};

} // namespace acp::api
