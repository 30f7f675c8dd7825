#include "views/editor/ProblemsList.h"

#include "views/editor/EditorStyle.h"
#include "views/editor/YamlEditor.h"

#include <QHeaderView>
#include <QStyle>

namespace acp::views {

ProblemsList::ProblemsList(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Position"), tr("Problem")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int line = item->data(0, Qt::UserRole).toInt();
        const int column = item->data(0, Qt::UserRole + 1).toInt();
        if (m_editor) {
            m_editor->goToLine(line, column);
            m_editor->setFocus();
        }
        Q_EMIT problemActivated(line, column);
    });
}

void ProblemsList::setEditor(YamlEditor *editor)
{
    if (m_editor)
        disconnect(m_editor, nullptr, this, nullptr);
    m_editor = editor;
    if (m_editor)
        connect(m_editor, &YamlEditor::diagnosticsChanged, this, &ProblemsList::refresh);
    refresh();
}

void ProblemsList::refresh()
{
    clear();
    if (!m_editor)
        return;
    QList<models::YamlDiagnostic> ds = m_editor->diagnostics();
    std::stable_sort(ds.begin(), ds.end(), [](const auto &a, const auto &b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    QList<QTreeWidgetItem *> items;
    for (const models::YamlDiagnostic &d : ds) {
        auto *item = new QTreeWidgetItem({QStringLiteral("%1:%2").arg(d.line).arg(d.column), d.message});
        const QStyle::StandardPixmap icon = d.severity == models::YamlDiagnostic::Severity::Error ? QStyle::SP_MessageBoxCritical
            : d.severity == models::YamlDiagnostic::Severity::Warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation;
        item->setIcon(0, style()->standardIcon(icon));
        item->setData(0, Qt::UserRole, d.line);
        item->setData(0, Qt::UserRole + 1, d.column);
        item->setToolTip(1, d.path.isEmpty() ? d.message : d.path + QStringLiteral("\n") + d.message);
        items.append(item);
    }
    addTopLevelItems(items);
}

QString ProblemsList::summary() const
{
    if (!m_editor || m_editor->diagnostics().isEmpty())
        return tr("No problems");
    int errors = 0, warnings = 0, infos = 0;
    for (const auto &d : m_editor->diagnostics()) {
        errors += d.severity == models::YamlDiagnostic::Severity::Error;
        warnings += d.severity == models::YamlDiagnostic::Severity::Warning;
        infos += d.severity == models::YamlDiagnostic::Severity::Info;
    }
    QStringList parts;
    if (errors)
        parts.append(tr("%n error(s)", nullptr, errors));
    if (warnings)
        parts.append(tr("%n warning(s)", nullptr, warnings));
    if (infos)
        parts.append(tr("%n note(s)", nullptr, infos));
    return parts.join(QStringLiteral(", "));
}

} // namespace acp::views
