#include "models/ApplyRun.h"

#include "api/Yaml.h"
#include "models/ApplyObjects.h"
#include "models/ClusterConnection.h"

#include <QJsonDocument>
#include <QTimer>

namespace acp::models {

namespace {

QJsonObject metadataOf(const QJsonObject &o)
{
    return o.value(QLatin1String("metadata")).toObject();
}

api::ApiError noConnection()
{
    return api::ApiError{0, QStringLiteral("ServiceUnavailable"), QStringLiteral("the cluster connection is gone")};
}

} // namespace

ApplyRun::ApplyRun(ClusterConnection *connection, const ApplyOptions &options, QList<ApplyDocument> documents,
                   QObject *parent)
    : QObject(parent), m_connection(connection), m_options(options)
{
    if (connection)
        m_client = connection->client();
    for (const ApplyDocument &d : documents)
        if (ApplyObjects::isFirstPhase(d.object))
            m_queue.append(d);
    m_firstPhase = int(m_queue.size());
    for (const ApplyDocument &d : documents)
        if (!ApplyObjects::isFirstPhase(d.object))
            m_queue.append(d);
}

void ApplyRun::start()
{
    if (m_connection && !m_connection->resources()->isLoaded()) {
        m_connection->start();
        waitForKinds(false, [this] { next(); });
        return;
    }
    QTimer::singleShot(0, this, [this] { next(); });
}

void ApplyRun::next()
{
    if (m_pos == m_firstPhase && m_crdCreated && !m_waited) {
        m_waited = true;
        waitForKinds(true, [this] { next(); });
        return;
    }
    if (m_pos >= m_queue.size()) {
        if (onFinished)
            onFinished();
        deleteLater();
        return;
    }
    process(m_queue.at(m_pos));
}

bool ApplyRun::kindsKnown() const
{
    if (!m_connection || !m_connection->resources()->isLoaded())
        return false;
    const api::ApiResourceSet &set = m_connection->resources()->resources();
    for (int i = m_pos; i < m_queue.size(); ++i)
        if (!ApplyObjects::resolve(set, m_queue.at(i).object))
            return false;
    return true;
}

// Polls discovery until it is loaded (allKinds false) or, refreshing it, until every remaining
// document's kind is known (allKinds true, after CRDs were created); stops early when the
// connection is gone or failed, and after the timeout; then continues (unknown kinds then fail
// per document with kubectl's "no matches for kind").
void ApplyRun::waitForKinds(bool allKinds, const std::function<void()> &then)
{
    m_waitClock.start();
    auto *timer = new QTimer(this);
    timer->setInterval(200);
    auto check = [this, timer, then, allKinds] {
        const bool failed = !m_connection || m_connection->state() == ClusterConnection::State::Failed;
        const bool loaded = m_connection && m_connection->resources()->isLoaded();
        if ((allKinds ? kindsKnown() : loaded) || failed || m_waitClock.elapsed() > m_options.discoveryTimeoutMs) {
            timer->deleteLater();
            timer->stop();
            then();
            return;
        }
        if (allKinds && loaded && !m_connection->resources()->isRefreshing())
            m_connection->resources()->refresh();
    };
    connect(timer, &QTimer::timeout, this, check);
    timer->start();
    if (allKinds && m_connection && m_connection->resources()->isLoaded() && !kindsKnown())
        m_connection->resources()->refresh();
}

void ApplyRun::process(const ApplyDocument &doc)
{
    ApplyResult r;
    r.index = doc.index;
    r.line = doc.line;
    r.dryRun = m_options.dryRun || diffMode;
    r.apiVersion = doc.object.value(QLatin1String("apiVersion")).toString();
    r.kind = doc.object.value(QLatin1String("kind")).toString();
    r.name = metadataOf(doc.object).value(QLatin1String("name")).toString();
    r.namespaceName = metadataOf(doc.object).value(QLatin1String("namespace")).toString();
    r.applied = doc.object;
    if (!m_connection) {
        r.error = noConnection();
        return finish(r);
    }
    if (!m_connection->resources()->isLoaded()) {
        r.error = m_connection->lastError().value_or(
            api::ApiError{0, QStringLiteral("Timeout"), QStringLiteral("the server's resource types are not known yet (discovery)")});
        return finish(r);
    }
    const auto resource = ApplyObjects::resolve(m_connection->resources()->resources(), doc.object);
    if (!resource) {
        r.error = resource.error();
        return finish(r);
    }
    r.group = resource->group;
    r.resource = resource->resource;
    auto placed = ApplyObjects::placeNamespace(doc.object, *resource, m_options, &r.warnings);
    if (!placed) {
        r.error = placed.error();
        return finish(r);
    }
    r.applied = *placed;
    // managedFields are the server's record (the editor shows them read-only): never sent back
    // (server-side apply refuses them, an update would overwrite them).
    if (QJsonObject meta = metadataOf(r.applied); meta.contains(QLatin1String("managedFields"))) {
        meta.remove(QLatin1String("managedFields"));
        r.applied.insert(QLatin1String("metadata"), meta);
    }
    r.namespaceName = metadataOf(r.applied).value(QLatin1String("namespace")).toString();
    const api::ResourcePath path{resource->group, resource->version, resource->resource, r.namespaceName, r.name, {}, {}};
    if (r.name.isEmpty() && (m_options.mode != ApplyMode::Create || diffMode)) {
        r.error = api::ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("resource name may not be empty")};
        return finish(r);
    }
    if (m_options.mode == ApplyMode::Create && !diffMode)
        return write(r, path, {}, false);
    m_client.get(path, this, [this, r, path](const api::Result<api::Response> &res, const QStringList &) {
        if (!res && !res.error().isNotFound()) {
            ApplyResult failed = r;
            failed.error = res.error();
            return finish(failed);
        }
        QJsonObject live;
        if (res) {
            const auto json = res->json();
            live = json ? *json : QJsonObject();
        }
        write(r, path, live, bool(res));
    });
}

void ApplyRun::write(ApplyResult r, const api::ResourcePath &path, const QJsonObject &live, bool exists)
{
    api::WriteOptions w;
    w.dryRun = r.dryRun;
    w.fieldManager = m_options.fieldManager;
    auto done = [this, r, path, live, exists](const api::Result<api::Response> &res, const QStringList &warnings) {
        writeDone(r, res, warnings, path, live, exists);
    };
    switch (m_options.mode) {
    case ApplyMode::Create: {
        api::ResourcePath collection = path;
        collection.name.clear();
        m_client.create(collection, QJsonDocument(r.applied).toJson(QJsonDocument::Compact), w, this, done);
        break;
    }
    case ApplyMode::Apply:
    case ApplyMode::ServerSideApply:
        w.force = m_options.force || m_options.mode == ApplyMode::Apply;
        if (w.fieldManager.isEmpty())
            w.fieldManager = QStringLiteral("acp-console");
        m_client.apply(path, QJsonDocument(r.applied).toJson(QJsonDocument::Compact), w, this, done);
        break;
    case ApplyMode::Replace: {
        QJsonObject meta = metadataOf(r.applied);
        QString rv = meta.value(QLatin1String("resourceVersion")).toString();
        if (rv.isEmpty())
            rv = m_options.baseResourceVersion;
        if (!rv.isEmpty())
            meta.insert(QLatin1String("resourceVersion"), rv);
        r.applied.insert(QLatin1String("metadata"), meta);
        m_client.replace(path, QJsonDocument(r.applied).toJson(QJsonDocument::Compact), w, this,
                         [this, r, path, live, exists](const api::Result<api::Response> &res, const QStringList &warnings) {
                             writeDone(r, res, warnings, path, live, exists);
                         });
        break;
    }
    }
}

void ApplyRun::writeDone(ApplyResult r, const api::Result<api::Response> &res, const QStringList &warnings,
                         const api::ResourcePath &path, const QJsonObject &live, bool exists)
{
    r.warnings += warnings;
    if (!res) {
        r.error = res.error();
        r.conflicts = ApplyObjects::conflicts(res.error());
        if (m_options.mode == ApplyMode::Replace && res.error().isConflict())
            return fetchCurrent(r, path);
        return finish(r, live);
    }
    const auto json = res->json();
    r.object = json ? *json : QJsonObject();
    r.name = metadataOf(r.object).value(QLatin1String("name")).toString(r.name);
    r.changed = !exists || !ApplyObjects::sameContent(live, r.object);
    switch (m_options.mode) {
    case ApplyMode::Create: r.action = QStringLiteral("created"); break;
    case ApplyMode::ServerSideApply: r.action = QStringLiteral("serverside-applied"); break;
    case ApplyMode::Replace: r.action = QStringLiteral("replaced"); break;
    case ApplyMode::Apply:
        r.action = !exists ? QStringLiteral("created") : r.changed ? QStringLiteral("configured") : QStringLiteral("unchanged");
        break;
    }
    if (ApplyObjects::isCustomResourceDefinition(r.applied) && !r.dryRun)
        m_crdCreated = true;
    finish(r, live);
}

void ApplyRun::fetchCurrent(ApplyResult r, const api::ResourcePath &path)
{
    m_client.get(path, this, [this, r](const api::Result<api::Response> &res, const QStringList &) {
        ApplyResult out = r;
        if (res) {
            const auto json = res->json();
            out.current = json ? *json : QJsonObject();
        }
        finish(out);
    });
}

void ApplyRun::finish(ApplyResult r, const QJsonObject &live)
{
    m_results.append(r);
    if (diffMode) {
        ApplyDiff d;
        d.result = r;
        d.liveObject = ApplyObjects::normalized(live);
        d.mergedObject = r.ok() ? ApplyObjects::normalized(r.object) : QJsonObject();
        if (maskSecrets)
            ApplyObjects::maskSecrets(d.liveObject, d.mergedObject);
        d.liveYaml = d.liveObject.isEmpty() ? QByteArray() : api::yaml::dump(d.liveObject);
        d.mergedYaml = d.mergedObject.isEmpty() ? QByteArray() : api::yaml::dump(d.mergedObject);
        d.fileName = ApplyObjects::diffFileName(r.applied);
        m_diffs.append(d);
    }
    if (onResult)
        onResult(r);
    ++m_pos;
    next();
}

} // namespace acp::models
