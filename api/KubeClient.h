#pragma once
// KubeClient: the gateway client for one RestConfig (one cluster as one user).
//
// A lightweight value: copies share one immutable state and one pooled QNetworkAccessManager
// (NetworkPool: one manager per server, TLS settings, proxy and credentials). Use a client (and
// its copies) on the thread that created it; callbacks run on that thread.
//
// Contracts of every call:
// - Asynchronous. The callback runs at most once, later (never inside the call), and only while
//   `context` is alive. Destroying the context or RequestHandle::cancel() aborts the request;
//   the callback is then never called.
// - Bodies are raw bytes (callers decode them, off the GUI thread for large lists).
// - Errors are values: a Kubernetes Status body becomes an ApiError (httpStatus, reason,
//   message, details, cluster = RestConfig::clusterName, objectRef); a transport failure is an
//   ApiError with httpStatus 0 and a message naming the URL (never a credential).
// - `Warning` response headers are decoded and passed with every result.
// - Reads (GET) retry on 429, 5xx and transport errors (not on timeouts) with exponential
//   backoff and jitter, honouring Retry-After, up to RequestOptions::maxRetries (default 4).
//   Writes retry only on 429 with Retry-After.
// - 401 with refreshable credentials (credential source or tokenFile): credentials are
//   refreshed once (credentials(true)) and the request is repeated once.
// - Per-attempt timeout: 30 s by default (RequestOptions::timeoutMs), reported as an ApiError
//   with httpStatus 0 and reason "Timeout".
// - Credentials from a CredentialSource are fetched on QThreadPool (they may run a process);
//   static credentials are used directly.
// - Impersonation: Impersonate-User, -Uid, one -Group and one value per -Extra-<key>; more
//   groups or extra values fail with a clear error (QNetworkRequest sends one header line per
//   name and kube-apiserver reads one value per line).
#include "api/KubeClientTypes.h"
#include "api/RestConfig.h"

#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>
#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace acp::api {

class KubeClient {
public:
    struct RequestOptions {
        QByteArray accept = QByteArrayLiteral("application/json");
        int timeoutMs = 30000;            // per attempt; 0 = none
        int maxRetries = -1;              // -1 = default (4); 0 = never retry
        QList<QPair<QByteArray, QByteArray>> headers;   // extra request headers
        QString objectRef;                // for errors ("configmaps/ns/name"); set by the typed calls
    };

    KubeClient() = default;               // invalid: every call fails with a clear error
    explicit KubeClient(RestConfig config);

    bool isValid() const { return bool(d); }
    const RestConfig &config() const;
    QString clusterName() const;

    // URL of `path` (e.g. "/api/v1/pods") under the server's path prefix
    // (https://host:port/kubernetes/global + /api/v1/pods).
    QUrl url(const QString &path, const QUrlQuery &query = QUrlQuery()) const;
    QUrl url(const ResourcePath &path, const QUrlQuery &query = QUrlQuery()) const { return url(path.toString(), query); }

    // The pooled manager this client uses (shared with equal configs; tests, watch streams).
    QNetworkAccessManager *networkManager() const;
    std::shared_ptr<QNetworkAccessManager> sharedNetworkManager() const;

    // Credentials, asynchronously when a CredentialSource is set (QThreadPool), else at once.
    // `done` runs on this thread, only while `context` lives.
    void credentials(bool forceRefresh, QObject *context, std::function<void(const Result<Credentials> &)> done) const;
    // A request for `url` with TLS settings, User-Agent, Accept and auth/impersonation headers.
    Result<QNetworkRequest> prepareRequest(const QUrl &url, const Credentials &credentials,
                                           const QByteArray &accept = QByteArrayLiteral("application/json")) const;
    // Whether a 401 is worth one credential refresh (credential source or tokenFile).
    bool canRefreshCredentials() const;

    // The generic call every typed call uses.
    RequestHandle request(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body,
                          const QByteArray &contentType, const RequestOptions &options, QObject *context,
                          ResponseCallback callback) const;

    RequestHandle get(const ResourcePath &path, QObject *context, ResponseCallback callback) const;
    // GET of any path below the prefix (discovery, OpenAPI, subresources).
    RequestHandle getPath(const QString &path, const RequestOptions &options, QObject *context, ResponseCallback callback) const;
    // One page of a collection; the body is the raw list (ListMeta::scan reads its metadata).
    RequestHandle list(const ResourcePath &collection, const ListOptions &options, QObject *context, ResponseCallback callback) const;
    // Every page (following `continue`). An expired continue token (410) restarts the list as
    // client-go's pager does: a full list without limit at the requested resourceVersion, the
    // pages fetched so far discarded (ListPages::restarts counts it); a second 410 is reported.
    RequestHandle listAll(const ResourcePath &collection, const ListOptions &options, QObject *context,
                          ListPagesCallback callback) const;

    RequestHandle create(const ResourcePath &collection, const QByteArray &json, const WriteOptions &options,
                         QObject *context, ResponseCallback callback) const;
    RequestHandle replace(const ResourcePath &path, const QByteArray &json, const WriteOptions &options, QObject *context,
                          ResponseCallback callback) const;
    RequestHandle patch(const ResourcePath &path, PatchType type, const QByteArray &patch, const WriteOptions &options,
                        QObject *context, ResponseCallback callback) const;
    // Server-side apply (application/apply-patch+yaml; JSON is YAML). fieldManager defaults to
    // "acp-console"; options.force takes conflicting fields.
    RequestHandle apply(const ResourcePath &path, const QByteArray &yamlOrJson, const WriteOptions &options,
                        QObject *context, ResponseCallback callback) const;
    RequestHandle remove(const ResourcePath &path, const DeleteOptions &options, QObject *context,
                         ResponseCallback callback) const;

    // "acp-console/<version> (<os>) Qt/<qt version>"
    static QByteArray userAgent();

private:
    struct Shared;
    std::shared_ptr<const Shared> d;
};

} // namespace acp::api
