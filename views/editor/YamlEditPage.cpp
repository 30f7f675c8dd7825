#include "views/editor/YamlEditPage.h"

#include "api/Yaml.h"
#include "models/ApplyEngine.h"
#include "models/ClusterConnection.h"
#include "models/SecretCodec.h"
#include "models/YamlValidationService.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/DiffView.h"
#include "views/editor/DraftBar.h"
#include "views/editor/FieldOwnershipView.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditor.h"

#include <QAction>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QTabWidget>

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
    : Page(context, parent), m_validation(new models::YamlValidationService(this))
{
    setObjectName(QStringLiteral("yamlEditPage"));
    setWindowTitle(tr("YAML"));
    buildUi();
    connectValidation();
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
    ++m_serial;
    m_opened = true;
    m_loaded = false;
    m_live = QJsonObject();
    m_baseRV.clear();
    m_isSecret = false;
    m_revealed = false;
    m_secretText.clear();
    m_binaryKeys.clear();
    m_draftBar->open(models::DraftKey{fleet()->workspace().title, target.cluster, target.objectRef()});
    clearError();
    m_results->setResults({});
    m_warnings->clear();
    m_dryRunView->loadText(QString());
    m_diffView->setTexts(QString(), QString());
    m_ownership->setObject(QJsonObject());
    m_tabs->setCurrentIndex(0);
    m_editor->setProtectedSections(!target.create);   // a live object's status and managedFields
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
    m_reload->setVisible(!m_target.create);   // Create has no server object to reload
    m_tabs->setTabVisible(m_tabs->indexOf(m_ownership), !m_target.create);
    m_tabs->setTabVisible(m_tabs->indexOf(m_merge->parentWidget()), !m_target.create);
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
    // The text goes to validation as given (not copied out of the document) before the editor
    // loads it, so the worker parses while the GUI thread lays the document out; the editor's idle
    // highlighting waits for the first diagnostics (what is painted is highlighted anyway). Once
    // the parse got cheap (libyaml), this order won on the 2-core machine: 2.85 MB usable 144 ms,
    // diagnostics 198 ms, against 137 / 321 ms validating after the load (bench/README.md).
    m_validation->setText(shown, int(m_editor->revision()));
    m_editor->holdBackgroundHighlighting(true);
    m_highlightHold.start();
    if (replace)
        m_editor->replaceText(shown);
    else
        m_editor->loadText(shown);
    m_validateTimer.stop();   // the load's textEdited: already on its way to validation
    m_validation->setRevision(int(m_editor->revision()));
    m_editor->setReadOnly(masked);
}

models::DraftStore *YamlEditPage::drafts() const
{
    return m_draftBar->store();
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
        m_draftBar->scheduleSave();
}

// --- drafts ---

bool YamlEditPage::isDirty() const
{
    return m_loaded && editedText() != m_loadedText;
}

void YamlEditPage::saveDraftNow()
{
    if (!m_opened || !isDirty())
        return;
    const auto error = m_draftBar->save(editedText(), m_baseRV);
    if (error && m_opened && !m_closing)
        showError(*error, tr("Save draft"));
}

void YamlEditPage::offerDraft()
{
    m_draftBar->offer(m_loadedText, m_target.create);
}

void YamlEditPage::restoreDraft()
{
    const std::optional<models::Draft> d = m_draftBar->take();
    if (!d)
        return;
    if (!d->baseResourceVersion.isEmpty() && !m_target.create)
        m_baseRV = d->baseResourceVersion;
    if (m_isSecret && !m_revealed)
        m_secretText = QString::fromUtf8(d->text);
    setEditorText(QString::fromUtf8(d->text), true);
    updateInfo();
}

void YamlEditPage::discardDraft()
{
    m_draftBar->discard();
}

} // namespace acp::views
