#include "views/policies/TemplateCatalogView.h"

#include <QFont>
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
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
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
                            t.builtIn ? QString() : tr(", platform sample from %1").arg(t.cluster.toHtmlEscaped()),
                            t.description.toHtmlEscaped());
    if (!t.builtIn)
        text += QStringLiteral("<br><span style='color:gray'>%1</span>")
                    .arg(tr("ConsoleYAMLSample %1 on %2: its Kyverno Policy \"%3\" is applied as it is to each target namespace, on any cluster.")
                             .arg(t.name, t.cluster, t.policyName)
                             .toHtmlEscaped());
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

bool TemplateCatalogView::selectTemplate(const QString &name, const QString &cluster)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(NameRole).toString() == name
            && (cluster.isEmpty() || m_list->item(i)->data(ClusterRole).toString() == cluster)) {
            m_list->setCurrentRow(i);
            return true;
        }
    return false;
}

void TemplateCatalogView::setClusters(const QStringList &clusters)
{
    if (clusters == m_clusters)
        return;
    m_clusters = clusters;
    fill();
}

void TemplateCatalogView::fill()
{
    const auto current = currentTemplate();
    QSignalBlocker block(m_list);
    m_list->clear();
    // Headers ("Built-in templates", "Platform samples · <cluster>") are not selectable.
    auto header = [this](const QString &text) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setFlags(Qt::ItemIsEnabled);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
    };
    header(tr("Built-in templates"));
    QString cluster;
    for (const models::PssTemplate &t : m_catalog->templates()) {
        if (!t.builtIn && !m_clusters.contains(t.cluster))
            continue;
        if (!t.builtIn && t.cluster != cluster) {
            cluster = t.cluster;
            header(tr("Platform samples · %1").arg(cluster));
        }
        auto *item = new QListWidgetItem(QStringLiteral("  ") + t.title, m_list);
        item->setData(NameRole, t.name);
        item->setData(ClusterRole, t.cluster);
        item->setToolTip(t.builtIn ? t.description : tr("Platform sample %1 on %2: %3").arg(t.name, t.cluster, t.description));
    }
    int row = 1;   // the first built-in
    for (int i = 0; current && i < m_list->count(); ++i)
        if (m_list->item(i)->data(NameRole).toString() == current->name && m_list->item(i)->data(ClusterRole).toString() == current->cluster)
            row = i;
    m_list->setCurrentRow(row);
    // As tall as its entries: the description below gets the rest.
    m_list->setMaximumHeight(m_list->sizeHintForRow(0) * std::max(5, m_list->count()) + 2 * m_list->frameWidth() + 4);
    block.unblock();
    const auto t = currentTemplate();
    m_description->setText(t ? describe(*t) : QString());
    Q_EMIT currentTemplateChanged();
}

} // namespace acp::views
