// acp-console: the desktop console. See app/Startup.h for the command line.
#include "app/AppPages.h"
#include "app/MainWindow.h"
#include "app/Startup.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QMessageBox>

int main(int argc, char **argv)
{
    // Debug output of the libraries only on request (QT_LOGGING_RULES="acp.*.debug=true").
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("acp.*.debug=false"));
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
    acp::views::PageRegistry registry;
    acp::app::registerAllPages(registry);
    auto *fleet = new acp::models::Fleet(*workspace);
    acp::app::MainWindow window(&registry, fleet);
    window.show();
    return app.exec();
}
