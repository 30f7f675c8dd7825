// acp-screenshots [--out DIR] [--theme light|dark] [--size WxH]: renders every page of the console
// from a freshly seeded acp-sandbox into DIR/<name>.png (what the README shows; run through
// scripts/screenshots). The sandbox is started as `acp-console --sandbox` does (LocalSandbox),
// the session is admin's; each shot opens a page through the Navigator, waits until its live
// tables are loaded (every ResourceTableView on the page synced) and grabs the main window.
// Runs offscreen when there is no display.
#include "api/LocalSandbox.h"
#include "app/AppPages.h"
#include "app/MainWindow.h"
#include "models/ClusterConnection.h"
#include "views/common/Page.h"
#include "views/common/ResourceTableView.h"
#include "views/editor/ConflictDialog.h"
#include "views/editor/YamlEditPage.h"
#include "views/editor/YamlEditor.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QListWidget>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPainter>
#include <QTableView>
#include <QTextCursor>
#include <QTextStream>
#include <QTimer>

using namespace acp;

namespace {

void spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Until every live table on the page is loaded (or timeoutMs), then a short settle.
void waitLoaded(QWidget *page, int timeoutMs = 20000)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        bool loading = false;
        for (views::ResourceTableView *v : page->findChildren<views::ResourceTableView *>())
            if (v->isVisible() && v->isLoading())
                loading = true;
        if (!loading)
            break;
        spin(50);
    }
    spin(600);
}

struct Shot {
    QString file;       // without .png
    QString pageId;
    QVariantMap args;
    std::function<void(views::Page *)> prepare;   // e.g. select a row
    std::function<QPixmap(QWidget *window, views::Page *)> grab;   // null: the window
};

void selectFirstRow(views::Page *page)
{
    const auto tables = page->findChildren<views::ResourceTableView *>();
    for (views::ResourceTableView *v : tables) {
        if (v->isVisible() && v->rowCount() > 0) {
            QTableView *tv = v->tableView();
            tv->setCurrentIndex(tv->model()->index(0, 0));
            tv->selectRow(0);
            return;
        }
    }
}

// The Pod security page on project alpha: Baseline chosen and its impact preview shown.
void previewBaseline(views::Page *page)
{
    auto *templates = page->findChild<QListWidget *>(QStringLiteral("templateList"));
    auto *preview = page->findChild<QAction *>(QStringLiteral("previewAction"));
    auto *summary = page->findChild<QLabel *>(QStringLiteral("previewSummary"));
    if (!templates || !preview || !summary)
        return;
    for (int i = 0; i < templates->count(); ++i)
        if (templates->item(i)->data(Qt::UserRole + 1).toString() == QLatin1String("baseline"))
            templates->setCurrentRow(i);
    QElapsedTimer t;
    t.start();
    while (!preview->isEnabled() && t.elapsed() < 20000)
        spin(100);
    preview->trigger();
    while (!summary->text().contains(QLatin1String("would")) && t.elapsed() < 40000)
        spin(100);
}

// The editor shots: business-1/alpha-dev/frontend (seeded) in the "yaml" page.
const QVariantMap kFrontend{{QStringLiteral("cluster"), QStringLiteral("business-1")}, {QStringLiteral("group"), QStringLiteral("apps")},
                            {QStringLiteral("version"), QStringLiteral("v1")}, {QStringLiteral("resource"), QStringLiteral("deployments")},
                            {QStringLiteral("namespace"), QStringLiteral("alpha-dev")}, {QStringLiteral("name"), QStringLiteral("frontend")}};

views::YamlEditPage *loadedEditor(views::Page *page)
{
    auto *editor = qobject_cast<views::YamlEditPage *>(page);
    for (int i = 0; editor && !editor->isLoaded() && i < 200; ++i)
        spin(50);
    return editor;
}

// Types `to` over the first `from` in the editor, as the keyboard does.
void typeOver(views::YamlEditPage *page, const QString &from, const QString &to)
{
    const int at = page->editor()->toPlainText().indexOf(from);
    if (at < 0)
        return;
    QTextCursor c(page->editor()->document());
    c.setPosition(at);
    c.setPosition(at + int(from.size()), QTextCursor::KeepAnchor);
    c.insertText(to);
    page->editor()->setTextCursor(c);
}

void editorWithTypos(views::Page *p)
{
    views::YamlEditPage *page = loadedEditor(p);
    if (!page)
        return;
    page->discardDraft();   // of an earlier run
    spin(1500);             // the first validation (schemas fetched)
    typeOver(page, QStringLiteral("\n  replicas:"), QStringLiteral("\n  replicass:"));
    typeOver(page, QStringLiteral("imagePullPolicy: IfNotPresent"), QStringLiteral("imagePullPolicy: Sometimes"));
    typeOver(page, QStringLiteral("containerPort: 80"), QStringLiteral("containerPort: eighty"));
    page->editor()->goToLine(page->editor()->currentLine());
    // The schemas arrive, then the diagnostics.
    for (int i = 0; i < 300 && page->editor()->diagnostics().size() < 2; ++i)
        spin(50);
    QTextStream(stderr) << "editor-diagnostics: " << page->editor()->diagnostics().size() << " diagnostics\n";
    page->editor()->goToLine(30);
    spin(300);
}

void editorDiff(views::Page *p)
{
    views::YamlEditPage *page = loadedEditor(p);
    if (!page)
        return;
    page->reload();
    page = loadedEditor(p);
    page->discardDraft();
    typeOver(page, QStringLiteral("\n  replicas: 3"), QStringLiteral("\n  replicas: 5"));
    typeOver(page, QStringLiteral("nginx:1.27.3"), QStringLiteral("nginx:1.27.4"));
    page->diff();
    spin(2500);
}

void editorConflict(views::Page *p)
{
    views::YamlEditPage *page = loadedEditor(p);
    if (!page)
        return;
    // Another manager (an autoscaler) owns spec.replicas.
    api::WriteOptions o;
    o.fieldManager = QStringLiteral("horizontal-pod-autoscaler");
    o.force = true;
    const QJsonObject body{{QStringLiteral("apiVersion"), QStringLiteral("apps/v1")}, {QStringLiteral("kind"), QStringLiteral("Deployment")},
                           {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("frontend")}, {QStringLiteral("namespace"), QStringLiteral("alpha-dev")}}},
                           {QStringLiteral("spec"), QJsonObject{{QStringLiteral("replicas"), 4}}}};
    QObject ctx;
    bool done = false;
    page->fleet()->connection(QStringLiteral("business-1"))->client().apply(
        api::ResourcePath{QStringLiteral("apps"), QStringLiteral("v1"), QStringLiteral("deployments"), QStringLiteral("alpha-dev"), QStringLiteral("frontend"), {}, {}},
        QJsonDocument(body).toJson(QJsonDocument::Compact), o, &ctx, [&](const api::Result<api::Response> &, const QStringList &) { done = true; });
    for (int i = 0; !done && i < 200; ++i)
        spin(50);
    page->reload();
    page = loadedEditor(p);
    page->discardDraft();
    typeOver(page, QStringLiteral("\n  replicas: 4"), QStringLiteral("\n  replicas: 6"));
    page->apply();
    spin(2500);
}

// The window with the page's conflict dialog drawn over its centre (the dialog is a window).
QPixmap windowWithDialog(QWidget *window, views::Page *p)
{
    QPixmap shot = window->grab();
    auto *page = qobject_cast<views::YamlEditPage *>(p);
    if (page && page->conflictDialog()) {
        const QPixmap dialog = page->conflictDialog()->grab();
        QPainter painter(&shot);
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 60));
        const QPoint at((shot.width() - dialog.width()) / 2, (shot.height() - dialog.height()) / 2);
        painter.fillRect(QRect(at, dialog.size()).adjusted(-1, -1, 1, 1), QColor(80, 80, 80));
        painter.drawPixmap(at, dialog);
        page->conflictDialog()->reject();
    }
    return shot;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QLoggingCategory::setFilterRules(QStringLiteral("acp.*.debug=false\nqt.qpa.*=false"));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("acp-console-screenshots"));   // own, throw-away settings
    QApplication::setApplicationName(QStringLiteral("acp-screenshots"));
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Output directory."), QStringLiteral("dir"), QStringLiteral("docs/images"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size."), QStringLiteral("WxH"), QStringLiteral("1400x860"));
    p.addOptions({outOpt, sizeOpt});
    p.process(app);
    QTextStream err(stderr);
    const QString out = p.value(outOpt);
    QDir().mkpath(out);
    const QStringList size = p.value(sizeOpt).split(QLatin1Char('x'));

    api::LocalSandbox sandbox;
    auto started = sandbox.start({});
    if (!started) {
        err << "acp-screenshots: " << started.error().toString() << Qt::endl;
        return 1;
    }
    auto ws = api::Workspace::fromKubeconfigFile(sandbox.kubeconfigPath(), QStringLiteral("sandbox/global"));
    if (!ws) {
        err << "acp-screenshots: " << ws.error().toString() << Qt::endl;
        return 1;
    }
    views::PageRegistry registry;
    app::registerAllPages(registry);
    app::MainWindow window(&registry, new models::Fleet(*ws));
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    window.fleet()->connectAll();
    spin(1500);

    QList<Shot> shots;
    for (const views::PageInfo &info : registry.pages())
        if (info.inNavigation && (!info.available || info.available(window.fleet())))
            shots.append({info.id, info.id, {}, {}, {}});
    // Pages reached by navigation only, with the seeded sandbox's objects.
    if (registry.find(QStringLiteral("cluster")))
        shots.append({QStringLiteral("cluster-business-1"), QStringLiteral("cluster"), {{QStringLiteral("cluster"), QStringLiteral("business-1")}}, {}, {}});
    if (registry.find(QStringLiteral("project")))
        shots.append({QStringLiteral("project-alpha"), QStringLiteral("project"), {{QStringLiteral("project"), QStringLiteral("alpha")}}, {}, {}});
    for (Shot &s : shots)
        if (s.pageId == QLatin1String("policies")) {
            s.args = {{QStringLiteral("project"), QStringLiteral("alpha")}};
            s.prepare = previewBaseline;
        }
    if (registry.find(QStringLiteral("resources")))
        shots.append({QStringLiteral("resources-deployments"), QStringLiteral("resources"), {{QStringLiteral("resource"), QStringLiteral("deployments")}},
                      selectFirstRow, {}});
    if (registry.find(QStringLiteral("yaml"))) {
        shots.append({QStringLiteral("editor-diagnostics"), QStringLiteral("yaml"), kFrontend, editorWithTypos, {}});
        shots.append({QStringLiteral("editor-diff"), QStringLiteral("yaml"), kFrontend, editorDiff, {}});
        shots.append({QStringLiteral("editor-conflict"), QStringLiteral("yaml"), kFrontend, editorConflict, windowWithDialog});
    }

    int written = 0;
    for (const Shot &s : shots) {
        window.openPage(s.pageId, s.args);
        views::Page *page = window.page(s.pageId);
        if (!page)
            continue;
        waitLoaded(page);
        if (s.prepare) {
            s.prepare(page);
            spin(800);
        }
        const QString file = QDir(out).filePath(s.file + QStringLiteral(".png"));
        const QPixmap pixmap = s.grab ? s.grab(&window, page) : window.grab();
        if (!pixmap.save(file)) {
            err << "acp-screenshots: cannot write " << file << Qt::endl;
            return 1;
        }
        err << file << Qt::endl;
        ++written;
    }
    return written > 0 ? 0 : 1;
}
