// acp-screenshots [--out DIR] [--theme light|dark] [--size WxH]: renders every page of the console
// from a freshly seeded acp-sandbox into DIR/<name>.png (what the README shows; run through
// scripts/screenshots). The sandbox is started as `acp-console --sandbox` does (LocalSandbox),
// the session is admin's; each shot opens a page through the Navigator, waits until its live
// tables are loaded (every ResourceTableView on the page synced) and grabs the main window.
// Runs offscreen when there is no display.
#include "api/LocalSandbox.h"
#include "app/AppPages.h"
#include "app/MainWindow.h"
#include "views/common/Page.h"
#include "views/common/ResourceTableView.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QListWidget>
#include <QLoggingCategory>
#include <QTableView>
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
            shots.append({info.id, info.id, {}, {}});
    // Pages reached by navigation only, with the seeded sandbox's objects.
    if (registry.find(QStringLiteral("cluster")))
        shots.append({QStringLiteral("cluster-business-1"), QStringLiteral("cluster"), {{QStringLiteral("cluster"), QStringLiteral("business-1")}}, {}});
    if (registry.find(QStringLiteral("project")))
        shots.append({QStringLiteral("project-alpha"), QStringLiteral("project"), {{QStringLiteral("project"), QStringLiteral("alpha")}}, {}});
    for (Shot &s : shots)
        if (s.pageId == QLatin1String("policies")) {
            s.args = {{QStringLiteral("project"), QStringLiteral("alpha")}};
            s.prepare = previewBaseline;
        }
    if (registry.find(QStringLiteral("resources")))
        shots.append({QStringLiteral("resources-deployments"), QStringLiteral("resources"), {{QStringLiteral("resource"), QStringLiteral("deployments")}},
                      selectFirstRow});

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
        if (!window.grab().save(file)) {
            err << "acp-screenshots: cannot write " << file << Qt::endl;
            return 1;
        }
        err << file << Qt::endl;
        ++written;
    }
    return written > 0 ? 0 : 1;
}
