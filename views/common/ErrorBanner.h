#pragma once
// ErrorBanner: one line at the top of a page with the server's message for the last failed
// action ("Scale deployments/web in business-1: Forbidden: ..."), dismissable. Hidden when empty.
#include <QFrame>

class QLabel;

namespace acp::api { struct ApiError; }

namespace acp::views {

class ErrorBanner : public QFrame {
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);
    void showError(const api::ApiError &error, const QString &action = QString());
    void showText(const QString &text, bool error = true);
    QString text() const;

    // "<action>: <reason>: <message> (cluster c)" as shown to the user.
    static QString describe(const api::ApiError &error, const QString &action = QString());

private:
    QLabel *m_label;
};

} // namespace acp::views
