#pragma once
// ObjectDetailsView: the details pane of the resource browser for one object of one cluster:
//  - a header (kind, name, namespace, cluster, age, semantic status),
//  - Overview: conditions (type, status, reason, message, age), labels and annotations,
//  - Related: the owner chain (nearest first) and the owned objects, from ObjectRelations
//    (double-click or Enter opens one through Navigator::openResource),
//  - Events: the object's events (involvedObject.uid), newest first, live,
//  - YAML: the object as kubectl prints it (api/Yaml), read-only; metadata.managedFields are
//    shown last as a separate block. Informers drop managedFields, so while the YAML tab is shown
//    the object is fetched once per resourceVersion (GET) to show them.
// setObject() with the same uid only refreshes (watch updates keep the tab and scroll position).
// Thread: GUI thread.
#include "api/ApiResource.h"
#include "models/KubeObject.h"
#include "views/common/PageContext.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace acp::models { class ObjectRelations; }

namespace acp::views {

class ObjectDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit ObjectDetailsView(PageContext *context, QWidget *parent = nullptr);

    void setObject(const QString &cluster, const api::ApiResource &resource, const models::KubeObject &object);
    void clear();
    const models::KubeObject &object() const { return m_object; }
    models::ObjectRelations *relations() const { return m_relations; }

    QTabWidget *tabs() const { return m_tabs; }
    QLabel *header() const { return m_header; }
    QTreeWidget *conditions() const { return m_conditions; }
    QTreeWidget *owners() const { return m_owners; }
    QTreeWidget *owned() const { return m_owned; }
    QTreeWidget *events() const { return m_events; }
    QTreeWidget *labels() const { return m_labels; }
    QTreeWidget *annotations() const { return m_annotations; }
    QPlainTextEdit *yaml() const { return m_yaml; }

    // The YAML text shown for `object` (managedFields last).
    static QString yamlText(const QJsonObject &object);

private:
    QWidget *buildOverview();
    QWidget *buildRelated();
    void fillOverview(const QJsonObject &json);
    void fillRelations();
    void fillYaml(const QJsonObject &json);
    void fetchFullObject();
    void openItem(QTreeWidget *tree);

    PageContext *m_context;
    models::ObjectRelations *m_relations;
    QString m_cluster;
    api::ApiResource m_resource;
    models::KubeObject m_object;
    QLabel *m_header;
    QTabWidget *m_tabs;
    QTreeWidget *m_conditions;
    QTreeWidget *m_labels;
    QTreeWidget *m_annotations;
    QTreeWidget *m_owners;
    QTreeWidget *m_owned;
    QTreeWidget *m_events;
    QPlainTextEdit *m_yaml;
    QString m_fetchedVersion;        // uid/resourceVersion whose full object is shown or asked for
};

} // namespace acp::views
