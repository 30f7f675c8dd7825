#pragma once
// OpenApiCache: a cluster's OpenAPI v3 documents, fetched lazily and cached.
// - index(): GET /openapi/v3 -> {"paths": {"apis/apps/v1": {"serverRelativeURL": "...?hash=..."}}},
//   fetched once and kept until invalidateIndex() (call it when CRDs change).
// - document("apps/v1" | "v1" | "apis/apps/v1"): the group-version's document as raw JSON bytes,
//   fetched on first request and cached in memory keyed by its serverRelativeURL (the URL carries
//   a content hash, so a cached document never goes stale); optionally also on disk
//   (setDiskCacheDir, e.g. defaultDiskCacheDir() under QStandardPaths::CacheLocation), files named
//   by a SHA-256 of server and URL.
// - serverRelativeURL resolution: kube-apiserver writes URLs relative to the host root
//   ("/openapi/v3/apis/apps/v1?hash=..."), and client-go resolves them against the host. Behind a
//   path prefix (https://platform/kubernetes/global) a gateway that rewrites the URL includes the
//   prefix (the sandbox does): a URL already under the prefix is used as is, any other is put
//   under the prefix. Without a prefix both readings agree.
// Concurrent requests for the same index or document share one fetch.
// Thread: the client's thread. Callbacks run later (never inside the call), at most once, only
// while their context lives; RequestHandle::cancel() drops one request.
#include "api/KubeClient.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace acp::api {

class OpenApiCache : public QObject {
    Q_OBJECT
public:
    using IndexCallback = std::function<void(const Result<QHash<QString, QString>> &index)>;   // key -> serverRelativeURL
    using DocumentCallback = std::function<void(const Result<QByteArray> &document)>;

    explicit OpenApiCache(const KubeClient &client, QObject *parent = nullptr);

    void setDiskCacheDir(const QString &dir) { m_diskDir = dir; }   // "" = memory only (default)
    static QString defaultDiskCacheDir();                            // <CacheLocation>/openapi-v3

    RequestHandle index(QObject *context, IndexCallback callback);
    RequestHandle document(const QString &groupVersion, QObject *context, DocumentCallback callback);
    void invalidateIndex();

    // "v1" / "api/v1" -> "api/v1"; "apps/v1" / "apis/apps/v1" -> "apis/apps/v1"
    static QString keyFor(const QString &groupVersion);
    // The path below the client's server prefix to GET for a serverRelativeURL (see above).
    QString requestPathFor(const QString &serverRelativeUrl) const;

    int networkFetches() const { return m_fetches; }   // index and documents fetched over the network
    bool isCached(const QString &groupVersion) const;

private:
    struct Waiter {
        QPointer<QObject> token;
        QPointer<QObject> context;
        DocumentCallback onDocument;
        IndexCallback onIndex;
    };
    RequestHandle addWaiter(QList<Waiter> &list, QObject *context, IndexCallback onIndex, DocumentCallback onDocument);
    void fetchIndex();
    void onIndex(const Result<Response> &r);
    void resolveDocument(const QString &key);
    void fetchDocument(const QString &key, const QString &url);
    void deliverIndex(const Result<QHash<QString, QString>> &r);
    void deliverDocument(const QString &key, const Result<QByteArray> &r);
    QString diskPath(const QString &url) const;

    KubeClient m_client;
    QString m_diskDir;
    bool m_indexLoaded = false;
    bool m_indexPending = false;
    QHash<QString, QString> m_index;
    QHash<QString, QByteArray> m_documents;            // serverRelativeURL -> document
    QList<Waiter> m_indexWaiters;
    QHash<QString, QList<Waiter>> m_docWaiters;        // key -> waiters
    QSet<QString> m_docPending;                        // keys being fetched
    int m_fetches = 0;
};

} // namespace acp::api
