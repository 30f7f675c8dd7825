// YamlEditPage: diff, dry run, apply (server-side apply with conflicts, Replace with the
// three-way merge on 409, Create from YAML with per-document results).
#include "views/editor/YamlEditPage.h"

#include "api/Yaml.h"
#include "models/ApplyEngine.h"
#include "models/ClusterConnection.h"
#include "models/SecretCodec.h"
#include "models/YamlValidationService.h"
#include "views/editor/ApplyResultsList.h"
#include "views/editor/ConflictDialog.h"
#include "views/editor/DiffView.h"
#include "views/editor/DockerSecretDialog.h"
#include "views/editor/DraftBar.h"
#include "views/editor/ThreeWayMergeView.h"
#include "views/editor/YamlEditor.h"

#include <QAction>
#include <QComboBox>
#include <QListWidget>
#include <QTabWidget>

namespace acp::views {

namespace {

constexpr int kDiffTab = 1;
constexpr int kDryRunTab = 2;
constexpr int kResultsTab = 3;
constexpr int kMergeTab = 5;

QString resourceVersionOf(const QJsonObject &object)
{
    return object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
}

} // namespace

// The edited documents as they go to the server: Secrets re-encoded; for a server-side apply of
// a live object, without resourceVersion (the apply is not conditional) and status (owned by
// controllers). A YAML error goes to the banner with its line:column.
std::optional<QList<models::ApplyDocument>> YamlEditPage::documents(bool forServerSideApply)
{
    const auto parsed = api::yaml::parseAll(editedText().toUtf8(), tr("the editor"));
    if (!parsed.ok()) {
        showError(parsed.error(), tr("Parse YAML"));
        return std::nullopt;
    }
    QList<models::ApplyDocument> out;
    for (const api::yaml::Document &d : *parsed) {
        QJsonObject o = d.value.toObject();
        if (models::SecretCodec::isSecret(o)) {
            const api::Result<QJsonObject> encoded = models::SecretCodec::encode(o);
            if (!encoded.ok()) {
                showError(encoded.error(), tr("Encode Secret"));
                return std::nullopt;
            }
            o = *encoded;
        }
        if (forServerSideApply && !m_target.create) {
            QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
            meta.remove(QLatin1String("resourceVersion"));
            o.insert(QLatin1String("metadata"), meta);
            o.remove(QLatin1String("status"));
        }
        out.append(models::ApplyDocument{int(out.size()), d.line, o});
    }
    if (out.isEmpty()) {
        showMessage(tr("Nothing to apply: the text has no document"));
        return std::nullopt;
    }
    return out;
}

models::ApplyOptions YamlEditPage::options(bool dryRun) const
{
    models::ApplyOptions o;
    if (m_target.create)
        o.mode = m_createServerSide ? models::ApplyMode::ServerSideApply : models::ApplyMode::Create;
    else
        o.mode = m_replace ? models::ApplyMode::Replace : models::ApplyMode::ServerSideApply;
    o.namespaceName = m_target.namespaceName;
    o.dryRun = dryRun;
    o.baseResourceVersion = m_baseRV;
    o.fileName = m_target.create ? tr("new objects") : QStringLiteral("%1/%2").arg(m_target.resource, m_target.name);
    return o;
}

void YamlEditPage::setBusy(bool busy)
{
    m_busy = busy;
    for (QAction *a : {m_diffAction, m_dryRunAction, m_applyAction})
        a->setEnabled(!busy);
}

void YamlEditPage::diff()
{
    if (!m_engine || m_busy)
        return;
    const models::ApplyOptions opts = options(true);
    const auto docs = documents(opts.mode == models::ApplyMode::ServerSideApply);
    if (!docs)
        return;
    QList<QJsonValue> values;
    for (const models::ApplyDocument &d : *docs)
        values.append(d.object);
    clearError();
    setBusy(true);
    m_engine->diff(api::yaml::dumpAll(values), opts, this, [this](const api::Result<QList<models::ApplyDiff>> &r) {
        setBusy(false);
        if (!r.ok()) {
            showError(r.error(), tr("Diff"));
            Q_EMIT finished(QStringLiteral("diff"), false);
            return;
        }
        QStringList live, merged;
        bool ok = true;
        for (const models::ApplyDiff &d : *r) {
            if (!d.result.ok()) {
                showError(*d.result.error, tr("Diff %1").arg(d.result.reference()));
                ok = false;
            }
            live << QString::fromUtf8(d.liveYaml);
            merged << QString::fromUtf8(d.mergedYaml);
        }
        const QString sep = QStringLiteral("---\n");
        m_diffView->setTexts(live.join(sep), merged.join(sep), tr("Live"), m_isSecret && !m_revealed ? tr("Edited (Secret values masked)") : tr("Edited"));
        m_tabs->setCurrentIndex(kDiffTab);
        Q_EMIT finished(QStringLiteral("diff"), ok);
    }, !m_revealed);
}

void YamlEditPage::dryRun()
{
    runApply(true);
}

void YamlEditPage::apply()
{
    runApply(false);
}

void YamlEditPage::runApply(bool dryRun)
{
    if (!m_engine || m_busy)
        return;
    const models::ApplyOptions opts = options(dryRun);
    const auto docs = documents(opts.mode == models::ApplyMode::ServerSideApply);
    if (!docs)
        return;
    clearError();
    saveDraftNow();   // a failure keeps the text; a crash meanwhile too
    setBusy(true);
    m_engine->applyDocuments(*docs, opts, this, [this, dryRun](const api::Result<QList<models::ApplyResult>> &r) {
        setBusy(false);
        onApplied(r, dryRun);
    });
}

void YamlEditPage::onApplied(const api::Result<QList<models::ApplyResult>> &r, bool dryRun)
{
    const QString op = dryRun ? QStringLiteral("dryrun") : m_target.create ? QStringLiteral("create") : QStringLiteral("apply");
    if (!r.ok()) {
        showError(r.error(), dryRun ? tr("Dry run") : tr("Apply"));
        Q_EMIT finished(op, false);
        return;
    }
    if (dryRun) {
        showDryRun(*r);
        return;
    }
    if (m_target.create) {
        m_results->setResults(*r);
        m_tabs->setCurrentIndex(kResultsTab);
        const bool ok = m_results->failures() == 0;
        if (ok) {
            m_draftBar->applied();
            m_loadedText = editedText();   // applied: nothing unsaved
            showMessage(tr("Applied: %1").arg(m_results->summary()), false);
        } else {
            showMessage(tr("Some documents failed (%1); the text is kept").arg(m_results->summary()));
        }
        Q_EMIT finished(op, ok);
        return;
    }
    if (r->isEmpty()) {
        Q_EMIT finished(op, false);
        return;
    }
    onLiveApplied(r->constFirst());
}

void YamlEditPage::onLiveApplied(const models::ApplyResult &result)
{
    if (result.ok()) {
        m_draftBar->applied();
        if (!result.object.isEmpty())
            showObject(result.object, true);
        showMessage(tr("%1 %2").arg(result.reference(), models::ApplyEngine::actionText(result)), false);
        for (const QString &w : result.warnings)
            m_warnings->addItem(w);
        Q_EMIT finished(QStringLiteral("apply"), true);
        return;
    }
    if (!result.conflicts.isEmpty() && ownFieldsOnly(result) && m_engine) {
        // The fields were set by this console's own Create or Replace (operation Update): taking
        // them over for server-side apply is what the edit means; nobody else is overruled.
        setBusy(true);
        m_engine->retryWithForce(result, options(false), this, [this](const models::ApplyResult &r) {
            setBusy(false);
            onLiveApplied(r);
        });
        return;
    }
    if (!result.conflicts.isEmpty()) {
        showConflicts(result);
        return;
    }
    if (!result.current.isEmpty() && options(false).mode == models::ApplyMode::Replace) {
        showMerge(result);
        return;
    }
    showError(*result.error, tr("Apply %1").arg(result.reference()));
    Q_EMIT finished(QStringLiteral("apply"), false);
}

bool YamlEditPage::ownFieldsOnly(const models::ApplyResult &failed) const
{
    const QString self = options(false).fieldManager;
    for (const models::ApplyConflict &c : failed.conflicts)
        if (c.manager != self)
            return false;
    return true;
}

void YamlEditPage::showConflicts(const models::ApplyResult &failed)
{
    if (m_conflictDialog)
        m_conflictDialog->deleteLater();
    m_conflictDialog = new ConflictDialog(failed.reference(), failed.conflicts, this);
    m_conflictDialog->setAttribute(Qt::WA_DeleteOnClose);
    ConflictDialog *dialog = m_conflictDialog;
    connect(dialog, &QDialog::finished, this, [this, dialog, failed] {
        const ConflictDialog::Choice choice = dialog->choice();
        if (choice == ConflictDialog::Choice::Cancel || !m_engine) {
            showError(*failed.error, tr("Apply %1").arg(failed.reference()));
            Q_EMIT finished(QStringLiteral("apply"), false);
            return;
        }
        setBusy(true);
        auto done = [this](const models::ApplyResult &r) {
            setBusy(false);
            onLiveApplied(r);
        };
        if (choice == ConflictDialog::Choice::Force)
            m_engine->retryWithForce(failed, options(false), this, done);
        else
            m_engine->retryDroppingConflicts(failed, options(false), this, done);
    });
    dialog->open();
    Q_EMIT conflictDialogShown();
}

void YamlEditPage::showMerge(const models::ApplyResult &failed)
{
    m_mergeCurrent = failed.current;
    m_merge->setTexts(displayText(m_live), editedText(), displayText(failed.current));
    m_tabs->setCurrentIndex(kMergeTab);
    showError(*failed.error, tr("Replace %1: the object changed on the server; merge your edit with the current version")
                                 .arg(failed.reference()));
    Q_EMIT finished(QStringLiteral("apply"), false);
}

void YamlEditPage::applyMerged()
{
    if (m_mergeCurrent.isEmpty())
        return;
    if (m_merge->conflictCount() > 0) {
        showMessage(tr("Resolve the %n remaining conflict(s) first", nullptr, m_merge->conflictCount()));
        return;
    }
    const QString merged = m_merge->mergedText();
    // The merge is based on the server's current version now.
    m_live = m_mergeCurrent;
    m_baseRV = resourceVersionOf(m_mergeCurrent);
    m_mergeCurrent = QJsonObject();
    setEditorText(merged, true);
    m_tabs->setCurrentIndex(0);
    runApply(false);
}

void YamlEditPage::showDryRun(const QList<models::ApplyResult> &results)
{
    m_warnings->clear();
    QList<QJsonValue> objects;
    bool ok = true;
    for (const models::ApplyResult &r : results) {
        for (const QString &w : r.warnings)
            m_warnings->addItem(QStringLiteral("%1: %2").arg(r.reference(), w));
        if (!r.ok()) {
            ok = false;
            showError(*r.error, tr("Dry run %1").arg(r.reference()));
            continue;
        }
        QJsonObject o = r.object;
        if (models::SecretCodec::isSecret(o))
            o = m_revealed ? models::SecretCodec::decode(o).object : QJsonObject(o);
        objects.append(o);
    }
    if (m_warnings->count() == 0)
        m_warnings->addItem(ok ? tr("No warnings: the server accepted the change (nothing was stored)") : tr("No warnings"));
    QString text = QString::fromUtf8(objects.size() == 1 ? api::yaml::dump(objects.constFirst()) : api::yaml::dumpAll(objects));
    if (m_isSecret && !m_revealed)
        text = maskedText(text);
    m_dryRunView->loadText(text);
    m_tabs->setCurrentIndex(kDryRunTab);
    if (m_target.create)
        m_results->setResults(results);
    Q_EMIT finished(QStringLiteral("dryrun"), ok);
}

void YamlEditPage::insertDockerSecret()
{
    auto *dialog = new DockerSecretDialog(m_target.namespaceName, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QString yaml = QString::fromUtf8(dialog->yaml());
        QString text = m_editor->text();
        if (!text.trimmed().isEmpty())
            text = text.trimmed() + QStringLiteral("\n---\n");
        m_editor->replaceText(text + yaml);
        m_validation->setText(m_editor->text(), int(m_editor->revision()));
        m_draftBar->scheduleSave();
    });
    dialog->open();
}

} // namespace acp::views
