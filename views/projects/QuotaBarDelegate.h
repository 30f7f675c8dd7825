#pragma once
// QuotaBarDelegate: paints a quota cell of ProjectQuotaModel as a usage bar (filled to
// RatioRole, capped at 100 %) in the StatusStyle colour of StateRole (Ok, Warning from 80 %,
// Error from 100 %), with the "used / hard" text over it. Cells without a limit paint as text.
#include <QStyledItemDelegate>

namespace acp::views {

class QuotaBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit QuotaBarDelegate(QObject *parent = nullptr);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace acp::views
