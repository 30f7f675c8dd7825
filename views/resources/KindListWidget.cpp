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

namespace {

QTreeWidgetItem *makeSection(const QString &text, bool expanded, QTreeWidget *tree, QTreeWidgetItem *parent)
{
    auto *item = parent ? new QTreeWidgetItem(parent, QStringList{text}) : new QTreeWidgetItem(tree, QStringList{text});
    item->setFlags(Qt::ItemIsEnabled);
    QFont f = item->font(0);
    f.setBold(true);
    item->setFont(0, f);
    item->setExpanded(expanded);
    return item;
}

// Every kind item (leaf) below `item`, depth first.
void leaves(QTreeWidgetItem *item, QList<QTreeWidgetItem *> &out)
{
    for (int i = 0; i < item->childCount(); ++i) {
        QTreeWidgetItem *c = item->child(i);
        if (!c->data(0, NameRole).toString().isEmpty())
            out << c;
        else
            leaves(c, out);
    }
}

// Hides sections without visible kinds; returns whether `item` shows anything.
bool hideEmpty(QTreeWidgetItem *item, bool expand)
{
    if (!item->data(0, NameRole).toString().isEmpty())
        return !item->isHidden();
    bool any = false;
    for (int i = 0; i < item->childCount(); ++i)
        any = hideEmpty(item->child(i), expand) || any;
    item->setHidden(!any);
    if (expand && any)
        item->setExpanded(true);
    return any;
}

} // namespace

void KindListWidget::setKinds(const QList<models::ResourceKind> &kinds)
{
    static const QString customPrefix = QStringLiteral("Custom resources · ");
    const QString current = currentName();
    m_kinds = kinds;
    m_selecting = true;
    m_tree->clear();
    QTreeWidgetItem *section = nullptr;
    QTreeWidgetItem *customRoot = nullptr;
    QString sectionName;
    for (const models::ResourceKind &k : kinds) {
        if (!section || sectionName != k.section) {
            sectionName = k.section;
            if (k.section.startsWith(customPrefix)) {
                // Custom resources: one collapsed section, a sub-section per API group.
                if (!customRoot)
                    customRoot = makeSection(tr("Custom resources"), false, m_tree, nullptr);
                section = makeSection(k.section.mid(customPrefix.size()), false, m_tree, customRoot);
                section->setToolTip(0, tr("Custom resources of API group %1").arg(k.section.mid(customPrefix.size())));
            } else {
                section = makeSection(k.section, k.section != QStringLiteral("Other"), m_tree, nullptr);
            }
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
    QList<QTreeWidgetItem *> all;
    leaves(m_tree->invisibleRootItem(), all);
    for (QTreeWidgetItem *item : std::as_const(all))
        if (item->data(0, NameRole).toString() == name)
            return item;
    return nullptr;
}

bool KindListWidget::select(const QString &name)
{
    QTreeWidgetItem *item = itemFor(name);
    if (!item)
        return false;
    m_selecting = true;
    for (QTreeWidgetItem *p = item->parent(); p; p = p->parent())
        p->setExpanded(true);
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
    QList<QTreeWidgetItem *> all;
    leaves(m_tree->invisibleRootItem(), all);
    for (QTreeWidgetItem *item : std::as_const(all)) {
        const QString hay = item->data(0, SearchRole).toString();
        bool match = true;
        for (const QString &w : words)
            match = match && hay.contains(w);
        item->setHidden(!match);
    }
    for (int s = 0; s < m_tree->topLevelItemCount(); ++s)
        hideEmpty(m_tree->topLevelItem(s), !words.isEmpty());
}

QStringList KindListWidget::visibleNames() const
{
    QList<QTreeWidgetItem *> all;
    leaves(m_tree->invisibleRootItem(), all);
    QStringList out;
    for (const QTreeWidgetItem *item : std::as_const(all)) {
        bool visible = true;
        for (const QTreeWidgetItem *p = item; p; p = p->parent())
            visible = visible && !p->isHidden();
        if (visible)
            out << item->data(0, NameRole).toString();
    }
    return out;
}

} // namespace acp::views
