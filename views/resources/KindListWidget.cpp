#include "views/resources/KindListWidget.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace acp::views {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int SearchRole = Qt::UserRole + 2;
}

KindListWidget::KindListWidget(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("kindFilter"));
    m_filter->setPlaceholderText(tr("Find a kind"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("kindList"));
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    layout->addWidget(m_tree, 1);
    connect(m_filter, &QLineEdit::textChanged, this, &KindListWidget::applyFilter);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!m_selecting && item && !item->data(0, NameRole).toString().isEmpty())
            Q_EMIT kindChosen(item->data(0, NameRole).toString());
    });
    // Enter in the filter box picks the first visible kind.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        const QStringList visible = visibleNames();
        if (!visible.isEmpty()) {
            select(visible.first());
            Q_EMIT kindChosen(visible.first());
        }
    });
}

void KindListWidget::setKinds(const QList<models::ResourceKind> &kinds)
{
    const QString current = currentName();
    m_kinds = kinds;
    m_selecting = true;
    m_tree->clear();
    QTreeWidgetItem *section = nullptr;
    for (const models::ResourceKind &k : kinds) {
        if (!section || section->text(0) != k.section) {
            section = new QTreeWidgetItem(m_tree, QStringList{k.section});
            section->setFlags(Qt::ItemIsEnabled);
            QFont f = section->font(0);
            f.setBold(true);
            section->setFont(0, f);
            section->setExpanded(!k.section.startsWith(QStringLiteral("Custom")) && k.section != QStringLiteral("Other"));
        }
        auto *item = new QTreeWidgetItem(section, QStringList{k.resource.kind});
        item->setData(0, NameRole, k.name());
        item->setData(0, SearchRole, QStringList{k.resource.kind, k.resource.resource, k.resource.group, k.name()}
                                         .join(QLatin1Char(' ')).toLower() + QLatin1Char(' ') + k.resource.shortNames.join(QLatin1Char(' ')));
        QString tip = k.name();
        if (!k.resource.shortNames.isEmpty())
            tip += QStringLiteral(" (%1)").arg(k.resource.shortNames.join(QStringLiteral(", ")));
        tip += QStringLiteral("\n") + (k.resource.namespaced ? tr("namespaced") : tr("cluster-scoped"));
        tip += QStringLiteral("\n") + tr("served by %1").arg(k.clusters.join(QStringLiteral(", ")));
        item->setToolTip(0, tip);
    }
    m_selecting = false;
    applyFilter();
    if (!current.isEmpty())
        select(current);
}

QTreeWidgetItem *KindListWidget::itemFor(const QString &name) const
{
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_tree->topLevelItem(s);
        for (int i = 0; i < section->childCount(); ++i)
            if (section->child(i)->data(0, NameRole).toString() == name)
                return section->child(i);
    }
    return nullptr;
}

bool KindListWidget::select(const QString &name)
{
    QTreeWidgetItem *item = itemFor(name);
    if (!item)
        return false;
    m_selecting = true;
    item->parent()->setExpanded(true);
    m_tree->setCurrentItem(item);
    m_tree->scrollToItem(item);
    m_selecting = false;
    return true;
}

QString KindListWidget::currentName() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, NameRole).toString() : QString();
}

void KindListWidget::applyFilter()
{
    const QStringList words = m_filter->text().toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        QTreeWidgetItem *section = m_tree->topLevelItem(s);
        int shown = 0;
        for (int i = 0; i < section->childCount(); ++i) {
            QTreeWidgetItem *item = section->child(i);
            const QString hay = item->data(0, SearchRole).toString();
            bool match = true;
            for (const QString &w : words)
                match = match && hay.contains(w);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        section->setHidden(shown == 0);
        if (!words.isEmpty() && shown > 0)
            section->setExpanded(true);
    }
}

QStringList KindListWidget::visibleNames() const
{
    QStringList out;
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s) {
        const QTreeWidgetItem *section = m_tree->topLevelItem(s);
        for (int i = 0; i < section->childCount(); ++i)
            if (!section->isHidden() && !section->child(i)->isHidden())
                out << section->child(i)->data(0, NameRole).toString();
    }
    return out;
}

} // namespace acp::views
