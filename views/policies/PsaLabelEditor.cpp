#include "views/policies/PsaLabelEditor.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

namespace acp::views {

namespace {
const QString kKeep = QStringLiteral("(keep)");
const QString kRemove = QStringLiteral("(remove)");
} // namespace

PsaLabelEditor::PsaLabelEditor(QWidget *parent)
    : QWidget(parent), m_targets(new QLabel(this)), m_apply(new QPushButton(tr("Set labels (Ctrl+L)"), this))
{
    auto *grid = new QGridLayout(this);
    const QString names[ModeCount] = {tr("&Enforce"), tr("A&udit"), tr("&Warn")};
    const char *ids[ModeCount] = {"enforce", "audit", "warn"};
    grid->addWidget(new QLabel(tr("<i>Pod Security Admission: the built-in admission checks of every cluster. "
                                  "Enforce rejects violating pods, Audit records them, Warn tells the user.</i>"), this),
                    0, 0, 1, 4);
    grid->addWidget(new QLabel(tr("Level"), this), 1, 1);
    grid->addWidget(new QLabel(tr("Version"), this), 1, 2);
    for (int m = 0; m < ModeCount; ++m) {
        m_levels[m] = new QComboBox(this);
        m_levels[m]->setObjectName(QStringLiteral("%1Level").arg(QLatin1String(ids[m])));
        m_levels[m]->addItems({kKeep, kRemove, QStringLiteral("privileged"), QStringLiteral("baseline"), QStringLiteral("restricted")});
        m_versions[m] = new QComboBox(this);
        m_versions[m]->setObjectName(QStringLiteral("%1Version").arg(QLatin1String(ids[m])));
        m_versions[m]->setEditable(true);
        m_versions[m]->addItems({kKeep, kRemove, QStringLiteral("latest"), QStringLiteral("v1.30"), QStringLiteral("v1.29"),
                                 QStringLiteral("v1.25")});
        auto *label = new QLabel(names[m], this);
        label->setBuddy(m_levels[m]);
        grid->addWidget(label, m + 2, 0);
        grid->addWidget(m_levels[m], m + 2, 1);
        grid->addWidget(m_versions[m], m + 2, 2);
    }
    m_apply->setObjectName(QStringLiteral("psaApplyButton"));
    grid->addWidget(m_targets, ModeCount + 2, 0, 1, 2);
    grid->addWidget(m_apply, ModeCount + 2, 2);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(ModeCount + 3, 1);
    connect(m_apply, &QPushButton::clicked, this, &PsaLabelEditor::applyRequested);
}

std::optional<QString> PsaLabelEditor::valueOf(const QComboBox *combo)
{
    const QString text = combo->currentText().trimmed();
    if (text == kKeep || text.isEmpty())
        return std::nullopt;
    if (text == kRemove)
        return QString();
    return text;
}

models::PsaLabelEdit PsaLabelEditor::edit() const
{
    models::PsaLabelEdit e;
    e.enforce = valueOf(m_levels[Enforce]);
    e.enforceVersion = valueOf(m_versions[Enforce]);
    e.audit = valueOf(m_levels[Audit]);
    e.auditVersion = valueOf(m_versions[Audit]);
    e.warn = valueOf(m_levels[Warn]);
    e.warnVersion = valueOf(m_versions[Warn]);
    return e;
}

void PsaLabelEditor::setLevel(Mode mode, const QString &level)
{
    m_levels[mode]->setCurrentText(level.isEmpty() ? kRemove : level);
}

void PsaLabelEditor::setVersion(Mode mode, const QString &version)
{
    m_versions[mode]->setCurrentText(version.isEmpty() ? kRemove : version);
}

void PsaLabelEditor::keepAll()
{
    for (int m = 0; m < ModeCount; ++m) {
        m_levels[m]->setCurrentText(kKeep);
        m_versions[m]->setCurrentText(kKeep);
    }
}

void PsaLabelEditor::setTargetsText(const QString &text)
{
    m_targets->setText(text);
}

} // namespace acp::views
