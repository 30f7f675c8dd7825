#pragma once
// FieldOwnershipView: which manager owns which fields of an object (its managedFields, through
// models::FieldOwnership): a sortable table (field, manager, operation, API version, time,
// subresource) with a manager filter and a field filter. GUI thread.
#include "models/FieldOwnership.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace acp::views {

class FieldOwnershipView : public QWidget {
    Q_OBJECT
public:
    explicit FieldOwnershipView(QWidget *parent = nullptr);

    void setObject(const QJsonObject &object);
    void setOwnership(const models::FieldOwnership &ownership);
    const models::FieldOwnership &ownership() const { return m_ownership; }
    // "" = all managers.
    void setManagerFilter(const QString &manager);
    void setFieldFilter(const QString &text);
    int visibleRowCount() const;

    QComboBox *managerCombo() const { return m_managers; }
    QLineEdit *filterEdit() const { return m_filter; }
    QTreeWidget *table() const { return m_table; }

private:
    void applyFilter();

    models::FieldOwnership m_ownership;
    QComboBox *m_managers;
    QLineEdit *m_filter;
    QTreeWidget *m_table;
    QLabel *m_status;
};

} // namespace acp::views
