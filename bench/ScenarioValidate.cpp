// acp-bench validate [--file F]... [--runs 5]: the YAML editor's schema checks on a large CRD
// manifest. Default input: kyverno's ClusterPolicy CRD (1.4 MB) and OLM's ClusterServiceVersion CRD
// (0.8 MB) from ../shared/testdata/crds as one 2.2 MB two-document text, validated against the
// Kubernetes 1.35 apiextensions.k8s.io/v1 OpenAPI document. Prints the median of --runs for:
// the position map (api::YamlPositions::build: parse + paths + ranges), the validation
// (SchemaValidator over the parsed documents), their sum (what YamlValidationService does per
// text revision, on a worker thread), one completion and one hover query, plus the one-time
// SchemaIndex build from the OpenAPI document; api::yaml::parseAll alone for comparison; the
// position map after a one-line edit in the last document, reusing the previous revision's
// unchanged documents (YamlPositions::build(text, previous)).
#include "api/Yaml.h"
#include "api/YamlPositions.h"
#include "bench/Scenario.h"
#include "models/SchemaIndex.h"
#include "models/SchemaValidator.h"
#include "models/YamlAssist.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>

namespace acp::bench {
namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

int validate(const QStringList &args)
{
    QTextStream err(stderr);
    const QString shared = qEnvironmentVariable("ACP_SHARED_DIR", QCoreApplication::applicationDirPath() + QStringLiteral("/../../../shared"));
    QStringList files;
    for (int i = 0; i + 1 < args.size(); ++i)
        if (args.at(i) == QLatin1String("--file"))
            files.append(args.at(i + 1));
    if (files.isEmpty())
        files = {shared + QStringLiteral("/testdata/crds/kyverno/kyverno/kyverno.io_clusterpolicies.yaml"),
                 shared + QStringLiteral("/testdata/crds/olm/operators.coreos.com_clusterserviceversions.yaml")};
    QByteArray text;
    for (const QString &f : files) {
        const QByteArray b = readAll(f);
        if (b.isEmpty()) {
            err << "cannot read " << f << " (set ACP_SHARED_DIR)\n";
            return 2;
        }
        text += (text.isEmpty() || b.startsWith("---") ? QByteArray() : QByteArray("---\n")) + b;
    }
    const QString source = QString::fromUtf8(text);
    const QByteArray openapi = readAll(shared + QStringLiteral("/testdata/openapi/kubectl-validate/pkg/openapiclient/builtins/1.35/apis/apiextensions.k8s.io/v1.json"));
    const int runs = option(QStringLiteral("--runs"), args, QStringLiteral("5")).toInt();

    QElapsedTimer t;
    t.start();
    models::SchemaIndex index;
    if (!index.addOpenApiDocument(openapi)) {
        err << "cannot read the apiextensions OpenAPI document\n";
        return 2;
    }
    const double indexMs = t.nsecsElapsed() / 1e6;

    // An edit in the last document (one line appended to it): what a keystroke's revalidation
    // parses when the previous revision's documents are reused.
    const QString edited = source + (source.endsWith(QLatin1Char('\n')) ? QString() : QStringLiteral("\n"))
        + QStringLiteral("# edited\n");
    QList<double> parseMs, mapMs, checkMs, totalMs, completeMs, hoverMs, reuseMs;
    int reusedDocs = 0;
    qsizetype diagnostics = 0, lines = 0, positionsDocs = 0;
    for (int r = 0; r < runs; ++r) {
        t.restart();
        const auto plain = api::yaml::parseAll(text);   // the parser alone, for comparison
        parseMs << t.nsecsElapsed() / 1e6;
        Q_UNUSED(plain);
        t.restart();
        const api::YamlPositions positions = api::YamlPositions::build(source);
        const double a = t.nsecsElapsed() / 1e6;
        t.restart();
        const QList<models::YamlDiagnostic> found = models::SchemaValidator(index).validate(positions);
        const double b = t.nsecsElapsed() / 1e6;
        diagnostics = found.size();
        if (r == 0 && args.contains(QLatin1String("-v")))
            for (const models::YamlDiagnostic &d : found)
                err << d.line << ':' << d.column << ' ' << d.message << '\n';
        lines = positions.lines().size();
        positionsDocs = positions.documents().size();
        t.restart();
        const api::YamlPositions again = api::YamlPositions::build(edited, &positions);
        reuseMs << t.nsecsElapsed() / 1e6;
        reusedDocs = api::YamlPositions::lastReusedDocuments();
        Q_UNUSED(again);
        mapMs << a;
        checkMs << b;
        totalMs << a + b;
        const models::YamlAssist assist(index);
        const int mid = int(lines / 2);
        t.restart();
        const auto completions = assist.completions(positions, mid, 20);
        completeMs << t.nsecsElapsed() / 1e6;
        t.restart();
        const auto doc = assist.documentation(positions, mid, 20);
        hoverMs << t.nsecsElapsed() / 1e6;
        Q_UNUSED(completions);
        Q_UNUSED(doc);
    }
    const QJsonObject extra{{QStringLiteral("bytes"), text.size()}, {QStringLiteral("lines"), lines},
                            {QStringLiteral("diagnostics"), diagnostics}, {QStringLiteral("runs"), runs}};
    printResult(QStringLiteral("validate.index_build"), indexMs, QStringLiteral("ms"));
    printResult(QStringLiteral("validate.yaml_parse_only"), median(parseMs), QStringLiteral("ms"), extra);
    printResult(QStringLiteral("validate.position_map"), median(mapMs), QStringLiteral("ms"), extra);
    printResult(QStringLiteral("validate.schema_check"), median(checkMs), QStringLiteral("ms"), extra);
    printResult(QStringLiteral("validate.total"), median(totalMs), QStringLiteral("ms"), extra);
    printResult(QStringLiteral("validate.position_map_after_edit"), median(reuseMs), QStringLiteral("ms"),
                {{QStringLiteral("documents"), int(positionsDocs)}, {QStringLiteral("reused"), reusedDocs}});
    printResult(QStringLiteral("validate.completion"), median(completeMs), QStringLiteral("ms"));
    printResult(QStringLiteral("validate.hover"), median(hoverMs), QStringLiteral("ms"));
    printResult(QStringLiteral("validate.peak_rss"), peakRssBytes() / 1048576.0, QStringLiteral("MiB"));
    return 0;
}

} // namespace

ACP_BENCH_SCENARIO("validate", "[--file F]... [--runs 5] [-v]: YAML position map + schema validation of a 2.2 MB CRD manifest (ms), completion/hover (ms)",
                   validate);

} // namespace acp::bench
