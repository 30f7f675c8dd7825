// PoliciesPage: its actions (preview, apply, remove, PSA labels, refresh), their permission
// gating and the handling of their results.
#include "views/policies/PoliciesPage.h"

#include "models/AccessReviewCache.h"
#include "models/ClusterConnection.h"
#include "models/NamespaceSecurity.h"
#include "models/PssImpactPreview.h"
#include "models/PssTemplateApplier.h"
#include "views/policies/ImpactPreviewView.h"
#include "views/policies/PolicyTargetBar.h"
#include "views/policies/PsaLabelEditor.h"
#include "views/policies/TemplateCatalogView.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>

namespace acp::views {

namespace {

QAction *makeAction(const QString &text, const QKeySequence &key, const QString &name, QWidget *page)
{
    auto *a = new QAction(text, page);
    a->setObjectName(name);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    page->addAction(a);
    return a;
}

QString targetsText(const QList<models::PssTarget> &targets)
{
    QStringList names;
    for (const models::PssTarget &t : targets)
        names << t.cluster + QLatin1Char('/') + t.namespaceName;
    return names.join(QStringLiteral(", "));
}

} // namespace

void PoliciesPage::createActions()
{
    m_previewAction = makeAction(tr("Preview impact"), QKeySequence(Qt::CTRL | Qt::Key_I), QStringLiteral("previewAction"), this);
    m_applyAction = makeAction(tr("Apply template"), QKeySequence(Qt::CTRL | Qt::Key_Return), QStringLiteral("applyAction"), this);
    m_removeAction = makeAction(tr("Remove template"), QKeySequence(Qt::CTRL | Qt::Key_D), QStringLiteral("removeAction"), this);
    m_psaAction = makeAction(tr("Set PSA labels"), QKeySequence(Qt::CTRL | Qt::Key_L), QStringLiteral("psaAction"), this);
    m_refreshAction = makeAction(tr("Refresh"), QKeySequence(Qt::Key_F5), QStringLiteral("refreshAction"), this);
    auto *bar = findChild<QWidget *>(QStringLiteral("policyActionBar"));
    auto *layout = qobject_cast<QHBoxLayout *>(bar->layout());
    int at = 0;
    for (QAction *a : {m_previewAction, m_applyAction, m_removeAction, m_refreshAction}) {
        auto *button = new QToolButton(bar);
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        layout->insertWidget(at++, button);
    }
    connect(m_previewAction, &QAction::triggered, this, &PoliciesPage::runPreview);
    connect(m_applyAction, &QAction::triggered, this, &PoliciesPage::applyTemplate);
    connect(m_removeAction, &QAction::triggered, this, &PoliciesPage::removeTemplate);
    connect(m_psaAction, &QAction::triggered, this, &PoliciesPage::setPsaLabels);
    connect(m_psa, &PsaLabelEditor::applyRequested, this, &PoliciesPage::setPsaLabels);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        clearError();
        m_targetBar->refresh();
        reloadNamespaces();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, &PoliciesPage::updateActions);
    updateActions();
}

models::AccessReviewCache *PoliciesPage::cacheFor(const QString &cluster)
{
    models::AccessReviewCache *cache = models::AccessReviewCache::of(fleet()->connection(cluster));
    if (cache && !m_caches.contains(cache)) {
        m_caches.append(cache);
        connect(cache, &models::AccessReviewCache::answered, this, &PoliciesPage::updateActions);
    }
    return cache;
}

QString PoliciesPage::previewKey() const
{
    const auto t = m_catalog->currentTemplate();
    if (!t)
        return QString();
    return t->cluster + QLatin1Char('/') + t->name + QLatin1Char('|') + targetsText(actionTargets());
}

bool PoliciesPage::previewIsCurrent() const
{
    return !m_shownPreview.isEmpty() && m_shownPreview == previewKey() && !m_previewer->isRunning();
}

void PoliciesPage::updateActions()
{
    if (!m_previewAction)
        return;
    const QList<models::PssTarget> targets = actionTargets();
    const auto t = m_catalog->currentTemplate();
    const bool busy = m_applier->isRunning();
    QString why;
    if (targets.isEmpty())
        why = m_all->isChecked() ? tr("the target has no namespaces") : tr("select namespaces first");
    else if (!t)
        why = tr("choose a template first");
    m_previewAction->setEnabled(why.isEmpty() && !m_previewer->isRunning());
    m_previewAction->setToolTip(why.isEmpty() ? tr("Preview impact (Ctrl+I): what the template would block")
                                              : tr("Preview impact: %1").arg(why));
    updateWriteAction(m_applyAction, tr("Apply template"), QStringLiteral("create"));
    updateWriteAction(m_removeAction, tr("Remove template"), QStringLiteral("delete"));
    const bool canEditPsa = !targets.isEmpty() && !busy;
    m_psaAction->setEnabled(canEditPsa);
    m_psa->applyButton()->setEnabled(canEditPsa);
    m_psa->setTargetsText(targets.isEmpty() ? tr("No namespaces selected.")
                                            : tr("Applies to %n namespace(s).", nullptr, int(targets.size())));
}

void PoliciesPage::updateWriteAction(QAction *action, const QString &label, const QString &verb)
{
    const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
    auto set = [&](bool enabled, const QString &why) {
        action->setEnabled(enabled);
        action->setToolTip(enabled ? QStringLiteral("%1 (%2)").arg(label, shortcut) : QStringLiteral("%1: %2").arg(label, why));
    };
    const QList<models::PssTarget> targets = actionTargets();
    if (m_applier->isRunning())
        return set(false, tr("%1 is running").arg(m_runningAction));
    if (targets.isEmpty())
        return set(false, m_all->isChecked() ? tr("the target has no namespaces") : tr("select namespaces first"));
    if (!m_catalog->currentTemplate())
        return set(false, tr("choose a template first"));
    if (action == m_applyAction && !previewIsCurrent())
        return set(false, m_previewer->isRunning() ? tr("the impact preview is running")
                                                   : tr("preview the impact first (%1)").arg(m_previewAction->shortcut().toString(QKeySequence::NativeText)));
    QStringList denied;
    bool pending = false;
    for (const models::PssTarget &t : targets) {
        models::AccessReviewCache *cache = cacheFor(t.cluster);
        if (!cache) {
            denied << tr("%1 is not connected").arg(t.cluster);
            continue;
        }
        const models::AccessQuestion q{verb, QStringLiteral("kyverno.io"), QStringLiteral("policies"), QString(), t.namespaceName, QString()};
        const models::AccessAnswer a = cache->answer(q);
        if (!a.isKnown())
            pending = true;
        else if (!a.isAllowed())
            denied << QStringLiteral("%1: %2").arg(t.cluster, cache->explain(q));
    }
    if (!denied.isEmpty())
        return set(false, denied.join(QLatin1Char('\n')));
    if (pending)
        return set(false, tr("checking permission…"));
    set(true, QString());
}

void PoliciesPage::runPreview()
{
    const auto t = m_catalog->currentTemplate();
    const QList<models::PssTarget> targets = actionTargets();
    if (!t || targets.isEmpty() || m_previewer->isRunning())
        return;
    m_tabs->setCurrentWidget(m_preview);
    m_runningPreview = previewKey();
    if (!t->level) {
        m_shownPreview = m_runningPreview;
        m_preview->clear(tr("%1 has no Pod Security level to evaluate; its rules are checked by Kyverno at admission.").arg(t->title));
        updateActions();
        return;
    }
    m_shownPreview.clear();
    m_preview->showRunning(t->title);
    m_previewer->run(*t->level, models::PssVersion{}, targets, t->extraChecks);
    updateActions();
}

void PoliciesPage::applyTemplate()
{
    const auto t = m_catalog->currentTemplate();
    if (!t || !m_applyAction->isEnabled())
        return;
    const auto mode = models::PssMode(m_mode->currentData().toInt());
    m_runningAction = tr("Apply %1 (%2)").arg(t->title, models::PssTemplateCatalog::modeName(mode));
    clearError();
    m_applier->apply(*t, mode, actionTargets(), m_replace->isChecked());
    m_resultsSummary->setText(tr("%1 to %2…").arg(m_runningAction, targetsText(actionTargets())));
    m_tabs->setCurrentIndex(1);
    updateActions();
}

void PoliciesPage::removeTemplate()
{
    const auto t = m_catalog->currentTemplate();
    if (!t || !m_removeAction->isEnabled())
        return;
    m_runningAction = tr("Remove %1").arg(t->title);
    clearError();
    m_applier->remove(models::PssTemplateCatalog::templateId(*t), actionTargets());
    m_resultsSummary->setText(tr("%1 from %2…").arg(m_runningAction, targetsText(actionTargets())));
    m_tabs->setCurrentIndex(1);
    updateActions();
}

void PoliciesPage::setPsaLabels()
{
    const QList<models::PssTarget> targets = actionTargets();
    if (targets.isEmpty() || m_applier->isRunning())
        return;
    m_tabs->setCurrentWidget(m_psa);
    clearError();
    m_runningAction = tr("Set PSA labels");
    if (const auto invalid = m_applier->setPsaLabels(m_psa->edit(), targets)) {
        showError(*invalid, m_runningAction);
        return;
    }
    m_resultsSummary->setText(tr("%1 on %2…").arg(m_runningAction, targetsText(targets)));
    updateActions();
}

void PoliciesPage::onApplierFinished()
{
    const QList<models::PssApplyResult> results = m_applier->results();
    m_results->setRowCount(0);
    std::optional<api::ApiError> firstError;
    int failed = 0;
    for (const models::PssApplyResult &r : results) {
        const int row = m_results->rowCount();
        m_results->insertRow(row);
        QStringList details;
        if (r.error) {
            details << r.error->message;
            if (!firstError)
                firstError = r.error;
            ++failed;
        }
        if (!r.deletedPolicies.isEmpty())
            details << tr("replaced: %1").arg(r.deletedPolicies.join(QStringLiteral(", ")));
        details << r.warnings;
        const QStringList cells{r.target.cluster, r.target.namespaceName, models::PssApplyResult::outcomeName(r.outcome),
                                details.join(QStringLiteral("; "))};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            item->setToolTip(cells.last());
            m_results->setItem(row, c, item);
        }
    }
    for (int c = 0; c < 3; ++c)
        m_results->resizeColumnToContents(c);
    m_resultsSummary->setText(failed == 0 ? tr("%1: done in %n namespace(s).", nullptr, int(results.size())).arg(m_runningAction)
                                          : tr("%1: %2 of %n namespace(s) failed.", nullptr, int(results.size())).arg(m_runningAction).arg(failed));
    m_tabs->setCurrentIndex(1);
    if (firstError)
        showError(*firstError, m_runningAction);
    reloadNamespaces();
    updateActions();
}

} // namespace acp::views
