#include "views/policies/ImpactPreviewView.h"

#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace acp::views {

ImpactPreviewView::ImpactPreviewView(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(0, 8, this)), m_warnings(new QPlainTextEdit(this))
{
    m_summary->setObjectName(QStringLiteral("previewSummary"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("previewTable"));
    m_table->setHorizontalHeaderLabels({tr("Cluster"), tr("Namespace"), tr("Kind"), tr("Name"), tr("Pods"), tr("Check"), tr("Container"), tr("Field")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->horizontalHeaderItem(4)->setToolTip(tr("Running pods of this object (itself, for a bare pod) that violate the level"));
    m_warnings->setObjectName(QStringLiteral("previewWarnings"));
    m_warnings->setReadOnly(true);
    m_warnings->setPlaceholderText(tr("The server's warnings for the equivalent Pod Security Admission label change appear here."));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_warnings);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    clear(tr("Choose a template and press Preview impact (Ctrl+I) to see what it would block."));
}

void ImpactPreviewView::clear(const QString &why)
{
    m_table->setRowCount(0);
    m_warnings->clear();
    m_summary->setText(why);
}

void ImpactPreviewView::showRunning(const QString &what)
{
    clear(tr("Evaluating %1 against the pods and workloads of the target namespaces…").arg(what));
}

void ImpactPreviewView::showResults(const QString &what, const QList<models::PssNamespaceImpact> &results)
{
    m_table->setRowCount(0);
    QStringList warnings;
    int evaluated = 0, blocked = 0, pods = 0, errors = 0;
    for (const models::PssNamespaceImpact &r : results) {
        evaluated += r.evaluated;
        blocked += r.blocked;
        pods += r.affectedPods;
        for (const models::PssImpactItem &i : r.items) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            const QStringList cells{i.target.cluster, i.target.namespaceName, i.kind, i.name, QString::number(i.pods), i.check,
                                    i.container.isEmpty() ? tr("(pod)") : i.container, i.field};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (c == 4)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(row, c, item);
            }
        }
        const QString where = r.target.cluster + QLatin1Char('/') + r.target.namespaceName;
        for (const QString &w : r.dryRunWarnings)
            warnings << QStringLiteral("%1: %2").arg(where, w);
        for (const api::ApiError &e : r.errors) {
            warnings << tr("%1: could not evaluate: %2").arg(where, e.message);
            ++errors;
        }
    }
    m_table->resizeColumnsToContents();
    QString text = evaluated == 0 && errors > 0
        ? tr("%1 could not be previewed: the pods and workloads of the target namespaces could not be listed (see below).").arg(what)
        : blocked == 0 ? tr("%1 would block nothing: none of the %n pod(s) and workload(s) in %2 namespace(s) violates it.", nullptr, evaluated)
                                      .arg(what).arg(results.size())
                                : tr("%1 would block %n workload(s) and bare pod(s)", nullptr, blocked).arg(what)
                                      + tr(" in %n namespace(s)", nullptr, int(results.size()))
                                      + tr("; %n running pod(s) violate it.", nullptr, pods)
                                      + tr(" Each problem is listed once, at the top-most owner.");
    if (errors > 0 && evaluated > 0)
        text += tr(" %n part(s) could not be evaluated (see below).", nullptr, errors);
    m_summary->setText(text);
    m_warnings->setPlainText(warnings.join(QLatin1Char('\n')));
}

} // namespace acp::views
