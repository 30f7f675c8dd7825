#include "models/AccessReviewCache.h"

#include "models/ClusterConnection.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

namespace acp::models {

namespace {

const api::ResourcePath kAccessReviews{QStringLiteral("authorization.k8s.io"), QStringLiteral("v1"),
                                       QStringLiteral("selfsubjectaccessreviews"), QString(), QString(), QString(), QString()};
const api::ResourcePath kSelfReviews{QStringLiteral("authentication.k8s.io"), QStringLiteral("v1"),
                                     QStringLiteral("selfsubjectreviews"), QString(), QString(), QString(), QString()};

QByteArray reviewBody(const AccessQuestion &q)
{
    QJsonObject attrs{{QStringLiteral("verb"), q.verb}, {QStringLiteral("resource"), q.resource}};
    if (!q.group.isEmpty())
        attrs.insert(QStringLiteral("group"), q.group);
    if (!q.subresource.isEmpty())
        attrs.insert(QStringLiteral("subresource"), q.subresource);
    if (!q.namespaceName.isEmpty())
        attrs.insert(QStringLiteral("namespace"), q.namespaceName);
    if (!q.name.isEmpty())
        attrs.insert(QStringLiteral("name"), q.name);
    const QJsonObject review{{QStringLiteral("apiVersion"), QStringLiteral("authorization.k8s.io/v1")},
                             {QStringLiteral("kind"), QStringLiteral("SelfSubjectAccessReview")},
                             {QStringLiteral("spec"), QJsonObject{{QStringLiteral("resourceAttributes"), attrs}}}};
    return QJsonDocument(review).toJson(QJsonDocument::Compact);
}

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

} // namespace

QString AccessQuestion::key() const
{
    return QStringList{verb, group, resource, subresource, namespaceName, name}.join(QLatin1Char('\x1f'));
}

QString AccessQuestion::resourceText() const
{
    QString text = group.isEmpty() ? resource : resource + QLatin1Char('.') + group;
    if (!subresource.isEmpty())
        text += QLatin1Char('/') + subresource;
    if (!name.isEmpty())
        text += QStringLiteral(" \"%1\"").arg(name);
    return text;
}

AccessReviewCache::AccessReviewCache(const QString &cluster, const api::KubeClient &client, QObject *parent)
    : QObject(parent), m_cluster(cluster), m_client(client)
{
    qRegisterMetaType<AccessQuestion>();
    qRegisterMetaType<AccessAnswer>();
}

AccessReviewCache *AccessReviewCache::of(ClusterConnection *connection)
{
    if (!connection)
        return nullptr;
    static const QString kName = QStringLiteral("acp-access-review-cache");
    if (auto *existing = connection->findChild<AccessReviewCache *>(kName, Qt::FindDirectChildrenOnly))
        return existing;
    auto *cache = new AccessReviewCache(connection->name(), connection->client(), connection);
    cache->setObjectName(kName);
    return cache;
}

AccessAnswer AccessReviewCache::answer(const AccessQuestion &question)
{
    const QString key = question.key();
    auto it = m_entries.find(key);
    if (it != m_entries.end()) {
        const bool stale = it->answer.isKnown() && !it->request.isActive()
                           && monotonicMs() - it->answeredAtMs >= m_maxAgeMs;
        const AccessAnswer current = it->answer;
        if (stale)
            start(question);   // keeps the entry's answer until the new one arrives
        return current;
    }
    start(question);
    return AccessAnswer{};
}

void AccessReviewCache::ask(const AccessQuestion &question, QObject *context, std::function<void(const AccessAnswer &)> done)
{
    const AccessAnswer a = answer(question);
    if (a.isKnown()) {
        done(a);
        return;
    }
    m_entries[question.key()].waiters.append({QPointer<QObject>(context), std::move(done)});
}

void AccessReviewCache::start(const AccessQuestion &question)
{
    const QString key = question.key();
    Entry &e = m_entries[key];
    e.question = question;
    ++m_requests;
    fetchUser();
    const quint64 generation = m_generation;
    e.request = m_client.create(kAccessReviews, reviewBody(question), api::WriteOptions{}, this,
                                [this, key, generation](const api::Result<api::Response> &r, const QStringList &) {
        if (generation != m_generation)
            return;
        AccessAnswer a;
        if (!r.ok()) {
            a.state = AccessAnswer::Failed;
            a.reason = r.error().message.isEmpty() ? r.error().reason : r.error().message;
        } else {
            const auto json = r->json();
            const QJsonObject status = json.ok() ? json->value(QLatin1String("status")).toObject() : QJsonObject();
            if (!json.ok()) {
                a.state = AccessAnswer::Failed;
                a.reason = json.error().message;
            } else {
                a.state = status.value(QLatin1String("allowed")).toBool() ? AccessAnswer::Allowed : AccessAnswer::Denied;
                a.reason = status.value(QLatin1String("reason")).toString();
                const QString evalError = status.value(QLatin1String("evaluationError")).toString();
                if (a.reason.isEmpty())
                    a.reason = evalError;
            }
        }
        finish(key, a);
    });
}

void AccessReviewCache::finish(const QString &key, const AccessAnswer &answer)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    const bool changed = !it->answer.isKnown() || it->answer.state != answer.state || it->answer.reason != answer.reason;
    it->answer = answer;
    it->answeredAtMs = monotonicMs();
    it->request = api::RequestHandle();
    const AccessQuestion question = it->question;
    const auto waiters = std::exchange(it->waiters, {});
    for (const auto &w : waiters)
        if (w.first)
            w.second(answer);
    if (changed)
        Q_EMIT answered(question, answer);
}

void AccessReviewCache::fetchUser()
{
    if (m_userRequested)
        return;
    m_userRequested = true;
    const QByteArray body = QByteArrayLiteral(R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})");
    m_client.create(kSelfReviews, body, api::WriteOptions{}, this, [this](const api::Result<api::Response> &r, const QStringList &) {
        if (!r.ok())
            return;   // older servers: tooltips say "you"
        const auto json = r->json();
        if (!json.ok())
            return;
        m_user = json->value(QLatin1String("status")).toObject().value(QLatin1String("userInfo")).toObject()
                     .value(QLatin1String("username")).toString();
        // Tooltips already shown name "you": refresh them.
        for (const Entry &e : std::as_const(m_entries))
            if (e.answer.isKnown() && !e.answer.isAllowed())
                Q_EMIT answered(e.question, e.answer);
    });
}

bool AccessReviewCache::isChecking(const AccessQuestion &question) const
{
    const auto it = m_entries.constFind(question.key());
    return it != m_entries.constEnd() && it->request.isActive();
}

QString AccessReviewCache::explain(const AccessQuestion &q) const
{
    const auto it = m_entries.constFind(q.key());
    if (it == m_entries.constEnd() || !it->answer.isKnown() || it->answer.isAllowed())
        return {};
    const QString who = m_user.isEmpty() ? tr("you") : m_user;
    const QString where = q.namespaceName.isEmpty() ? tr("cluster-wide in %1").arg(m_cluster)
                                                    : tr("in namespace \"%1\" of %2").arg(q.namespaceName, m_cluster);
    if (it->answer.state == AccessAnswer::Failed)
        return tr("Cannot check whether %1 may %2 %3 %4: %5").arg(who, q.verb, q.resourceText(), where, it->answer.reason);
    QString text = tr("%1 cannot %2 %3 %4").arg(who, q.verb, q.resourceText(), where);
    if (!it->answer.reason.isEmpty())
        text += QStringLiteral(": ") + it->answer.reason;
    return text;
}

void AccessReviewCache::clear()
{
    ++m_generation;
    for (Entry &e : m_entries)
        e.request.cancel();
    m_entries.clear();
}

} // namespace acp::models
