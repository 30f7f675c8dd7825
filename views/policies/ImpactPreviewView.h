#pragma once
// ImpactPreviewView: what a template would block in the target namespaces, before it is applied
// (models::PssImpactPreview): one row per failed field (cluster, namespace, kind, name, pods,
// check, container, field), each problem once at the top-most listed owner with the number of
// its violating pods; then the server's dry-run PodSecurity warnings and any list errors; a
// summary line ("3 workloads and bare pods, 9 running pods"). Thread: GUI thread.
#include "models/PssImpactPreview.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace acp::views {

class ImpactPreviewView : public QWidget {
    Q_OBJECT
public:
    explicit ImpactPreviewView(QWidget *parent = nullptr);

    void showRunning(const QString &what);
    void showResults(const QString &what, const QList<models::PssNamespaceImpact> &results);
    void clear(const QString &why);

    QTableWidget *table() const { return m_table; }
    QPlainTextEdit *warnings() const { return m_warnings; }
    QLabel *summary() const { return m_summary; }

private:
    QLabel *m_summary;
    QTableWidget *m_table;
    QPlainTextEdit *m_warnings;
};

} // namespace acp::views
