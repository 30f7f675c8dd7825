// YamlEditPage: its widgets, toolbar actions and the wiring of validation (diagnostics,
// completion, hover) to the editor.
#include "views/editor/YamlEditPage.h"

#include "models/YamlValidationService.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/DiffView.h"
#include "views/editor/DraftBar.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ProblemsList.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditor.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace acp::views {

void YamlEditPage::connectValidation()
{
    // Copying the text out of the document costs milliseconds on big files: once per typing
    // pause, not per key (validation takes longer than the pause anyway).
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(120);
    connect(&m_validateTimer, &QTimer::timeout, this, [this] {
        if (quint64(m_validation->revision()) != m_editor->revision())
            m_validation->setText(m_editor->text(), int(m_editor->revision()));
    });
    // A new text's idle highlighting waits for its first diagnostics (at most 2 s).
    m_highlightHold.setSingleShot(true);
    m_highlightHold.setInterval(2000);
    connect(&m_highlightHold, &QTimer::timeout, this, [this] { m_editor->holdBackgroundHighlighting(false); });
    connect(m_validation, &models::YamlValidationService::diagnosticsReady, this,
            [this](int revision, const QList<models::YamlDiagnostic> &diagnostics) {
        m_highlightHold.stop();
        m_editor->holdBackgroundHighlighting(false);
        if (quint64(revision) == m_editor->revision())
            m_editor->setDiagnostics(diagnostics);
    });
    // Completion and hover answer for the editor's text as it is now (typed since the last
    // validation pause: that text becomes the service's latest).
    auto catchUp = [this](const QString &text) {
        if (quint64(m_validation->revision()) != m_editor->revision()) {
            m_validateTimer.stop();
            m_validation->setText(text, int(m_editor->revision()));
        }
    };
    m_editor->setCompletionProvider([this, catchUp](const QString &text, int line, int column) {
        catchUp(text);
        return m_validation->completions(line, column);
    });
    m_editor->setDocumentationProvider([this, catchUp](const QString &text, int line, int column) {
        catchUp(text);
        const std::optional<models::YamlCompletion> doc = m_validation->documentation(line, column);
        if (!doc)
            return QString();
        QString html = QStringLiteral("<b>%1</b> <i>%2</i>%3").arg(doc->text.toHtmlEscaped(), doc->detail.toHtmlEscaped(),
                                                                 doc->required ? tr(" (required)") : QString());
        if (!doc->documentation.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(doc->documentation.toHtmlEscaped());
        return html;
    });
}

void YamlEditPage::buildUi()
{
    contentLayout()->addWidget(buildHeader());
    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("yamlActions"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    contentLayout()->addWidget(m_toolbar);
    buildActions();

    m_draftBar = new DraftBar(this);
    connect(m_draftBar, &DraftBar::restoreClicked, this, &YamlEditPage::restoreDraft);
    connect(m_draftBar, &DraftBar::saveDue, this, &YamlEditPage::saveDraftNow);
    contentLayout()->addWidget(m_draftBar);

    contentLayout()->addWidget(buildTabs(), 1);
}

QTabWidget *YamlEditPage::buildTabs()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("yamlTabs"));
    auto *split = new QSplitter(Qt::Vertical, m_tabs);
    m_editor = new YamlEditor(split);
    m_editor->setObjectName(QStringLiteral("yamlEditor"));
    m_problems = new ProblemsList(split);
    m_problems->setEditor(m_editor);
    split->addWidget(m_editor);
    split->addWidget(m_problems);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 120});
    connect(m_problems, &ProblemsList::problemActivated, m_editor, [this](int line, int column) {
        m_editor->goToLine(line, column);
        m_editor->setFocus();
    });
    m_tabs->addTab(split, tr("YAML"));

    m_diffView = new DiffView(m_tabs);
    m_tabs->addTab(m_diffView, tr("Diff"));

    auto *dry = new QSplitter(Qt::Vertical, m_tabs);
    dry->setObjectName(QStringLiteral("dryRunTab"));
    m_warnings = new QListWidget(dry);
    m_warnings->setWordWrap(true);   // admission warnings are long sentences
    m_warnings->setObjectName(QStringLiteral("dryRunWarnings"));
    m_dryRunView = new YamlEditor(dry);
    m_dryRunView->setObjectName(QStringLiteral("dryRunResult"));
    m_dryRunView->setReadOnly(true);
    dry->addWidget(m_warnings);
    dry->addWidget(m_dryRunView);
    dry->setSizes({90, 600});
    m_tabs->addTab(dry, tr("Dry run"));

    m_results = new ApplyResultsList(m_tabs);
    connect(m_results, &ApplyResultsList::documentActivated, this, [this](int line) {
        m_tabs->setCurrentIndex(0);
        m_editor->goToLine(line);
        m_editor->setFocus();
    });
    m_tabs->addTab(m_results, tr("Results"));

    m_ownership = new FieldOwnershipView(m_tabs);
    m_tabs->addTab(m_ownership, tr("Field ownership"));

    auto *mergeTab = new QWidget(m_tabs);
    auto *ml = new QVBoxLayout(mergeTab);
    ml->setContentsMargins(0, 0, 0, 0);
    m_merge = new ThreeWayMergeView(mergeTab);
    auto *applyMerged = new QPushButton(tr("Apply merged text"), mergeTab);
    applyMerged->setObjectName(QStringLiteral("applyMerged"));
    connect(applyMerged, &QPushButton::clicked, this, &YamlEditPage::applyMerged);
    ml->addWidget(m_merge, 1);
    ml->addWidget(applyMerged, 0, Qt::AlignRight);
    m_tabs->addTab(mergeTab, tr("Merge"));
    return m_tabs;
}

QWidget *YamlEditPage::buildHeader()
{
    auto *header = new QWidget(this);
    auto *hl = new QHBoxLayout(header);
    hl->setContentsMargins(4, 2, 4, 2);
    m_heading = new QLabel(header);
    m_heading->setObjectName(QStringLiteral("yamlHeading"));
    QFont f = m_heading->font();
    f.setBold(true);
    m_heading->setFont(f);
    hl->addWidget(m_heading);
    hl->addSpacing(12);
    m_cluster = new QComboBox(header);
    m_cluster->setObjectName(QStringLiteral("clusterChooser"));
    m_namespace = new QComboBox(header);
    m_namespace->setObjectName(QStringLiteral("namespaceChooser"));
    m_namespace->setEditable(true);
    m_namespace->setMinimumWidth(160);
    hl->addWidget(new QLabel(tr("Cluster"), header));
    hl->addWidget(m_cluster);
    hl->addWidget(new QLabel(tr("Namespace"), header));
    hl->addWidget(m_namespace);
    hl->addWidget(new QLabel(tr("Mode"), header));
    m_mode = new QComboBox(header);
    m_mode->setObjectName(QStringLiteral("applyMode"));
    hl->addWidget(m_mode);
    m_info = new QLabel(header);
    m_info->setWordWrap(true);   // never squeezes the choosers
    m_info->setObjectName(QStringLiteral("yamlInfo"));
    hl->addWidget(m_info, 1);
    connect(m_cluster, &QComboBox::currentTextChanged, this, [this](const QString &cluster) {
        if (!m_target.create || cluster.isEmpty() || cluster == m_target.cluster)
            return;
        saveDraftNow();
        m_target.cluster = cluster;
        m_draftBar->setKey(models::DraftKey{m_draftBar->key().context, cluster, m_target.objectRef()});
        connectCluster(cluster);
        m_validation->setText(m_editor->text(), int(m_editor->revision()));
    });
    connect(m_namespace, &QComboBox::currentTextChanged, this, [this](const QString &ns) {
        if (m_target.create)
            m_target.namespaceName = ns.trimmed();
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (m_target.create)
            m_createServerSide = index == 1;
        else
            m_replace = index == 1;
    });
    return header;
}

void YamlEditPage::buildActions()
{
    auto add = [this](const QString &text, const QKeySequence &key, const QString &name) {
        auto *a = m_toolbar->addAction(text);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    m_diffAction = add(tr("Diff"), QKeySequence(Qt::CTRL | Qt::Key_D), QStringLiteral("diffAction"));
    m_dryRunAction = add(tr("Dry run"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), QStringLiteral("dryRunAction"));
    m_applyAction = add(tr("Apply"), QKeySequence(Qt::CTRL | Qt::Key_S), QStringLiteral("applyAction"));
    m_reload = add(tr("Reload"), QKeySequence(Qt::Key_F5), QStringLiteral("reloadAction"));
    m_toolbar->addSeparator();
    m_unified = add(tr("Unified diff"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U), QStringLiteral("unifiedAction"));
    m_unified->setCheckable(true);
    m_reveal = add(tr("Reveal"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), QStringLiteral("revealAction"));
    m_reveal->setCheckable(true);
    m_docker = add(tr("Docker registry Secret…"), QKeySequence(), QStringLiteral("dockerSecretAction"));
    connect(m_diffAction, &QAction::triggered, this, &YamlEditPage::diff);
    connect(m_dryRunAction, &QAction::triggered, this, &YamlEditPage::dryRun);
    connect(m_applyAction, &QAction::triggered, this, &YamlEditPage::apply);
    connect(m_unified, &QAction::toggled, this, [this](bool on) {
        m_diffView->setMode(on ? DiffView::Mode::Unified : DiffView::Mode::SideBySide);
    });
    connect(m_reload, &QAction::triggered, this, &YamlEditPage::reload);
    connect(m_reveal, &QAction::toggled, this, &YamlEditPage::setRevealed);
    connect(m_docker, &QAction::triggered, this, &YamlEditPage::insertDockerSecret);
}

} // namespace acp::views
