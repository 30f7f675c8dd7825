#include "views/policies/TemplateCatalogView.h"

#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace acp::views {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
constexpr int ClusterRole = Qt::UserRole + 2;
} // namespace

TemplateCatalogView::TemplateCatalogView(QWidget *parent)
    : QWidget(parent), m_catalog(new models::PssTemplateCatalog(this)), m_list(new QListWidget(this)),
      m_description(new QLabel)
{
    m_list->setObjectName(QStringLiteral("templateList"));
    m_description->setObjectName(QStringLiteral("templateDescription"));
    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setMinimumHeight(60);
    auto *heading = new QLabel(tr("Te&mplates"), this);
    heading->setBuddy(m_list);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading);
    layout->addWidget(m_list);
    // The description scrolls when the page is short (never cut off).
    auto *scroll = new QScrollArea(this);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(m_description);
    layout->addWidget(scroll, 1);
    connect(m_catalog, &models::PssTemplateCatalog::changed, this, &TemplateCatalogView::fill);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        const auto t = currentTemplate();
        m_description->setText(t ? describe(*t) : tr("Choose a template to see what it allows and blocks."));
        Q_EMIT currentTemplateChanged();
    });
    fill();
}

QString TemplateCatalogView::describe(const models::PssTemplate &t)
{
    QString level = t.level ? models::PodSecurity::levelName(*t.level) : tr("custom rules");
    QString text = QStringLiteral("<b>%1</b> <span style='color:gray'>(%2%3)</span><br>%4")
                       .arg(t.title.toHtmlEscaped(), tr("Pod Security level: %1").arg(level.toHtmlEscaped()),
                            t.builtIn ? QString() : tr(", sample from %1").arg(t.cluster.toHtmlEscaped()),
                            t.description.toHtmlEscaped());
    return text;
}

std::optional<models::PssTemplate> TemplateCatalogView::currentTemplate() const
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return std::nullopt;
    const QString name = item->data(NameRole).toString();
    const QString cluster = item->data(ClusterRole).toString();
    for (const models::PssTemplate &t : m_catalog->templates())
        if (t.name == name && t.cluster == cluster)
            return t;
    return std::nullopt;
}

bool TemplateCatalogView::selectTemplate(const QString &name)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(NameRole).toString() == name) {
            m_list->setCurrentRow(i);
            return true;
        }
    return false;
}

void TemplateCatalogView::fill()
{
    const auto current = currentTemplate();
    QSignalBlocker block(m_list);
    m_list->clear();
    for (const models::PssTemplate &t : m_catalog->templates()) {
        auto *item = new QListWidgetItem(t.builtIn ? t.title : tr("%1 (sample, %2)").arg(t.title, t.cluster), m_list);
        item->setData(NameRole, t.name);
        item->setData(ClusterRole, t.cluster);
        item->setToolTip(t.description);
    }
    int row = 0;
    for (int i = 0; current && i < m_list->count(); ++i)
        if (m_list->item(i)->data(NameRole).toString() == current->name && m_list->item(i)->data(ClusterRole).toString() == current->cluster)
            row = i;
    m_list->setCurrentRow(row);
    // As tall as its entries: the description below gets the rest.
    m_list->setMaximumHeight(m_list->sizeHintForRow(0) * std::max(4, m_list->count()) + 2 * m_list->frameWidth() + 4);
    block.unblock();
    const auto t = currentTemplate();
    m_description->setText(t ? describe(*t) : QString());
    Q_EMIT currentTemplateChanged();
}

} // namespace acp::views
