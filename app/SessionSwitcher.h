#pragma once
// SessionSwitcher ("Session > Switch session", and the scope bar's session button): lists the
// ACP sessions of the console's kubeconfig (AcpSessions::sessions, `ac`-compatible) and, under
// "Kubeconfig contexts", the contexts that belong to no session. Choosing one emits chosen()
// with the kubeconfig context to open (for a session: its current context, else its first
// non-global cluster, as `ac session use` picks). The kubeconfig is only read.
// Thread: GUI thread.
#include "api/Kubeconfig.h"

#include <QDialog>

class QLabel;
class QListWidget;

namespace acp::app {

class SessionSwitcher : public QDialog {
    Q_OBJECT
public:
    struct Choice {
        QString label;      // what the list shows
        QString context;    // the context to open; "" for a heading
        QString session;    // the session name ("" for plain contexts)
    };

    // `currentTitle` marks the workspace shown now (a session name, or "kubeconfig").
    SessionSwitcher(const api::KubeconfigLoadOptions &kubeconfig, const QString &currentTitle, QWidget *parent = nullptr);

    QList<Choice> choices() const { return m_choices; }
    QListWidget *list() const { return m_list; }
    // Chooses the entry of session `name` (or plain context `name`) as a double click does.
    bool choose(const QString &name);

    // The choices of a kubeconfig (sessions first, then plain contexts). Public for tests.
    static QList<Choice> choicesOf(const api::Kubeconfig &config);

Q_SIGNALS:
    void chosen(const QString &context);

private:
    void chooseRow(int row);

    QList<Choice> m_choices;
    QListWidget *m_list;
    QLabel *m_error;
};

} // namespace acp::app
