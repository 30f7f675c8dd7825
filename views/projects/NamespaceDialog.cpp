#include "views/projects/NamespaceDialog.h"

#include "api/ApiError.h"
#include "views/common/StatusStyle.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace acp::views {

using models::ProjectSpec;

NamespaceDialog::NamespaceDialog(const QString &project, const QStringList &clusters, Submit submit, QWidget *parent)
    : QDialog(parent), m_project(project), m_submit(std::move(submit))
{
    setWindowTitle(tr("Create namespace in project %1").arg(project));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_cluster = new QComboBox(this);
    m_cluster->addItems(clusters);
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(project + QStringLiteral("-dev"));
    form->addRow(tr("&Cluster"), m_cluster);
    form->addRow(tr("&Name"), m_name);
    for (const char *mode : {"enforce", "audit", "warn"}) {
        auto *combo = new QComboBox(this);
        combo->addItems({QStringLiteral("restricted"), QStringLiteral("baseline"), QStringLiteral("privileged")});
        combo->setToolTip(tr("Label pod-security.kubernetes.io/%1").arg(QLatin1String(mode)));
        m_levels.insert(QLatin1String(mode), combo);
        form->addRow(tr("Pod Security %1").arg(QLatin1String(mode)), combo);
    }
    layout->addLayout(form);

    m_quotaBox = new QGroupBox(tr("Resource &quota"), this);
    m_quotaBox->setCheckable(true);
    m_quotaBox->setChecked(false);
    auto *qg = new QGridLayout(m_quotaBox);
    int i = 0;
    for (const ProjectSpec::QuotaKey &k : ProjectSpec::quotaKeys()) {
        auto *edit = new QLineEdit(m_quotaBox);
        edit->setPlaceholderText(k.hint);
        m_quota.insert(k.name, edit);
        qg->addWidget(new QLabel(k.label, m_quotaBox), i / 2, (i % 2) * 2);
        qg->addWidget(edit, i / 2, (i % 2) * 2 + 1);
        ++i;
    }
    layout->addWidget(m_quotaBox);

    m_limitBox = new QGroupBox(tr("&Limit range (container defaults)"), this);
    m_limitBox->setCheckable(true);
    m_limitBox->setChecked(false);
    auto *lg = new QGridLayout(m_limitBox);
    const QList<QPair<QString, QString>> limits{{QStringLiteral("defaultRequest.cpu"), tr("Default CPU request")},
                                               {QStringLiteral("default.cpu"), tr("Default CPU limit")},
                                               {QStringLiteral("defaultRequest.memory"), tr("Default memory request")},
                                               {QStringLiteral("default.memory"), tr("Default memory limit")}};
    i = 0;
    for (const auto &[key, label] : limits) {
        auto *edit = new QLineEdit(m_limitBox);
        edit->setPlaceholderText(key.endsWith(QLatin1String("cpu")) ? QStringLiteral("100m") : QStringLiteral("128Mi"));
        m_limits.insert(key, edit);
        lg->addWidget(new QLabel(label, m_limitBox), i / 2, (i % 2) * 2);
        lg->addWidget(edit, i / 2, (i % 2) * 2 + 1);
        ++i;
    }
    layout->addWidget(m_limitBox);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Create"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NamespaceDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString NamespaceDialog::cluster() const
{
    return m_cluster->currentText();
}

models::ProjectNamespaceSpec NamespaceDialog::spec() const
{
    models::ProjectNamespaceSpec s;
    s.project = m_project;
    s.name = m_name->text().trimmed();
    s.enforce = m_levels.value(QStringLiteral("enforce"))->currentText();
    s.audit = m_levels.value(QStringLiteral("audit"))->currentText();
    s.warn = m_levels.value(QStringLiteral("warn"))->currentText();
    if (m_quotaBox->isChecked())
        for (auto it = m_quota.begin(); it != m_quota.end(); ++it)
            if (!it.value()->text().trimmed().isEmpty())
                s.quota.insert(it.key(), it.value()->text().trimmed());
    s.withLimitRange = m_limitBox->isChecked();
    if (s.withLimitRange)
        for (auto it = m_limits.begin(); it != m_limits.end(); ++it) {
            const QString v = it.value()->text().trimmed();
            if (v.isEmpty())
                continue;
            const QString resource = it.key().section(QLatin1Char('.'), 1);
            (it.key().startsWith(QLatin1String("defaultRequest")) ? s.limitDefaultRequest : s.limitDefault).insert(resource, v);
        }
    return s;
}

void NamespaceDialog::submit()
{
    const models::ProjectNamespaceSpec s = spec();
    auto show = [this](const QString &text) {
        QPalette p = m_message->palette();
        p.setColor(QPalette::WindowText, StatusStyle::color(models::ObjectStatus::Error, palette()));
        m_message->setPalette(p);
        m_message->setText(text);
        m_message->setVisible(!text.isEmpty());
    };
    std::optional<QString> problem = s.validate();
    if (!problem && cluster().isEmpty())
        problem = tr("The project has no cluster to create the namespace in.");
    if (!problem && m_quotaBox->isChecked() && s.quota.isEmpty())
        problem = tr("Enter at least one quota value, or uncheck the resource quota.");
    if (!problem && s.withLimitRange && s.limitDefault.isEmpty() && s.limitDefaultRequest.isEmpty())
        problem = tr("Enter at least one default, or uncheck the limit range.");
    if (problem) {
        show(*problem);
        return;
    }
    show(QString());
    m_ok->setEnabled(false);
    m_submit(cluster(), s, [this, self = QPointer(this), show](const std::optional<api::ApiError> &error) {
        if (!self)
            return;   // closed meanwhile
        m_ok->setEnabled(true);
        if (error) {
            show(error->message);
            return;
        }
        accept();
    });
}

} // namespace acp::views
