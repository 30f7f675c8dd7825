// acp-bench: benchmark scenarios; each prints one JSON object per line {name, value, unit}.
// Scenarios arrive with issue 3 (decode, ingest, churn, filter, chaos).
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream err(stderr);
    err << "usage: acp-bench <scenario> [options]  (no scenarios yet)" << Qt::endl;
    return 2;
}
