// acp-console: the desktop console. See app/Startup.h for the command line; --startup-report
// prints {"name":"startup.window_ms","value":N,"unit":"ms"} once the main window is shown and
// exposed (N measured from the top of main) and quits, for the cold-start bench.
#include "app/AppPages.h"
#include "app/ConsoleController.h"
#include "app/MainWindow.h"
#include "app/SsoModule.h"
#include "app/Startup.h"
#include "app/Theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QWindow>
#include <cstdio>

namespace {

// Reports the time to the first exposed main window and quits.
class StartupReporter : public QObject {
public:
    StartupReporter(const QElapsedTimer &clock, QObject *parent) : QObject(parent), m_clock(clock) {}
    void watch(QWindow *window)
    {
        if (window->isExposed())
            return report();
        window->installEventFilter(this);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && static_cast<QWindow *>(watched)->isExposed())
            report();
        return false;
    }

private:
    void report()
    {
        if (m_done)
            return;
        m_done = true;
        std::printf("{\"name\":\"startup.window_ms\",\"value\":%lld,\"unit\":\"ms\"}\n", static_cast<long long>(m_clock.elapsed()));
        std::fflush(stdout);
        QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    }
    QElapsedTimer m_clock;
    bool m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    // Debug output of the libraries only on request (QT_LOGGING_RULES="acp.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("acp.*.debug=false"));
    // What the SSO browser (QtWebEngine, loaded only for a single sign-on) needs from the start.
    acp::app::SsoModule::prepareProcess();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("acp-console"));
    QApplication::setApplicationName(QStringLiteral("acp-console"));
    QApplication::setApplicationVersion(QStringLiteral(ACP_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ACP Console: a desktop console for ACP and any Kubernetes fleet."));
    parser.addHelpOption();
    parser.addVersionOption();
    acp::app::StartupOptions options;
    options.addTo(parser);
    const QCommandLineOption startupReport(QStringLiteral("startup-report"),
                                           QStringLiteral("Print the time to the first shown window as one JSON line, then quit."));
    parser.addOption(startupReport);
    parser.process(app);
    options.readFrom(parser);

    acp::app::Startup startup;
    auto workspace = startup.open(options);
    if (!workspace) {
        const QString text = workspace.error().toString();
        qCritical("acp-console: %s", qPrintable(text));
        QMessageBox::critical(nullptr, QStringLiteral("ACP Console"), text);
        return 1;
    }
    acp::app::Theme::instance()->restore();
    acp::views::PageRegistry registry;
    acp::app::registerAllPages(registry);
    acp::app::ConsoleController console(&registry, startup.loadOptions());
    acp::app::MainWindow *window = console.open(*workspace);
    if (parser.isSet(startupReport))
        (new StartupReporter(clock, &app))->watch(window->windowHandle());
    return app.exec();
}
