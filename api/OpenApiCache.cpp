#include "api/OpenApiCache.h"

#include "api/ApiLog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <utility>

namespace acp::api {

namespace {
struct TokenState : RequestHandle::State {
    QPointer<QObject> token;
    void cancel() override { delete token.data(); }
    bool isActive() const override { return !token.isNull(); }
};
} // namespace

OpenApiCache::OpenApiCache(const KubeClient &client, QObject *parent) : QObject(parent), m_client(client) {}

QString OpenApiCache::defaultDiskCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/openapi-v3");
}

QString OpenApiCache::keyFor(const QString &gv)
{
    if (gv.startsWith(QLatin1String("api/")) || gv.startsWith(QLatin1String("apis/")))
        return gv;
    return gv.contains(QLatin1Char('/')) ? QStringLiteral("apis/") + gv : QStringLiteral("api/") + gv;
}

QString OpenApiCache::requestPathFor(const QString &serverRelativeUrl) const
{
    QString prefix = m_client.config().server.path();
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    QString url = serverRelativeUrl;
    const QUrl parsed(url);
    if (!parsed.isRelative())   // absolute: keep path and query only (same server by contract)
        url = parsed.path(QUrl::FullyEncoded) + (parsed.hasQuery() ? QLatin1Char('?') + parsed.query(QUrl::FullyEncoded) : QString());
    if (!url.startsWith(QLatin1Char('/')))
        url.prepend(QLatin1Char('/'));
    if (!prefix.isEmpty() && url.startsWith(prefix + QLatin1Char('/')))
        return url.mid(prefix.size());
    return url;
}

bool OpenApiCache::isCached(const QString &groupVersion) const
{
    const QString url = m_index.value(keyFor(groupVersion));
    return !url.isEmpty() && m_documents.contains(url);
}

RequestHandle OpenApiCache::addWaiter(QList<Waiter> &list, QObject *context, IndexCallback onIndex, DocumentCallback onDocument)
{
    auto *token = new QObject(this);
    connect(context, &QObject::destroyed, token, [token] { token->deleteLater(); });
    list << Waiter{token, context, std::move(onDocument), std::move(onIndex)};
    auto state = std::make_shared<TokenState>();
    state->token = token;
    return RequestHandle(state);
}

RequestHandle OpenApiCache::index(QObject *context, IndexCallback callback)
{
    if (!context)
        return RequestHandle();
    RequestHandle h = addWaiter(m_indexWaiters, context, std::move(callback), {});
    if (m_indexLoaded)
        QTimer::singleShot(0, this, [this] { deliverIndex(m_index); });
    else
        fetchIndex();
    return h;
}

RequestHandle OpenApiCache::document(const QString &groupVersion, QObject *context, DocumentCallback callback)
{
    if (!context)
        return RequestHandle();
    const QString key = keyFor(groupVersion);
    RequestHandle h = addWaiter(m_docWaiters[key], context, {}, std::move(callback));
    if (m_indexLoaded)
        QTimer::singleShot(0, this, [this, key] { resolveDocument(key); });
    else
        fetchIndex();
    return h;
}

void OpenApiCache::invalidateIndex()
{
    m_indexLoaded = false;
    m_index.clear();
}

void OpenApiCache::fetchIndex()
{
    if (m_indexPending)
        return;
    m_indexPending = true;
    ++m_fetches;
    m_client.getPath(QStringLiteral("/openapi/v3"), KubeClient::RequestOptions(), this,
                     [this](const Result<Response> &r, const QStringList &) { onIndex(r); });
}

void OpenApiCache::onIndex(const Result<Response> &r)
{
    m_indexPending = false;
    Result<QHash<QString, QString>> result = QHash<QString, QString>();
    if (!r) {
        result = r.error();
    } else {
        const QJsonObject paths = QJsonDocument::fromJson(r->body).object().value(QLatin1String("paths")).toObject();
        if (paths.isEmpty()) {
            result = ApiError{0, QStringLiteral("BadResponse"), QStringLiteral("/openapi/v3: no paths in the answer"), m_client.clusterName()};
        } else {
            QHash<QString, QString> index;
            for (auto it = paths.begin(); it != paths.end(); ++it)
                index.insert(it.key(), it.value().toObject().value(QLatin1String("serverRelativeURL")).toString());
            m_index = index;
            m_indexLoaded = true;
            result = index;
        }
    }
    deliverIndex(result);
    const QStringList keys = m_docWaiters.keys();
    for (const QString &key : keys) {
        if (!result)
            deliverDocument(key, result.error());
        else if (!m_docPending.contains(key))
            resolveDocument(key);
    }
}

void OpenApiCache::resolveDocument(const QString &key)
{
    if (m_docPending.contains(key) || m_docWaiters.value(key).isEmpty())
        return;
    const QString url = m_index.value(key);
    if (url.isEmpty()) {
        deliverDocument(key, ApiError{404, QStringLiteral("NotFound"),
                                      QStringLiteral("the server publishes no OpenAPI v3 document for %1").arg(key), m_client.clusterName()});
        return;
    }
    if (m_documents.contains(url)) {
        deliverDocument(key, m_documents.value(url));
        return;
    }
    if (!m_diskDir.isEmpty() && url.contains(QLatin1String("hash="))) {
        QFile f(diskPath(url));
        if (f.open(QIODevice::ReadOnly)) {
            const QByteArray doc = f.readAll();
            if (QJsonDocument::fromJson(doc).isObject()) {
                m_documents.insert(url, doc);
                deliverDocument(key, doc);
                return;
            }
        }
    }
    fetchDocument(key, url);
}

void OpenApiCache::fetchDocument(const QString &key, const QString &url)
{
    m_docPending.insert(key);
    ++m_fetches;
    m_client.getPath(requestPathFor(url), KubeClient::RequestOptions(), this, [this, key, url](const Result<Response> &r, const QStringList &) {
        m_docPending.remove(key);
        if (!r) {
            if (r.error().isNotFound())
                invalidateIndex();   // the index is stale (a CRD went away): refetch next time
            deliverDocument(key, r.error());
            return;
        }
        m_documents.insert(url, r->body);
        if (!m_diskDir.isEmpty() && url.contains(QLatin1String("hash="))) {
            QDir().mkpath(m_diskDir);
            QSaveFile f(diskPath(url));
            if (f.open(QIODevice::WriteOnly)) {
                f.write(r->body);
                if (!f.commit())
                    qCDebug(lcApi) << "OpenAPI disk cache: cannot write" << f.fileName();
            }
        }
        deliverDocument(key, r->body);
    });
}

void OpenApiCache::deliverIndex(const Result<QHash<QString, QString>> &r)
{
    const QList<Waiter> waiters = std::exchange(m_indexWaiters, {});
    for (const Waiter &w : waiters) {
        if (!w.token || !w.context)
            continue;
        delete w.token.data();
        w.onIndex(r);
    }
}

void OpenApiCache::deliverDocument(const QString &key, const Result<QByteArray> &r)
{
    const QList<Waiter> waiters = m_docWaiters.take(key);
    for (const Waiter &w : waiters) {
        if (!w.token || !w.context)
            continue;
        delete w.token.data();
        w.onDocument(r);
    }
}

QString OpenApiCache::diskPath(const QString &url) const
{
    const QUrl s = m_client.config().server;
    const QByteArray id = (s.host() + QLatin1Char(':') + QString::number(s.port(443)) + url).toUtf8();
    return m_diskDir + QLatin1Char('/') + QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex()) + QStringLiteral(".json");
}

} // namespace acp::api
