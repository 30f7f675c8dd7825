#include "app/SessionSwitcher.h"

#include "api/AcpSessions.h"

#include <QDialogButtonBox>
#include <QSet>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace acp::app {

QList<SessionSwitcher::Choice> SessionSwitcher::choicesOf(const api::Kubeconfig &config)
{
    QList<Choice> out;
    QSet<QString> sessionContexts;
    const QList<api::AcpSession> sessions = api::AcpSessions::sessions(config);
    if (!sessions.isEmpty())
        out.append({tr("ACP sessions"), {}, {}});
    for (const api::AcpSession &s : sessions) {
        for (const QString &c : s.contexts)
            sessionContexts.insert(c);
        api::Kubeconfig copy = config;   // useSession picks the context; nothing is saved
        const auto context = api::AcpSessions::useSession(copy, s.name);
        if (!context)
            continue;
        const QString clusters = s.clusters.size() == 1 ? tr("1 cluster") : tr("%1 clusters").arg(s.clusters.size());
        out.append({QStringLiteral("%1 — %2 @ %3 (%4)").arg(s.name, s.username, s.platform, clusters), *context, s.name});
    }
    QStringList plain;
    for (auto it = config.contexts().cbegin(); it != config.contexts().cend(); ++it)
        if (!sessionContexts.contains(it.key()))
            plain << it.key();
    if (!plain.isEmpty()) {
        out.append({tr("Kubeconfig contexts"), {}, {}});
        for (const QString &c : std::as_const(plain))
            out.append({c, c, {}});
    }
    return out;
}

SessionSwitcher::SessionSwitcher(const api::KubeconfigLoadOptions &kubeconfig, const QString &currentTitle, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("sessionSwitcher"));
    setWindowTitle(tr("Switch session"));
    setMinimumSize(520, 320);
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("sessions"));
    layout->addWidget(m_list, 1);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] { chooseRow(m_list->currentRow()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { chooseRow(m_list->row(item)); });

    auto config = api::Kubeconfig::load(kubeconfig);
    if (!config) {
        m_error->setText(config.error().toString());
        m_error->setVisible(true);
        return;
    }
    m_choices = choicesOf(*config);
    for (const Choice &c : std::as_const(m_choices)) {
        auto *item = new QListWidgetItem(c.label, m_list);
        QFont f = item->font();
        if (c.context.isEmpty()) {
            item->setFlags(Qt::ItemIsEnabled);
            f.setBold(true);
        } else if (!c.session.isEmpty() && c.session == currentTitle) {
            item->setText(c.label + tr("  (current)"));
            f.setItalic(true);
            m_list->setCurrentItem(item);
        }
        item->setFont(f);
    }
}

bool SessionSwitcher::choose(const QString &name)
{
    for (int i = 0; i < m_choices.size(); ++i) {
        const Choice &c = m_choices.at(i);
        if (!c.context.isEmpty() && (c.session == name || (c.session.isEmpty() && c.context == name))) {
            chooseRow(i);
            return true;
        }
    }
    return false;
}

void SessionSwitcher::chooseRow(int row)
{
    if (row < 0 || row >= m_choices.size() || m_choices.at(row).context.isEmpty())
        return;
    const QString context = m_choices.at(row).context;
    accept();
    Q_EMIT chosen(context);
}

} // namespace acp::app
