// acpctl: the console's core layers, headless. Subcommands arrive with issue 3.
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("acpctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ACP_VERSION));
    const QStringList args = app.arguments();
    QTextStream out(stdout), err(stderr);
    if (args.size() >= 2 && args.at(1) == QLatin1String("version")) {
        out << "acpctl " << ACP_VERSION << Qt::endl;
        return 0;
    }
    err << "usage: acpctl version" << Qt::endl;
    return 2;
}
