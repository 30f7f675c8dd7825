#include "views/common/Page.h"

#include "api/ApiError.h"
#include "views/common/ErrorBanner.h"
#include "views/common/ResourceTableView.h"

#include <QLineEdit>

#include <QVBoxLayout>

namespace acp::views {

Page::Page(PageContext *context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    m_banner = new ErrorBanner(this);
    outer->addWidget(m_banner);
    m_content = new QVBoxLayout;
    m_content->setContentsMargins(8, 6, 8, 6);
    outer->addLayout(m_content, 1);
}

bool Page::applyFilter(const QString &text)
{
    for (ResourceTableView *table : findChildren<ResourceTableView *>()) {
        if (table->isVisible()) {
            table->filterEdit()->setText(text);
            table->filterEdit()->setFocus();
            return true;
        }
    }
    return false;
}

void Page::showError(const api::ApiError &error, const QString &action)
{
    m_banner->showError(error, action);
}

void Page::showMessage(const QString &text, bool error)
{
    m_banner->showText(text, error);
}

void Page::clearError()
{
    m_banner->hide();
}

} // namespace acp::views
