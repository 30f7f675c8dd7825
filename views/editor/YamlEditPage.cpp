#include "views/editor/YamlEditPage.h"

#include "api/Yaml.h"
#include "models/ApplyEngine.h"
#include "models/ClusterConnection.h"
#include "models/SecretCodec.h"
#include "models/YamlValidationService.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/DiffView.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ProblemsList.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditor.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace acp::views {

namespace {

QString arg(const QVariantMap &args, const char *key)
{
    return args.value(QLatin1String(key)).toString();
}

} // namespace

QString YamlEditPage::Target::objectRef() const
{
    return create ? QStringLiteral("new") : models::DraftKey::objectRef(group, resource, namespaceName, name);
}

YamlEditPage::YamlEditPage(PageContext *context, QWidget *parent)
    : Page(context, parent), m_validation(new models::YamlValidationService(this)), m_drafts(new models::DraftStore(this))
{
    setObjectName(QStringLiteral("yamlEditPage"));
    setWindowTitle(tr("YAML"));
    buildUi();
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(1000);
    connect(&m_draftTimer, &QTimer::timeout, this, &YamlEditPage::saveDraftNow);
    // Copying the text out of the document costs milliseconds on big files: once per typing
    // pause, not per key (validation takes longer than the pause anyway).
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(120);
    connect(&m_validateTimer, &QTimer::timeout, this, [this] {
        m_validation->setText(m_editor->text(), int(m_editor->revision()));
    });
    connect(m_validation, &models::YamlValidationService::diagnosticsReady, this,
            [this](int revision, const QList<models::YamlDiagnostic> &diagnostics) {
        if (quint64(revision) == m_editor->revision())
            m_editor->setDiagnostics(diagnostics);
    });
    m_editor->setCompletionProvider([this](const QString &, int line, int column) {
        return m_validation->completions(line, column);
    });
    m_editor->setDocumentationProvider([this](const QString &, int line, int column) {
        const std::optional<models::YamlCompletion> doc = m_validation->documentation(line, column);
        if (!doc)
            return QString();
        QString html = QStringLiteral("<b>%1</b> <i>%2</i>%3").arg(doc->text.toHtmlEscaped(), doc->detail.toHtmlEscaped(),
                                                                 doc->required ? tr(" (required)") : QString());
        if (!doc->documentation.isEmpty())
            html += QStringLiteral("<p>%1</p>").arg(doc->documentation.toHtmlEscaped());
        return html;
    });
    connect(m_editor, &YamlEditor::textEdited, this, &YamlEditPage::onTextEdited);
}

YamlEditPage::~YamlEditPage()
{
    // Closing without applying: the edit survives as a draft (the page context may be gone).
    m_closing = true;
    saveDraftNow();
    disconnect(m_editor, nullptr, this, nullptr);
    disconnect(m_validation, nullptr, this, nullptr);
}

void YamlEditPage::buildUi()
{
    contentLayout()->addWidget(buildHeader());
    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("yamlActions"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    contentLayout()->addWidget(m_toolbar);
    buildActions();

    m_draftBar = new QWidget(this);
    m_draftBar->setObjectName(QStringLiteral("draftBar"));
    m_draftBar->setAutoFillBackground(true);
    QPalette pal = m_draftBar->palette();
    pal.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    pal.setColor(QPalette::WindowText, QColor(0x33, 0x2b, 0x00));
    m_draftBar->setPalette(pal);
    auto *dl = new QHBoxLayout(m_draftBar);
    dl->setContentsMargins(8, 4, 8, 4);
    m_draftLabel = new QLabel(m_draftBar);
    auto *restore = new QPushButton(tr("Restore"), m_draftBar);
    restore->setObjectName(QStringLiteral("restoreDraft"));
    auto *discard = new QPushButton(tr("Discard"), m_draftBar);
    discard->setObjectName(QStringLiteral("discardDraft"));
    dl->addWidget(m_draftLabel, 1);
    dl->addWidget(restore);
    dl->addWidget(discard);
    connect(restore, &QPushButton::clicked, this, &YamlEditPage::restoreDraft);
    connect(discard, &QPushButton::clicked, this, &YamlEditPage::discardDraft);
    m_draftBar->hide();
    contentLayout()->addWidget(m_draftBar);

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
    contentLayout()->addWidget(m_tabs, 1);
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
    m_info->setObjectName(QStringLiteral("yamlInfo"));
    hl->addWidget(m_info, 1);
    connect(m_cluster, &QComboBox::currentTextChanged, this, [this](const QString &cluster) {
        if (!m_target.create || cluster.isEmpty() || cluster == m_target.cluster)
            return;
        saveDraftNow();
        m_target.cluster = cluster;
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

YamlEditPage::Target YamlEditPage::targetFrom(const QVariantMap &args) const
{
    Target t;
    t.cluster = arg(args, "cluster");
    t.namespaceName = arg(args, "namespace");
    t.name = arg(args, "name");
    t.create = arg(args, "mode") == QLatin1String("create") || t.name.isEmpty();
    if (!t.create) {
        t.group = arg(args, "group");
        t.version = arg(args, "version");
        t.resource = arg(args, "resource");
    } else {
        t.name.clear();
        if (t.cluster.isEmpty())
            t.cluster = context()->scope().cluster;
        if (t.cluster.isEmpty() && !fleet()->clusterNames().isEmpty())
            t.cluster = fleet()->clusterNames().constFirst();
        if (!args.contains(QStringLiteral("namespace")))
            t.namespaceName = context()->scope().namespaceName;
    }
    return t;
}

void YamlEditPage::activate(const QVariantMap &args)
{
    const Target t = targetFrom(args);
    // The page is reused: the same target (or Create with no args) keeps the text.
    if (m_opened && (t == m_target || (t.create && m_target.create && args.isEmpty())))
        return;
    saveDraftNow();
    open(t);
}

QVariantMap YamlEditPage::currentArgs() const
{
    QVariantMap args{{QStringLiteral("cluster"), m_target.cluster}, {QStringLiteral("namespace"), m_target.namespaceName}};
    if (m_target.create) {
        args.insert(QStringLiteral("mode"), QStringLiteral("create"));
    } else {
        args.insert(QStringLiteral("group"), m_target.group);
        args.insert(QStringLiteral("version"), m_target.version);
        args.insert(QStringLiteral("resource"), m_target.resource);
        args.insert(QStringLiteral("name"), m_target.name);
    }
    return args;
}

QString YamlEditPage::title() const
{
    if (m_target.create)
        return tr("Create from YAML · %1").arg(m_target.cluster);
    return tr("Edit %1/%2 · %3").arg(m_target.resource, m_target.name, m_target.cluster);
}

void YamlEditPage::open(const Target &target)
{
    m_target = target;
    m_draftContext = fleet()->workspace().title;
    ++m_serial;
    m_opened = true;
    m_loaded = false;
    m_live = QJsonObject();
    m_baseRV.clear();
    m_isSecret = false;
    m_revealed = false;
    m_secretText.clear();
    m_binaryKeys.clear();
    m_draft.reset();
    m_draftBar->hide();
    m_draftTimer.stop();
    clearError();
    m_results->setResults({});
    m_warnings->clear();
    m_dryRunView->loadText(QString());
    m_diffView->setTexts(QString(), QString());
    m_ownership->setObject(QJsonObject());
    m_tabs->setCurrentIndex(0);
    {
        const QSignalBlocker b1(m_cluster), b2(m_namespace), b3(m_reveal);
        m_cluster->clear();
        m_cluster->addItems(target.create ? fleet()->clusterNames() : QStringList{target.cluster});
        m_cluster->setCurrentText(target.cluster);
        m_cluster->setEnabled(target.create);
        m_namespace->clear();
        if (target.create && fleet()->namespaces())
            m_namespace->addItems(fleet()->namespaces()->namespaces(target.cluster));
        m_namespace->setCurrentText(target.namespaceName);
        m_namespace->setEnabled(target.create);
        m_reveal->setChecked(false);
    }
    m_heading->setText(target.create ? tr("Create from YAML")
                                     : QStringLiteral("%1/%2").arg(target.resource, target.name));
    updateModes();
    connectCluster(target.cluster);
    setEditorText(QString(), false);
    m_loadedText.clear();
    updateInfo();
    if (target.create) {
        m_loaded = true;
        offerDraft();
        Q_EMIT loaded(true);
    } else {
        load();
    }
}

void YamlEditPage::reload()
{
    if (!m_opened)
        return;
    saveDraftNow();
    open(m_target);
}

void YamlEditPage::updateModes()
{
    const QSignalBlocker block(m_mode);
    m_mode->clear();
    if (m_target.create) {
        m_mode->addItems({tr("Create"), tr("Server-side apply")});
        m_mode->setCurrentIndex(m_createServerSide ? 1 : 0);
    } else {
        m_mode->addItems({tr("Server-side apply"), tr("Replace")});
        m_mode->setCurrentIndex(m_replace ? 1 : 0);
    }
    m_docker->setVisible(m_target.create);
}

void YamlEditPage::setReplaceMode(bool replace)
{
    m_replace = replace;
    if (!m_target.create)
        m_mode->setCurrentIndex(replace ? 1 : 0);
}

void YamlEditPage::setCreateMode(bool serverSide)
{
    m_createServerSide = serverSide;
    if (m_target.create)
        m_mode->setCurrentIndex(serverSide ? 1 : 0);
}

void YamlEditPage::connectCluster(const QString &cluster)
{
    delete m_engine;
    m_engine = nullptr;
    models::ClusterConnection *conn = cluster.isEmpty() ? nullptr : fleet()->connection(cluster);
    m_validation->setConnection(conn);
    if (!conn) {
        showMessage(tr("Cluster %1 is not available").arg(cluster.isEmpty() ? tr("(none)") : cluster));
        return;
    }
    m_engine = new models::ApplyEngine(conn, this);
    if (fleet()->namespaces())
        fleet()->namespaces()->watch(cluster);
}

void YamlEditPage::load()
{
    models::ClusterConnection *conn = fleet()->connection(m_target.cluster);
    if (!conn) {
        Q_EMIT loaded(false);
        return;
    }
    const api::ResourcePath path{m_target.group, m_target.version, m_target.resource, m_target.namespaceName, m_target.name,
                                 QString(), QString()};
    const Target asked = m_target;
    conn->client().get(path, this, [this, asked, serial = m_serial](const api::Result<api::Response> &r, const QStringList &) {
        if (serial != m_serial)
            return;   // opened again meanwhile
        if (!r.ok()) {
            showError(r.error(), tr("Open %1/%2").arg(asked.resource, asked.name));
            Q_EMIT loaded(false);
            return;
        }
        showObject(QJsonDocument::fromJson(r.value().body).object(), false);
        m_loaded = true;
        offerDraft();
        Q_EMIT loaded(true);
    });
}

QString YamlEditPage::displayText(const QJsonObject &object, QStringList *binaryKeys) const
{
    if (!models::SecretCodec::isSecret(object))
        return QString::fromUtf8(api::yaml::dump(object));
    const models::SecretCodec::Decoded decoded = models::SecretCodec::decode(object);
    if (binaryKeys)
        *binaryKeys = decoded.binaryKeys;
    return QString::fromUtf8(api::yaml::dump(decoded.object));
}

QString YamlEditPage::maskedText(const QString &text)
{
    const auto docs = api::yaml::parseAll(text.toUtf8());
    if (!docs.ok())
        return tr("# Secret values hidden (the text does not parse). Reveal to edit.\n");
    QList<QJsonValue> out;
    for (const api::yaml::Document &d : *docs) {
        QJsonObject o = d.value.toObject();
        for (const char *field : {"data", "stringData"}) {
            QJsonObject values = o.value(QLatin1String(field)).toObject();
            for (auto it = values.begin(); it != values.end(); ++it)
                it.value() = QStringLiteral("••••••••");
            if (o.contains(QLatin1String(field)))
                o.insert(QLatin1String(field), values);
        }
        out.append(o);
    }
    return QString::fromUtf8(out.size() == 1 ? api::yaml::dump(out.constFirst()) : api::yaml::dumpAll(out));
}

void YamlEditPage::showObject(const QJsonObject &object, bool replace)
{
    m_live = object;
    m_baseRV = object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    m_isSecret = models::SecretCodec::isSecret(object);
    m_binaryKeys.clear();
    const QString text = displayText(object, &m_binaryKeys);
    m_loadedText = text;
    setEditorText(text, replace);
    m_ownership->setObject(object);
    updateInfo();
}

void YamlEditPage::setEditorText(const QString &text, bool replace)
{
    const bool masked = m_isSecret && !m_revealed;
    if (masked)
        m_secretText = text;
    const QString shown = masked ? maskedText(text) : text;
    if (replace)
        m_editor->replaceText(shown);
    else
        m_editor->loadText(shown);
    m_editor->setReadOnly(masked);
    m_validation->setText(m_editor->text(), int(m_editor->revision()));
}

QString YamlEditPage::editedText() const
{
    return m_isSecret && !m_revealed ? m_secretText : m_editor->text();
}

void YamlEditPage::setRevealed(bool revealed)
{
    if (m_reveal->isChecked() != revealed) {
        m_reveal->setChecked(revealed);   // toggled() calls back here
        return;
    }
    if (revealed == m_revealed || !m_isSecret) {
        m_revealed = revealed;
        return;
    }
    const QString real = editedText();
    m_revealed = revealed;
    setEditorText(real, false);
    updateInfo();
}

void YamlEditPage::updateInfo()
{
    m_reveal->setVisible(m_isSecret);
    QStringList parts;
    if (m_isSecret)
        parts << (m_revealed ? tr("Secret values shown decoded") : tr("Secret values hidden: Reveal to edit"));
    if (!m_binaryKeys.isEmpty())
        parts << tr("binary keys kept base64 in data: %1").arg(m_binaryKeys.join(QStringLiteral(", ")));
    if (!m_target.create && !m_baseRV.isEmpty())
        parts << tr("resourceVersion %1").arg(m_baseRV);
    m_info->setText(parts.join(QStringLiteral(" · ")));
}

void YamlEditPage::onTextEdited()
{
    m_validateTimer.start();
    if (m_loaded)
        m_draftTimer.start();
}

// --- drafts ---

models::DraftKey YamlEditPage::draftKey() const
{
    return models::DraftKey{m_draftContext, m_target.cluster, m_target.objectRef()};
}

bool YamlEditPage::isDirty() const
{
    return m_loaded && editedText() != m_loadedText;
}

void YamlEditPage::saveDraftNow()
{
    m_draftTimer.stop();
    if (!m_opened || !isDirty() || m_draft)
        return;   // nothing edited, or an offered draft was neither restored nor discarded yet
    models::Draft d{draftKey(), editedText().toUtf8(), m_baseRV, {}};
    const auto error = m_drafts->save(d);
    if (error && m_opened && !m_closing)
        showError(*error, tr("Save draft"));
}

void YamlEditPage::offerDraft()
{
    std::optional<models::Draft> d = m_drafts->load(draftKey());
    if (!d || QString::fromUtf8(d->text) == m_loadedText)
        return;
    m_draft = d;
    m_draftLabel->setText(tr("An unsaved edit of this %1 from %2 exists.")
                              .arg(m_target.create ? tr("new text") : tr("object"),
                                   QLocale().toString(d->savedAt.toLocalTime(), QLocale::ShortFormat)));
    m_draftBar->show();
}

void YamlEditPage::restoreDraft()
{
    if (!m_draft)
        return;
    const models::Draft d = *m_draft;
    m_draft.reset();
    m_draftBar->hide();
    if (!d.baseResourceVersion.isEmpty() && !m_target.create)
        m_baseRV = d.baseResourceVersion;
    if (m_isSecret && !m_revealed)
        m_secretText = QString::fromUtf8(d.text);
    setEditorText(QString::fromUtf8(d.text), true);
    updateInfo();
}

void YamlEditPage::discardDraft()
{
    if (m_draft)
        m_drafts->discard(m_draft->key);
    m_draft.reset();
    m_draftBar->hide();
}

} // namespace acp::views
