#include "views/common/StatusStyle.h"

#include <QApplication>
#include <QHeaderView>
#include <QTableView>
#include <QPainter>

namespace acp::views {

using State = models::ObjectStatus::State;

void StatusStyle::styleTable(QTableView *view, bool multi)
{
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(multi ? QAbstractItemView::ExtendedSelection : QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

bool StatusStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor StatusStyle::color(State state, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (state) {
    case State::Ok: return dark ? QColor(0x4c, 0xc3, 0x6a) : QColor(0x1a, 0x7f, 0x37);
    case State::Completed: return dark ? QColor(0x8b, 0x94, 0x9e) : QColor(0x57, 0x60, 0x6a);
    case State::Pending: return dark ? QColor(0xd2, 0xa8, 0x3b) : QColor(0x9a, 0x67, 0x00);
    case State::Progressing: return dark ? QColor(0x58, 0xa6, 0xff) : QColor(0x09, 0x69, 0xda);
    case State::Warning: return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0xbf, 0x87, 0x00);
    case State::Error: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xcf, 0x22, 0x2e);
    case State::Terminating: return dark ? QColor(0xbc, 0x8c, 0xff) : QColor(0x82, 0x50, 0xdf);
    case State::Unknown: break;
    }
    return palette.color(QPalette::PlaceholderText);
}

StatusDelegate::StatusDelegate(int statusRole, QObject *parent) : QStyledItemDelegate(parent), m_role(statusRole) {}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // A lean paint path: tables repaint often under watch churn, and QStyledItemDelegate lays
    // every cell's text out with QTextLayout and asks the model for ~10 roles. Here: one fill,
    // at most one dot, one drawText, two data() calls.
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
    if (selected)
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::Highlight));
    else if (option.features & QStyleOptionViewItem::Alternate)
        painter->fillRect(option.rect, option.palette.brush(group, QPalette::AlternateBase));
    QRect textRect = option.rect.adjusted(4, 0, -4, 0);
    QColor fg = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    if (index.column() == m_column) {
        const QVariant v = index.data(m_role);
        if (v.isValid()) {
            const State state = State(v.toInt());
            const QColor c = StatusStyle::color(state, option.palette);
            const int d = qMax(6, option.fontMetrics.height() / 2);
            const QRect dot(textRect.left() + 1, option.rect.center().y() - d / 2 + 1, d, d);
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(c);
            painter->drawEllipse(dot);
            painter->restore();
            textRect.setLeft(dot.right() + 6);
            if (!selected && (state == State::Error || state == State::Warning))
                fg = c;
        }
    }
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty() || textRect.width() <= 0)
        return;
    painter->setPen(fg);
    painter->setFont(option.font);
    const QStaticText *st = &shaped(text, option.font);
    if (st->size().width() > textRect.width())   // elide only what does not fit
        st = &shaped(option.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()), option.font);
    const qreal y = textRect.top() + (textRect.height() - st->size().height()) / 2.0;
    painter->drawStaticText(QPointF(textRect.left(), y), *st);
}

const QStaticText &StatusDelegate::shaped(const QString &text, const QFont &font) const
{
    if (font != m_textFont || m_text.size() > kTextCacheLimit) {
        m_text.clear();
        m_textFont = font;
    }
    auto it = m_text.find(text);
    if (it == m_text.end()) {
        QStaticText st(text);
        st.setTextFormat(Qt::PlainText);
        st.setPerformanceHint(QStaticText::AggressiveCaching);
        st.prepare(QTransform(), font);
        it = m_text.insert(text, st);
    }
    return *it;
}

} // namespace acp::views
