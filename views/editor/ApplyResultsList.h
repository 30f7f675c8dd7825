#pragma once
// ApplyResultsList: one row per applied document: kind/name, the action ("created",
// "serverside-applied (server dry run)") or the server's error, the warnings, and the document's
// start line; activating a row emits documentActivated(line) (the editor goes there).
// Thread: GUI thread.
#include "models/ApplyTypes.h"

#include <QTreeWidget>

namespace acp::views {

class ApplyResultsList : public QTreeWidget {
    Q_OBJECT
public:
    explicit ApplyResultsList(QWidget *parent = nullptr);

    void setResults(const QList<models::ApplyResult> &results);
    const QList<models::ApplyResult> &results() const { return m_results; }
    int failures() const;
    QString summary() const;   // "2 applied, 1 failed"

Q_SIGNALS:
    void documentActivated(int line);

private:
    QList<models::ApplyResult> m_results;
};

} // namespace acp::views
