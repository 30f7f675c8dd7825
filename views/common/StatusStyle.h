#pragma once
// StatusStyle: the colours of semantic states (models return ObjectStatus::State, views pick the
// colour here: DESIGN.md rule 1), readable on light and dark palettes; and StatusDelegate, which
// paints a table's STATUS column (or any column) as a coloured dot plus text.
#include "models/ObjectStatus.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QPalette>
#include <QStyledItemDelegate>

class QTableView;

namespace acp::views {

class StatusStyle {
public:
    // The console's table look: sortable, whole-row selection (`multi`: extended), no grid,
    // alternating rows, single-line cells, no row numbers, left-aligned headers, compact rows.
    static void styleTable(QTableView *view, bool multi = false);
    static QColor color(models::ObjectStatus::State state, const QPalette &palette);
    static bool isDark(const QPalette &palette);
};

// Paints table cells (single-line text, elided when too wide) and, in `statusColumn`, a dot in
// the colour of the row's state (`statusRole`, e.g. ResourceTableModel::StatusRole) before the
// text, Error/Warning text tinted. A lean paint path for live tables (no QTextLayout per cell).
class StatusDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit StatusDelegate(int statusRole, QObject *parent = nullptr);
    void setStatusColumn(int column) { m_column = column; }
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    // Shaped text per string (QStaticText: laid out once, drawn from cached glyphs). Visible
    // cells repeat between repaints, so a small cache hits almost always; cleared when it grows
    // past kTextCacheLimit or the font changes.
    const QStaticText &shaped(const QString &text, const QFont &font) const;
    static constexpr int kTextCacheLimit = 4096;
    int m_role;
    int m_column = -1;
    mutable QHash<QString, QStaticText> m_text;
    mutable QFont m_textFont;
};

} // namespace acp::views
