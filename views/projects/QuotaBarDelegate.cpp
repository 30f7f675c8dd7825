#include "views/projects/QuotaBarDelegate.h"

#include "models/ProjectQuotaModel.h"
#include "views/common/StatusStyle.h"

#include <QApplication>
#include <QPainter>

namespace acp::views {

QuotaBarDelegate::QuotaBarDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const double ratio = index.data(models::ProjectQuotaModel::RatioRole).toDouble();
    if (index.column() == 0 || !index.data(models::ProjectQuotaModel::RatioRole).isValid() || ratio < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const auto state = models::ObjectStatus::State(index.data(models::ProjectQuotaModel::StateRole).toInt());
    const QColor color = StatusStyle::color(state, opt.palette);
    const QRect track = opt.rect.adjusted(4, opt.rect.height() - 7, -4, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor trackColor = opt.palette.color(QPalette::Mid);
    trackColor.setAlpha(90);
    painter->setBrush(trackColor);
    painter->drawRoundedRect(track, 2, 2);
    QRect fill = track;
    fill.setWidth(int(track.width() * qBound(0.0, ratio, 1.0)));
    if (fill.width() > 0) {
        painter->setBrush(color);
        painter->drawRoundedRect(fill, 2, 2);
    }
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText)
                             : state >= models::ObjectStatus::Warning ? color : opt.palette.color(QPalette::Text));
    const QRect textRect = opt.rect.adjusted(4, 1, -4, -8);
    painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);
    painter->restore();
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setHeight(s.height() + 8);
    s.setWidth(qMax(s.width() + 8, 110));
    return s;
}

} // namespace acp::views
