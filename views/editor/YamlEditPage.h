#pragma once
// YamlEditPage ("yaml"): edit a live object or create objects from YAML, on one cluster.
//
// openPage("yaml", {cluster, group, version, resource, namespace, name}) GETs the object and
// shows it in a YamlEditor (managedFields and status folded, visible and read-only); {cluster,
// namespace, mode: "create"} (or no args: the scope) starts Create from YAML. The text is
// validated against the cluster's schemas as you type (YamlValidationService: diagnostics,
// problems list, completion, hover). Diff (live vs the server-side dry-run of the edit), Dry run
// (the resulting object and every admission warning) and Apply go through models::ApplyEngine:
// server-side apply as fieldManager acp-console (409 conflicts -> ConflictDialog: Force or Drop
// the fields; fields acp-console itself set with Create or Replace are taken over without
// asking), or Replace with the resourceVersion the edit started from (409 -> three-way merge
// of edit / base / server's current; applying the merge retries with the current version).
// Create applies every document (Create or server-side apply) and lists a result per document;
// failures keep the text.
//
// Secrets open decoded (SecretCodec) and masked until Reveal; they are re-encoded before any
// request. Values are never logged.
//
// Drafts (DraftBar over models::DraftStore): every edit is autosaved (debounced 1 s, and when the
// page goes or opens another object) per (workspace, cluster, object or "new"); opening an object
// with a draft offers Restore/Discard; a successful apply discards it, a failed one keeps it. The
// page is reused by the main window: switching pages keeps the text.
//
// A new text's validation starts before the editor loads it (the text as given, not copied out
// of the document; relabelled with the editor's revision after the load), and the editor's idle
// highlighting is held until its first diagnostics arrive (2 s at most). Thread: GUI thread.
#include "models/ApplyTypes.h"
#include "models/DraftStore.h"
#include "views/common/Page.h"
#include "views/editor/ConflictDialog.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;
class QToolBar;

namespace acp::models {
class ApplyEngine;
class YamlValidationService;
}

namespace acp::views {

class ApplyResultsList;
class DraftBar;
class DiffView;
class FieldOwnershipView;
class ProblemsList;
class ThreeWayMergeView;
class YamlEditor;

class YamlEditPage : public Page {
    Q_OBJECT
public:
    struct Target {
        QString cluster, group, version, resource, namespaceName, name;
        bool create = false;
        bool operator==(const Target &o) const = default;
        QString objectRef() const;   // DraftKey::objectRef or "new"
    };

    explicit YamlEditPage(PageContext *context, QWidget *parent = nullptr);
    ~YamlEditPage() override;

    void activate(const QVariantMap &args) override;
    QVariantMap currentArgs() const override;
    QString title() const override;

    const Target &target() const { return m_target; }
    // The text as the user edited it (decoded, unmasked for Secrets).
    QString editedText() const;
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QJsonObject liveObject() const { return m_live; }
    QString baseResourceVersion() const { return m_baseRV; }

    // Actions (also toolbar buttons and shortcuts).
    void diff();
    void dryRun();
    void apply();
    void applyMerged();            // the three-way merge result, Replace with the current version
    void reload();                 // the object again from the server (the edit is kept as a draft)
    void setRevealed(bool revealed);
    void setReplaceMode(bool replace);   // live objects: PUT instead of server-side apply
    void setCreateMode(bool serverSide); // create: POST or server-side apply
    void restoreDraft();
    void discardDraft();
    void saveDraftNow();

    YamlEditor *editor() const { return m_editor; }
    ProblemsList *problems() const { return m_problems; }
    DiffView *diffView() const { return m_diffView; }
    YamlEditor *dryRunView() const { return m_dryRunView; }
    QListWidget *warningsList() const { return m_warnings; }
    ApplyResultsList *results() const { return m_results; }
    FieldOwnershipView *ownership() const { return m_ownership; }
    ThreeWayMergeView *mergeView() const { return m_merge; }
    QTabWidget *tabs() const { return m_tabs; }
    DraftBar *draftBar() const { return m_draftBar; }
    ConflictDialog *conflictDialog() const { return m_conflictDialog; }
    QComboBox *clusterChooser() const { return m_cluster; }
    QComboBox *namespaceChooser() const { return m_namespace; }
    QComboBox *modeChooser() const { return m_mode; }
    QAction *revealAction() const { return m_reveal; }
    QAction *dockerSecretAction() const { return m_docker; }
    QLabel *infoLabel() const { return m_info; }
    models::DraftStore *drafts() const;
    models::YamlValidationService *validation() const { return m_validation; }

Q_SIGNALS:
    void loaded(bool ok);                                 // the live object arrived (or failed)
    void finished(const QString &operation, bool ok);     // "diff", "dryrun", "apply", "create"
    void conflictDialogShown();

private:
    // YamlEditPageUi.cpp
    void buildUi();
    QWidget *buildHeader();
    QTabWidget *buildTabs();
    void buildActions();
    void connectValidation();
    Target targetFrom(const QVariantMap &args) const;
    void open(const Target &target);
    void connectCluster(const QString &cluster);
    void load();
    void showObject(const QJsonObject &object, bool replace);
    QString displayText(const QJsonObject &object, QStringList *binaryKeys = nullptr) const;
    static QString maskedText(const QString &text);
    void setEditorText(const QString &text, bool replace);
    void updateInfo();
    void updateModes();
    void onTextEdited();
    void onDiagnostics(int revision);

    // Drafts (DraftBar)
    bool isDirty() const;
    void offerDraft();

    // YamlEditPageApply.cpp
    std::optional<QList<models::ApplyDocument>> documents(bool forServerSideApply);
    models::ApplyOptions options(bool dryRun) const;
    void runApply(bool dryRun);
    void onApplied(const api::Result<QList<models::ApplyResult>> &results, bool dryRun);
    void onLiveApplied(const models::ApplyResult &result);
    bool ownFieldsOnly(const models::ApplyResult &failed) const;   // every conflict is with acp-console itself
    void showConflicts(const models::ApplyResult &failed);
    void showMerge(const models::ApplyResult &failed);
    void showDryRun(const QList<models::ApplyResult> &results);
    void setBusy(bool busy);
    void insertDockerSecret();

    Target m_target;
    int m_serial = 0;              // open() count: late answers of an earlier open are dropped
    bool m_opened = false;
    bool m_closing = false;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_replace = false;
    bool m_createServerSide = false;
    QJsonObject m_live;            // the server's object the edit is based on (encoded)
    QString m_baseRV;
    QString m_loadedText;          // the text as loaded (decoded): dirty = differs
    bool m_isSecret = false;
    bool m_revealed = false;
    QString m_secretText;          // the real text while the editor shows it masked
    QStringList m_binaryKeys;
    QJsonObject m_mergeCurrent;    // Replace 409: the server's current object

    models::ApplyEngine *m_engine = nullptr;
    models::YamlValidationService *m_validation;
    QTimer m_validateTimer;   // typing: the text goes to validation once per pause, not per key
    QTimer m_highlightHold;   // releases the editor's held idle highlighting if no diagnostics come

    QLabel *m_heading = nullptr;
    QComboBox *m_cluster = nullptr;
    QComboBox *m_namespace = nullptr;
    QComboBox *m_mode = nullptr;
    QLabel *m_info = nullptr;
    QToolBar *m_toolbar = nullptr;
    QAction *m_diffAction = nullptr;
    QAction *m_dryRunAction = nullptr;
    QAction *m_applyAction = nullptr;
    QAction *m_reveal = nullptr;
    QAction *m_docker = nullptr;
    QAction *m_unified = nullptr;
    QAction *m_reload = nullptr;
    DraftBar *m_draftBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    YamlEditor *m_editor = nullptr;
    ProblemsList *m_problems = nullptr;
    DiffView *m_diffView = nullptr;
    YamlEditor *m_dryRunView = nullptr;
    QListWidget *m_warnings = nullptr;
    ApplyResultsList *m_results = nullptr;
    FieldOwnershipView *m_ownership = nullptr;
    ThreeWayMergeView *m_merge = nullptr;
    QPointer<ConflictDialog> m_conflictDialog;
};

} // namespace acp::views
