#include "views/resources/ObjectDetailsView.h"

#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/ObjectRelations.h"
#include "models/ObjectStatus.h"
#include "models/PrinterFormat.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

namespace {

constexpr int RefRole = Qt::UserRole + 1;

QTreeWidget *makeTree(const QString &name, const QStringList &headers, QWidget *parent)
{
    auto *t = new QTreeWidget(parent);
    t->setObjectName(name);
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setUniformRowHeights(true);
    t->setAlternatingRowColors(true);
    t->header()->setStretchLastSection(true);
    t->header()->setSectionResizeMode(QHeaderView::Interactive);
    return t;
}

QString age(const QJsonValue &timestamp)
{
    return models::format::timestampSince(timestamp, QDateTime::currentDateTimeUtc());
}

void fillMap(QTreeWidget *tree, const QJsonObject &map)
{
    tree->clear();
    for (auto it = map.begin(); it != map.end(); ++it)
        new QTreeWidgetItem(tree, QStringList{it.key(), it.value().toString()});
    tree->resizeColumnToContents(0);
}

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()), parent);
    return l;
}

} // namespace

ObjectDetailsView::ObjectDetailsView(PageContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_relations(new models::ObjectRelations(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("detailsHeader"));
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildOverview(), tr("Overview"));
    m_tabs->addTab(buildRelated(), tr("Related"));
    m_events = makeTree(QStringLiteral("events"), {tr("Type"), tr("Reason"), tr("Age"), tr("Count"), tr("From"), tr("Message")}, this);
    m_tabs->addTab(m_events, tr("Events"));
    m_yaml = new QPlainTextEdit(this);
    m_yaml->setObjectName(QStringLiteral("yaml"));
    m_yaml->setReadOnly(true);
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yaml->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tabs->addTab(m_yaml, tr("YAML"));
    layout->addWidget(m_tabs, 1);
    connect(m_relations, &models::ObjectRelations::changed, this, &ObjectDetailsView::fillRelations);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ObjectDetailsView::fetchFullObject);
    clear();
}

QWidget *ObjectDetailsView::buildOverview()
{
    auto *w = new QWidget(this);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 4, 0, 0);
    l->addWidget(sectionLabel(tr("Conditions"), w));
    m_conditions = makeTree(QStringLiteral("conditions"), {tr("Type"), tr("Status"), tr("Reason"), tr("Age"), tr("Message")}, w);
    l->addWidget(m_conditions, 2);
    l->addWidget(sectionLabel(tr("Labels"), w));
    m_labels = makeTree(QStringLiteral("labels"), {tr("Key"), tr("Value")}, w);
    l->addWidget(m_labels, 1);
    l->addWidget(sectionLabel(tr("Annotations"), w));
    m_annotations = makeTree(QStringLiteral("annotations"), {tr("Key"), tr("Value")}, w);
    l->addWidget(m_annotations, 1);
    return w;
}

QWidget *ObjectDetailsView::buildRelated()
{
    auto *w = new QWidget(this);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 4, 0, 0);
    l->addWidget(sectionLabel(tr("Owner chain"), w));
    m_owners = makeTree(QStringLiteral("owners"), {tr("Kind"), tr("Name"), tr("Status")}, w);
    l->addWidget(m_owners, 1);
    l->addWidget(sectionLabel(tr("Owned objects"), w));
    m_owned = makeTree(QStringLiteral("owned"), {tr("Kind"), tr("Name"), tr("Status")}, w);
    l->addWidget(m_owned, 2);
    for (QTreeWidget *t : {m_owners, m_owned})
        connect(t, &QTreeWidget::itemActivated, this, [this, t] { openItem(t); });
    return w;
}

void ObjectDetailsView::clear()
{
    m_object = models::KubeObject();
    m_relations->clear();
    m_header->setText(tr("Select an object to see its details."));
    for (QTreeWidget *t : {m_conditions, m_labels, m_annotations, m_owners, m_owned, m_events})
        t->clear();
    m_yaml->clear();
    m_tabs->setEnabled(false);
}

void ObjectDetailsView::setObject(const QString &cluster, const api::ApiResource &resource, const models::KubeObject &object)
{
    if (object.isNull()) {
        clear();
        return;
    }
    const bool same = !m_object.isNull() && object.uid() == m_object.uid() && cluster == m_cluster;
    if (same && object.resourceVersion() == m_object.resourceVersion())
        return;
    m_cluster = cluster;
    m_resource = resource;
    m_object = object;
    m_tabs->setEnabled(true);
    const QJsonObject json = object.parseJson();
    const models::ObjectStatus status = models::ObjectStatus::of(json);
    QStringList parts{QStringLiteral("<b>%1 %2</b>").arg(object.kind().toHtmlEscaped(), object.name().toHtmlEscaped())};
    if (!object.namespaceName().isEmpty())
        parts << tr("namespace %1").arg(object.namespaceName().toHtmlEscaped());
    parts << tr("cluster %1").arg(cluster.toHtmlEscaped());
    parts << tr("age %1").arg(age(json.value(QLatin1String("metadata")).toObject().value(QLatin1String("creationTimestamp"))));
    parts << tr("status %1").arg(models::ObjectStatus::stateName(status.state)
                                 + (status.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(status.reason.toHtmlEscaped())));
    m_header->setText(parts.join(QStringLiteral(" · ")));
    fillOverview(json);
    fillYaml(json);
    fetchFullObject();
    models::ClusterConnection *conn = m_context->fleet()->existingConnection(cluster);
    const models::ResourceRef ref{cluster, resource.group, resource.version, resource.resource, resource.kind,
                                  object.namespaceName(), object.name()};
    m_relations->setObject(conn, ref, object);
}

void ObjectDetailsView::fillOverview(const QJsonObject &json)
{
    m_conditions->clear();
    const QJsonArray conditions = json.value(QLatin1String("status")).toObject().value(QLatin1String("conditions")).toArray();
    for (const QJsonValue &v : conditions) {
        const QJsonObject c = v.toObject();
        QJsonValue when = c.value(QLatin1String("lastTransitionTime"));
        if (when.isUndefined() || when.isNull())
            when = c.value(QLatin1String("lastUpdateTime"));
        new QTreeWidgetItem(m_conditions, QStringList{c.value(QLatin1String("type")).toString(), c.value(QLatin1String("status")).toString(),
                                                      c.value(QLatin1String("reason")).toString(), age(when),
                                                      c.value(QLatin1String("message")).toString()});
    }
    if (conditions.isEmpty())
        new QTreeWidgetItem(m_conditions, QStringList{tr("(no conditions)")});
    for (int i = 0; i < 4; ++i)
        m_conditions->resizeColumnToContents(i);
    const QJsonObject meta = json.value(QLatin1String("metadata")).toObject();
    fillMap(m_labels, meta.value(QLatin1String("labels")).toObject());
    fillMap(m_annotations, meta.value(QLatin1String("annotations")).toObject());
}

void ObjectDetailsView::fillRelations()
{
    auto fill = [this](QTreeWidget *tree, const QList<models::ObjectRelations::Related> &items, const QString &none) {
        tree->clear();
        for (const auto &r : items) {
            QString state;
            if (r.object.isNull()) {
                state = m_relations->isLoading() ? tr("loading…") : tr("not found");
            } else {
                const models::ObjectStatus s = models::ObjectStatus::of(r.object.json());
                state = models::ObjectStatus::stateName(s.state) + (s.reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(s.reason));
            }
            auto *item = new QTreeWidgetItem(tree, QStringList{r.ref.kind, r.ref.name, state});
            item->setData(0, RefRole, QVariant::fromValue(r.ref));
            item->setToolTip(1, tr("Open %1/%2").arg(r.ref.resource, r.ref.name));
        }
        if (items.isEmpty())
            new QTreeWidgetItem(tree, QStringList{m_relations->isLoading() ? tr("loading…") : none});
        tree->resizeColumnToContents(0);
        tree->resizeColumnToContents(1);
    };
    fill(m_owners, m_relations->owners(), tr("(no owner)"));
    if (models::ObjectRelations::ownedResources(m_resource.group, m_resource.kind).isEmpty()) {
        m_owned->clear();
        new QTreeWidgetItem(m_owned, QStringList{tr("(owns nothing)")});
    } else {
        fill(m_owned, m_relations->owned(), tr("(owns nothing)"));
    }
    m_events->clear();
    for (const models::KubeObject &e : m_relations->events()) {
        const QJsonObject j = e.json();
        QJsonValue when = j.value(QLatin1String("lastTimestamp"));
        if (when.isNull() || when.isUndefined())
            when = j.value(QLatin1String("eventTime"));
        const QJsonObject source = j.value(QLatin1String("source")).toObject();
        QString from = source.value(QLatin1String("component")).toString();
        if (from.isEmpty())
            from = j.value(QLatin1String("reportingComponent")).toString();
        new QTreeWidgetItem(m_events, QStringList{j.value(QLatin1String("type")).toString(), j.value(QLatin1String("reason")).toString(),
                                                  age(when), QString::number(qMax(1, j.value(QLatin1String("count")).toInt())), from,
                                                  j.value(QLatin1String("message")).toString()});
    }
    for (int i = 0; i < 5; ++i)
        m_events->resizeColumnToContents(i);
    m_tabs->setTabText(2, m_relations->events().isEmpty() ? tr("Events") : tr("Events (%1)").arg(m_relations->events().size()));
}

QString ObjectDetailsView::yamlText(const QJsonObject &object)
{
    QJsonObject copy = object;
    QJsonObject meta = copy.value(QLatin1String("metadata")).toObject();
    const QJsonValue managed = meta.take(QLatin1String("managedFields"));
    copy.insert(QStringLiteral("metadata"), meta);
    QString text = QString::fromUtf8(api::yaml::dump(copy));
    if (managed.isArray() && !managed.toArray().isEmpty()) {
        text += QStringLiteral("---\n# metadata.managedFields (%1 entries)\n").arg(managed.toArray().size());
        text += QString::fromUtf8(api::yaml::dump(QJsonObject{{QStringLiteral("managedFields"), managed}}));
    }
    return text;
}

void ObjectDetailsView::fillYaml(const QJsonObject &json)
{
    const int scroll = m_yaml->verticalScrollBar()->value();
    m_yaml->setPlainText(yamlText(json));
    m_yaml->verticalScrollBar()->setValue(scroll);
}

void ObjectDetailsView::fetchFullObject()
{
    if (m_object.isNull() || m_tabs->currentWidget() != m_yaml || !m_object.managedFieldsDropped())
        return;
    const QString version = m_object.uid() + QLatin1Char('/') + m_object.resourceVersion();
    if (version == m_fetchedVersion)
        return;
    models::ClusterConnection *conn = m_context->fleet()->existingConnection(m_cluster);
    if (!conn)
        return;
    m_fetchedVersion = version;
    const api::ResourcePath path{m_resource.group, m_resource.version, m_resource.resource,
                                 m_resource.namespaced ? m_object.namespaceName() : QString(), m_object.name(), QString(), QString()};
    conn->client().get(path, this, [this, version](const api::Result<api::Response> &r, const QStringList &) {
        const QString current = m_object.isNull() ? QString() : m_object.uid() + QLatin1Char('/') + m_object.resourceVersion();
        if (!r.ok() || current != version)
            return;   // the cached object stays on show (an error here is not the user's action)
        const auto json = r->json();
        if (json.ok())
            fillYaml(*json);
    });
}

void ObjectDetailsView::openItem(QTreeWidget *tree)
{
    const QTreeWidgetItem *item = tree->currentItem();
    if (!item)
        return;
    const auto ref = item->data(0, RefRole).value<models::ResourceRef>();
    if (ref.isValid() && !ref.name.isEmpty())
        m_context->navigator()->openResource(ref);
}

} // namespace acp::views
