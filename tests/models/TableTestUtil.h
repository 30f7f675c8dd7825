#pragma once
// Shared helpers of tst_resourcetablemodel and tst_resourcefilterproxymodel: fixtures from
// ../shared (k9s dumps, gitops-engine live objects) and synthetic pods.
#include "api/Yaml.h"
#include "models/KubeObject.h"
#include "models/PrinterFormat.h"
#include "models/ResourceStore.h"
#include "models/ResourceTableModel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace tabletest {

using namespace acp::models;

inline const QString kShared = QStringLiteral(ACP_SHARED_DIR);
inline const QString kK9s = QStringLiteral("/testdata/api-objects/k9s/internal/render/testdata/");
inline const QString kHealth = QStringLiteral("/testdata/api-objects/gitops-engine/pkg/health/testdata/");

inline QDateTime at(const char *rfc3339)
{
    return format::parseTimestamp(QString::fromLatin1(rfc3339));
}

inline QJsonObject load(const QString &relative)
{
    QFile f(kShared + relative);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("cannot open %s", qPrintable(f.fileName()));
        return {};
    }
    const QByteArray data = f.readAll();
    if (relative.endsWith(QLatin1String(".json")))
        return QJsonDocument::fromJson(data).object();
    const auto doc = acp::api::yaml::parseOne(data, f.fileName());
    return doc.ok() ? doc.value().toObject() : QJsonObject();
}

struct PodSpec {
    QString ns = QStringLiteral("default");
    QString name;
    QString created = QStringLiteral("2026-01-01T00:00:00Z");
    QJsonObject labels;
    int ready = 1, total = 1, restarts = 0;
    QString phase = QStringLiteral("Running");
    QString waiting; // waiting reason of container 0 (e.g. CrashLoopBackOff)
    QString node = QStringLiteral("node-1");
};

inline QJsonObject podJson(const PodSpec &p)
{
    QJsonArray containers, statuses;
    for (int i = 0; i < p.total; ++i) {
        const QString c = QStringLiteral("c%1").arg(i);
        containers.append(QJsonObject{{"name", c}, {"image", "nginx:1.27"}});
        QJsonObject state = p.waiting.isEmpty() || i != 0
            ? QJsonObject{{"running", QJsonObject{{"startedAt", p.created}}}}
            : QJsonObject{{"waiting", QJsonObject{{"reason", p.waiting}}}};
        statuses.append(QJsonObject{{"name", c}, {"ready", i < p.ready}, {"restartCount", i == 0 ? p.restarts : 0},
                                    {"image", "nginx:1.27"}, {"state", state}});
    }
    QJsonObject meta{{"name", p.name}, {"namespace", p.ns}, {"uid", p.ns + u'-' + p.name},
                     {"resourceVersion", "1"}, {"creationTimestamp", p.created}};
    if (!p.labels.isEmpty())
        meta.insert("labels", p.labels);
    return QJsonObject{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta},
                       {"spec", QJsonObject{{"nodeName", p.node}, {"containers", containers}}},
                       {"status", QJsonObject{{"phase", p.phase}, {"podIP", "10.0.0.1"}, {"containerStatuses", statuses}}}};
}

inline KubeObject pod(const PodSpec &p)
{
    return KubeObject::fromJson(podJson(p));
}

// A copy of `o` with a new resourceVersion and `mutate` applied to its JSON.
template <typename F>
KubeObject modified(const KubeObject &o, F mutate)
{
    QJsonObject j = o.json();
    QJsonObject meta = j.value("metadata").toObject();
    meta.insert("resourceVersion", QString::number(meta.value("resourceVersion").toString().toLongLong() + 1));
    j.insert("metadata", meta);
    mutate(j);
    return KubeObject::fromJson(j);
}

inline QStringList headers(const QAbstractItemModel &m)
{
    QStringList out;
    for (int c = 0; c < m.columnCount(); ++c)
        out.append(m.headerData(c, Qt::Horizontal).toString());
    return out;
}

inline QStringList column(const QAbstractItemModel &m, int c, int role = Qt::DisplayRole)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out.append(m.index(r, c).data(role).toString());
    return out;
}

inline StoreEvent added(const KubeObject &o) { return {StoreEvent::Added, o}; }
inline StoreEvent changedEvent(const KubeObject &o) { return {StoreEvent::Modified, o}; }
inline StoreEvent deleted(const KubeObject &o) { return {StoreEvent::Deleted, o}; }

} // namespace tabletest
