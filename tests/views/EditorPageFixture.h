#pragma once
// The YAML page's end-to-end tests (tst_editorpage, tst_editorflows): a console on a fresh
// acp-sandbox with namespace editor-test on business-1 and a Deployment "web" server-side applied
// as acp-console, plus helpers to open the "yaml" page, type like a user and wait for results.
// Header-only test support; GUI thread.
#include "ConsoleHarness.h"

#include "api/Yaml.h"
#include "models/ClusterConnection.h"
#include "models/DraftStore.h"
#include "views/editor/YamlEditPage.h"
#include "views/editor/YamlEditor.h"

#include <QApplication>
#include <QDir>
#include <QJsonDocument>
#include <QPainter>
#include <QSignalSpy>
#include <QTextBlock>

namespace acp::test::editorpage {

using views::YamlEditPage;

const QString kCluster = QStringLiteral("business-1");
const QString kNs = QStringLiteral("editor-test");

inline QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Replaces the first match of `from` in the editor the way typing does (one user edit).
inline bool typeReplace(views::YamlEditor *editor, const QString &from, const QString &to)
{
    const int at = editor->toPlainText().indexOf(from);
    if (at < 0)
        return false;
    QTextCursor c(editor->document());
    c.setPosition(at);
    c.setPosition(at + int(from.size()), QTextCursor::KeepAnchor);
    c.insertText(to);
    return true;
}

inline bool waitFinished(YamlEditPage *page, const QString &op, bool *ok, int timeoutMs = 30000)
{
    QSignalSpy spy(page, &YamlEditPage::finished);
    if (!QTest::qWaitFor([&] {
            for (const QList<QVariant> &args : std::as_const(spy))
                if (args.at(0).toString() == op)
                    return true;
            return false;
        }, timeoutMs))
        return false;
    for (const QList<QVariant> &args : std::as_const(spy))
        if (args.at(0).toString() == op)
            *ok = args.at(1).toBool();
    return true;
}

// With ACP_TEST_SHOTS=DIR, the window is saved as DIR/<name>.png (to look at the flows).
inline void shot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("ACP_TEST_SHOTS");
    if (dir.isEmpty() || !w)
        return;
    QApplication::processEvents();
    QWidget *window = w->window();
    QPixmap pixmap = window->grab();
    for (QWidget *top : QApplication::topLevelWidgets())   // dialogs and popups over the window
        if (top != window && top->isVisible() && top->windowType() != Qt::Desktop) {
            const QPoint at = top->mapToGlobal(QPoint(0, 0)) - window->mapToGlobal(QPoint(0, 0));
            QPainter(&pixmap).drawPixmap(at, top->grab());
        }
    pixmap.save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

// 1-based number of the first line of the editor equal to `text`, or 0.
inline int lineOf(const views::YamlEditor *editor, const QString &text)
{
    const QStringList lines = editor->toPlainText().split(QLatin1Char('\n'));
    const qsizetype i = lines.indexOf(text);
    return i < 0 ? 0 : int(i) + 1;
}

class EditorPageFixture {
protected:
    // Starts the sandbox and the console, creates the namespace and "web"; "" or the failure.
    QString start()
    {
        QString error;
        if (!m_h.startSandbox({}, &error))
            return error;
        // Drafts of earlier runs (test mode's AppDataLocation) must not be offered here.
        QDir(models::DraftStore().directory()).removeRecursively();
        if (!openWindow())
            return QStringLiteral("the console did not connect");
        api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
        const QJsonObject ns{{QStringLiteral("apiVersion"), QStringLiteral("v1")}, {QStringLiteral("kind"), QStringLiteral("Namespace")},
                             {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), kNs}}}};
        if (!call([&](QObject *ctx, api::ResponseCallback cb) {
                client.create(api::ResourcePath{{}, QStringLiteral("v1"), QStringLiteral("namespaces"), {}, {}, {}, {}}, json(ns), {}, ctx, cb);
            }).ok())
            return QStringLiteral("cannot create namespace ") + kNs;
        const QByteArray deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: editor-test\n"
                                      "  annotations:\n    note: one\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n"
                                      "  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n"
                                      "      - name: web\n        image: nginx:1.27\n";
        const auto obj = api::yaml::parseOne(deployment);
        if (!obj.ok())
            return obj.error().message;
        // Server-side applied as acp-console (the editor's manager), as kubectl apply --server-side.
        const auto created = call([&](QObject *ctx, api::ResponseCallback cb) {
            client.apply(webPath(), json(obj->toObject()), {}, ctx, cb);
        });
        return created.ok() ? QString() : created.error().message;
    }

    // Through the console's own connection (admin).
    api::Result<api::Response> call(const std::function<void(QObject *, api::ResponseCallback)> &begin)
    {
        std::optional<api::Result<api::Response>> out;
        QObject ctx;
        begin(&ctx, [&](const api::Result<api::Response> &r, const QStringList &) { out.emplace(r); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return api::Result<api::Response>(api::ApiError{});
        return *out;
    }

    QJsonObject get(const api::ResourcePath &path, int *status = nullptr)
    {
        api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
        const auto r = call([&](QObject *ctx, api::ResponseCallback cb) { client.get(path, ctx, cb); });
        if (status)
            *status = r.ok() ? 200 : r.error().httpStatus;
        return r.ok() ? QJsonDocument::fromJson(r.value().body).object() : QJsonObject();
    }

    bool otherManagerApplies(int replicas)
    {
        api::KubeClient client = m_h.window()->fleet()->connection(kCluster)->client();
        api::WriteOptions o;
        o.fieldManager = QStringLiteral("other-tool");
        o.force = true;
        const QJsonObject body{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
                               {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("web")}, {QStringLiteral("namespace"), kNs}}},
                               {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), replicas}}}};
        return call([&](QObject *ctx, api::ResponseCallback cb) { client.apply(webPath(), json(body), o, ctx, cb); }).ok();
    }

    bool openWindow()
    {
        QString error;
        if (!m_h.open(QStringLiteral("sandbox/global"), &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return m_h.waitConnected();
    }

    YamlEditPage *openObject(const QString &group, const QString &version, const QString &resource, const QString &ns,
                                             const QString &name)
    {
        auto *page = m_h.openPage<YamlEditPage>(QStringLiteral("yaml"),
                                                {{QStringLiteral("cluster"), kCluster}, {QStringLiteral("group"), group},
                                                 {QStringLiteral("version"), version}, {QStringLiteral("resource"), resource},
                                                 {QStringLiteral("namespace"), ns}, {QStringLiteral("name"), name}});
        if (!page)
            return nullptr;
        page->reload();   // the page is reused: start from the server's object
        if (!QTest::qWaitFor([page] { return page->isLoaded(); }, 15000))
            return nullptr;
        page->discardDraft();
        return page;
    }

    YamlEditPage *openCreate(const QString &ns)
    {
        auto *page = m_h.openPage<YamlEditPage>(QStringLiteral("yaml"), {{QStringLiteral("cluster"), kCluster},
                                                                         {QStringLiteral("namespace"), ns},
                                                                         {QStringLiteral("mode"), QStringLiteral("create")}});
        if (page)
            page->discardDraft();
        return page;
    }

    api::ResourcePath webPath() const { return {QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), kNs, QStringLiteral("web"), {}, {}}; }
    int webReplicas() { return get(webPath()).value(QLatin1String("spec")).toObject().value(QLatin1String("replicas")).toInt(-1); }
    QString webAnnotation() { return get(webPath())[QLatin1String("metadata")].toObject()[QLatin1String("annotations")].toObject()[QLatin1String("note")].toString(); }

    ConsoleHarness m_h;
};

} // namespace acp::test::editorpage
