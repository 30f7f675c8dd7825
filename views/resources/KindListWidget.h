#pragma once
// KindListWidget: the resource browser's list of kinds (ResourceKindCatalog entries) in sections,
// with a filter box (matches kind, plural, short names and group, case-insensitive). Emits
// kindChosen(name) with kubectl's name ("deployments.apps") when the user picks one; select()
// does not emit. Thread: GUI thread.
#include "models/ResourceKindCatalog.h"

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace acp::views {

class KindListWidget : public QWidget {
    Q_OBJECT
public:
    explicit KindListWidget(QWidget *parent = nullptr);

    void setKinds(const QList<models::ResourceKind> &kinds);
    const QList<models::ResourceKind> &kinds() const { return m_kinds; }
    // Marks `name` (any of kubectl's names known to the list) as current; false if not listed.
    bool select(const QString &name);
    QString currentName() const;

    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *tree() const { return m_tree; }
    // Names of the kinds the filter leaves visible (tests).
    QStringList visibleNames() const;

Q_SIGNALS:
    void kindChosen(const QString &name);

private:
    void applyFilter();
    QTreeWidgetItem *itemFor(const QString &name) const;

    QLineEdit *m_filter;
    QTreeWidget *m_tree;
    QList<models::ResourceKind> m_kinds;
    bool m_selecting = false;
};

} // namespace acp::views
