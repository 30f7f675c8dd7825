#pragma once
// PsaLabelEditor: a bulk edit of the Pod Security Admission labels
// (pod-security.kubernetes.io/{enforce,audit,warn}[-version]) of the selected namespaces. Each
// of the six values is "keep" (unchanged), "remove" or a value; edit() turns the choice into a
// models::PsaLabelEdit (validated by the applier before anything is sent). Thread: GUI thread.
#include "models/PssTemplateApplier.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace acp::views {

class PsaLabelEditor : public QWidget {
    Q_OBJECT
public:
    enum Mode { Enforce, Audit, Warn, ModeCount };

    explicit PsaLabelEditor(QWidget *parent = nullptr);

    models::PsaLabelEdit edit() const;
    // Chooses a value ("" = remove; "(keep)" via keep()).
    void setLevel(Mode mode, const QString &level);
    void setVersion(Mode mode, const QString &version);
    void keepAll();

    QComboBox *levelCombo(Mode mode) const { return m_levels[mode]; }
    QComboBox *versionCombo(Mode mode) const { return m_versions[mode]; }
    QPushButton *applyButton() const { return m_apply; }
    // What the edit would set, for the selection ("3 namespaces selected").
    void setTargetsText(const QString &text);

Q_SIGNALS:
    void applyRequested();

private:
    static std::optional<QString> valueOf(const QComboBox *combo);

    QComboBox *m_levels[ModeCount];
    QComboBox *m_versions[ModeCount];
    QLabel *m_targets;
    QPushButton *m_apply;
};

} // namespace acp::views
