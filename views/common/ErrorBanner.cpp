#include "views/common/ErrorBanner.h"

#include "api/ApiError.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace acp::views {

ErrorBanner::ErrorBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("errorBanner"));
    setAutoFillBackground(true);
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(10, 6, 6, 6);
    m_label = new QLabel(this);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->addWidget(m_label, 1);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    l->addWidget(close);
    hide();
}

QString ErrorBanner::describe(const api::ApiError &error, const QString &action)
{
    QString text = error.message;
    if (!error.reason.isEmpty() && !text.startsWith(error.reason))
        text = error.reason + QStringLiteral(": ") + text;
    if (!error.cluster.isEmpty() && !text.contains(error.cluster))
        text += QStringLiteral(" (cluster %1)").arg(error.cluster);
    return action.isEmpty() ? text : action + QStringLiteral(": ") + text;
}

void ErrorBanner::showError(const api::ApiError &error, const QString &action)
{
    showText(describe(error, action), true);
}

void ErrorBanner::showText(const QString &text, bool error)
{
    QPalette p = palette();
    p.setColor(QPalette::Window, error ? QColor(0xfd, 0xe2, 0xe1) : QColor(0xe3, 0xf1, 0xdf));
    p.setColor(QPalette::WindowText, error ? QColor(0x82, 0x07, 0x1e) : QColor(0x1e, 0x4d, 0x2b));
    setPalette(p);
    m_label->setText(text);
    show();
}

QString ErrorBanner::text() const
{
    return isVisible() ? m_label->text() : QString();
}

} // namespace acp::views
