#pragma once
// PoliciesPage ("policies", "Pod security"): secure every namespace of a project (or the scope
// bar's namespaces) in one action, knowing beforehand what will break.
//  - Target bar: a project (ACP) or the scope bar's selection -> (cluster, namespace) targets.
//  - Catalog: built-in templates and discovered samples, each described in plain words.
//  - Namespaces: per target, the active templates and their mode, the PSA labels, errors
//    (models::NamespaceSecurity); the selection or "all namespaces" is what actions act on. The
//    selection survives the table's reloads (after every action).
//  - Actions (keyboard first): Preview impact (Ctrl+I) runs models::PssImpactPreview; Apply
//    (Ctrl+Return) is enabled only once the preview of exactly this template and these targets
//    is shown, then runs models::PssTemplateApplier (Enforce/Audit, replace others or not);
//    Remove (Ctrl+D); Set PSA labels (Ctrl+L); Refresh (F5). Apply/Remove are disabled, with
//    the server's reason as tooltip, while the user may not create/delete kyverno.io Policies
//    in a target namespace (models::AccessReviewCache). Per-namespace results go to the Results
//    tab; the first failure also to the page's banner with the server's message.
//  - Policy reports: live PolicyReports of the targets (PolicyReportsView).
// Thread: GUI thread.
#include "models/PssTargets.h"
#include "views/common/Page.h"

#include <QSet>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace acp::models {
class AccessReviewCache;
class NamespaceSecurity;
class PssImpactPreview;
class PssTemplateApplier;
}

namespace acp::views {

class ImpactPreviewView;
class PolicyReportsView;
class PolicyTargetBar;
class PsaLabelEditor;
class TemplateCatalogView;

class PoliciesPage : public Page {
    Q_OBJECT
public:
    explicit PoliciesPage(PageContext *context, QWidget *parent = nullptr);

    // args: {"project": name} chooses the project; none keeps the current target.
    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    QString title() const override;

    // The namespaces the actions act on: all targets, or the selected rows.
    QList<models::PssTarget> actionTargets() const;

    PolicyTargetBar *targetBar() const { return m_targetBar; }
    TemplateCatalogView *catalogView() const { return m_catalog; }
    QTableView *namespaceTable() const { return m_namespaces; }
    models::NamespaceSecurity *security() const { return m_security; }
    ImpactPreviewView *previewView() const { return m_preview; }
    QTableWidget *resultsTable() const { return m_results; }
    QLabel *resultsSummary() const { return m_resultsSummary; }
    PsaLabelEditor *psaEditor() const { return m_psa; }
    PolicyReportsView *reportsView() const { return m_reports; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *modeCombo() const { return m_mode; }
    QCheckBox *replaceCheck() const { return m_replace; }
    QCheckBox *allNamespacesCheck() const { return m_all; }
    QAction *previewAction() const { return m_previewAction; }
    QAction *applyAction() const { return m_applyAction; }
    QAction *removeAction() const { return m_removeAction; }
    QAction *psaAction() const { return m_psaAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    models::PssImpactPreview *previewer() const { return m_previewer; }
    models::PssTemplateApplier *applier() const { return m_applier; }
    // The preview shown is of the current template and action targets (Apply may run).
    bool previewIsCurrent() const;

private:
    QWidget *buildActionBar();
    QWidget *buildTabs();
    void onTargetsChanged(const QList<models::PssTarget> &targets);
    void reloadNamespaces();
    QList<models::PssTarget> selectedTargets() const;
    void restoreSelection();
    // PoliciesPageActions.cpp
    void createActions();
    void updateActions();
    void updateWriteAction(QAction *action, const QString &label, const QString &verb);
    models::AccessReviewCache *cacheFor(const QString &cluster);
    QString previewKey() const;
    void runPreview();
    void applyTemplate();
    void removeTemplate();
    void setPsaLabels();
    void onApplierFinished();

    PolicyTargetBar *m_targetBar;
    TemplateCatalogView *m_catalog;
    models::NamespaceSecurity *m_security;
    QTableView *m_namespaces;
    QComboBox *m_mode;
    QCheckBox *m_replace;
    QCheckBox *m_all;
    QTabWidget *m_tabs;
    ImpactPreviewView *m_preview;
    QTableWidget *m_results;
    QLabel *m_resultsSummary;
    PsaLabelEditor *m_psa;
    PolicyReportsView *m_reports;
    models::PssImpactPreview *m_previewer;
    models::PssTemplateApplier *m_applier;
    QAction *m_previewAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_psaAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QString m_shownPreview;      // previewKey() of the preview on screen ("" = none)
    QString m_runningPreview;    // previewKey() of the preview running
    QString m_runningAction;     // "Apply Baseline (Enforce)", ...
    QSet<QString> m_discovered;  // clusters whose samples were asked for
    QList<models::PssTarget> m_keepSelected;   // selected namespaces across a reload
    QList<models::AccessReviewCache *> m_caches;
};

} // namespace acp::views
