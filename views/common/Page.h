#pragma once
// Page: the base of every page the main window shows. A page lives as long as its session;
// the main window creates it on first visit (PageRegistry) and calls activate() on every visit
// with the arguments of the navigation (history replays them). One error banner per page.
// Thread: GUI thread.
#include "views/common/PageContext.h"

#include <QVariantMap>
#include <QWidget>

class QVBoxLayout;

namespace acp::api { struct ApiError; }

namespace acp::views {

class ErrorBanner;

class Page : public QWidget {
    Q_OBJECT
public:
    Page(PageContext *context, QWidget *parent = nullptr);

    PageContext *context() const { return m_context; }
    models::Fleet *fleet() const { return m_context->fleet(); }
    Navigator *navigator() const { return m_context->navigator(); }

    // Called when the page is shown through navigation; args are what openPage() passed.
    virtual void activate(const QVariantMap &args) { Q_UNUSED(args) }
    // The arguments that would show the page as it is now (for back/forward history).
    virtual QVariantMap currentArgs() const { return {}; }
    // A short title for the window and history ("Pods · business-1").
    virtual QString title() const { return windowTitle(); }
    // The command palette's `/text`: narrows what the page shows to `text` (e.g. the filter line
    // of its table). Default: the filter line of the first visible ResourceTableView on the page;
    // false when the page has none.
    virtual bool applyFilter(const QString &text);

    // The page's error banner: the server's message, dismissable; cleared by clearError().
    void showError(const api::ApiError &error, const QString &action = QString());
    void showMessage(const QString &text, bool error = true);
    void clearError();
    ErrorBanner *errorBanner() const { return m_banner; }

protected:
    // The layout below the banner, for subclasses' content.
    QVBoxLayout *contentLayout() const { return m_content; }

private:
    PageContext *m_context;
    ErrorBanner *m_banner;
    QVBoxLayout *m_content;
};

} // namespace acp::views
