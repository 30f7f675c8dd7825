#pragma once
// TemplateCatalogView: the pod security templates a project owner can apply, in plain words:
// the four built-ins, then the platform's samples discovered on the target clusters
// (models::PssTemplateCatalog) under a "Platform samples · <cluster>" heading per cluster, live
// as samples come and go. Selecting one shows what it allows and blocks.
// Thread: GUI thread.
#include "models/PssTemplateCatalog.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace acp::views {

class TemplateCatalogView : public QWidget {
    Q_OBJECT
public:
    explicit TemplateCatalogView(QWidget *parent = nullptr);

    models::PssTemplateCatalog *catalog() const { return m_catalog; }
    QListWidget *list() const { return m_list; }
    QLabel *description() const { return m_description; }

    std::optional<models::PssTemplate> currentTemplate() const;
    // Selects a template by name (built-ins: "privileged", "baseline", "nonroot", "restricted")
    // and, for a sample, the cluster it was found on ("" = the first of that name).
    bool selectTemplate(const QString &name, const QString &cluster = QString());

    // Samples are listed for these clusters only (the page's target clusters).
    void setClusters(const QStringList &clusters);

    // The plain-words text shown for a template (title, level, description).
    static QString describe(const models::PssTemplate &t);

Q_SIGNALS:
    void currentTemplateChanged();

private:
    void fill();

    models::PssTemplateCatalog *m_catalog;
    QStringList m_clusters;
    QListWidget *m_list;
    QLabel *m_description;
};

} // namespace acp::views
