#include "views/common/StatusStyle.h"

#include <QApplication>
#include <QPainter>

namespace acp::views {

using State = models::ObjectStatus::State;

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
    if (index.column() != m_column) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QVariant v = index.data(m_role);
    if (!v.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const State state = State(v.toInt());
    const QColor c = StatusStyle::color(state, option.palette);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection
    const int d = qMax(6, opt.fontMetrics.height() / 2);
    const QRect dot(opt.rect.left() + 5, opt.rect.center().y() - d / 2 + 1, d, d);
    const QRect textRect = opt.rect.adjusted(d + 10, 0, -2, 0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(c);
    painter->drawEllipse(dot);
    const bool selected = opt.state & QStyle::State_Selected;
    QColor fg = selected ? opt.palette.color(QPalette::HighlightedText) : opt.palette.color(QPalette::Text);
    if (!selected && (state == State::Error || state == State::Warning))
        fg = c;
    painter->setPen(fg);
    painter->setFont(opt.font);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

} // namespace acp::views
