#include "cli/ApplyCommand.h"

#include "cli/GetCommand.h"
#include "models/ApplyEngine.h"
#include "models/ClusterConnection.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>

namespace acp::cli {

namespace {

struct Input {
    QString name;        // as given ("-" = stdin)
    QByteArray text;
};

struct ApplyArgs {
    QStringList files;
    models::ApplyOptions options;
    GetTarget target;
};

// -f/--filename may repeat: taken out of the arguments before ArgParser (which keeps one value).
QStringList takeFiles(QStringList &args)
{
    QStringList files, rest;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((a == QLatin1String("-f") || a == QLatin1String("--filename")) && i + 1 < args.size())
            files << args.at(++i);
        else if (a.startsWith(QLatin1String("--filename=")))
            files << a.mid(11);
        else if (a.startsWith(QLatin1String("-f")) && a.size() > 2 && !a.startsWith(QLatin1String("--")))
            files << a.mid(a.at(2) == QLatin1Char('=') ? 3 : 2);
        else
            rest << a;
    }
    args = rest;
    return files;
}

api::Result<Input> readInput(const QString &name)
{
    QFile f;
    if (name == QLatin1String("-")) {
        if (!f.open(stdin, QIODevice::ReadOnly))
            return api::ApiError{0, QStringLiteral("BadRequest"), QStringLiteral("cannot read stdin")};
    } else {
        f.setFileName(name);
        if (!f.open(QIODevice::ReadOnly))
            return api::ApiError{0, QStringLiteral("BadRequest"),
                                 QStringLiteral("the path \"%1\" does not exist").arg(name)};
    }
    return Input{name, f.readAll()};
}

// kubectl's -f: a directory stands for its *.json, *.yaml and *.yml files (by name, not recursive).
QStringList expandFiles(const QStringList &names)
{
    QStringList out;
    for (const QString &name : names) {
        const QFileInfo info(name);
        if (name == QLatin1String("-") || !info.isDir()) {
            out << name;
            continue;
        }
        const QDir dir(name);
        for (const QString &f : dir.entryList({QStringLiteral("*.json"), QStringLiteral("*.yaml"), QStringLiteral("*.yml")},
                                              QDir::Files, QDir::Name))
            out << dir.filePath(f);
    }
    return out;
}

// Parses the flags shared by apply and diff; nullopt-or-error through `error`.
std::optional<ApplyArgs> parseArgs(CommandContext &ctx, bool diff, QString *error)
{
    QStringList args = ctx.args;
    ApplyArgs a;
    a.files = expandFiles(takeFiles(args));
    ArgParser p(args);
    p.addBool(QStringLiteral("server-side"));
    p.addBool(QStringLiteral("force-conflicts"));
    p.addValue(QStringLiteral("field-manager"));
    if (!diff)
        p.addValue(QStringLiteral("dry-run"));
    if (auto e = p.parse()) {
        *error = *e;
        return std::nullopt;
    }
    if (!p.positional().isEmpty()) {
        *error = QStringLiteral("unexpected arguments: %1").arg(p.positional().join(u' '));
        return std::nullopt;
    }
    if (a.files.isEmpty()) {
        *error = QStringLiteral("must specify one of -f and -k");
        return std::nullopt;
    }
    const QString dryRun = p.value(QStringLiteral("dry-run"), QStringLiteral("none"));
    if (dryRun != QLatin1String("server") && dryRun != QLatin1String("none")) {
        *error = QStringLiteral("--dry-run=%1 is not supported by acpctl (use server or none)").arg(dryRun);
        return std::nullopt;
    }
    if (p.flag(QStringLiteral("force-conflicts")) && !p.flag(QStringLiteral("server-side"))) {
        *error = QStringLiteral("--force-conflicts only works with --server-side");
        return std::nullopt;
    }
    auto config = api::Kubeconfig::load(ctx.global.loadOptions());
    if (!config) {
        *error = config.error().message;
        return std::nullopt;
    }
    auto target = singleTarget(ctx.global, *config);
    if (!target) {
        *error = target.error().message;
        return std::nullopt;
    }
    a.target = *target;
    a.options.mode = p.flag(QStringLiteral("server-side")) ? models::ApplyMode::ServerSideApply : models::ApplyMode::Apply;
    a.options.force = p.flag(QStringLiteral("force-conflicts"));
    a.options.dryRun = dryRun == QLatin1String("server");
    a.options.fieldManager = p.value(QStringLiteral("field-manager"), QStringLiteral("acp-console"));
    a.options.namespaceName = target->namespaceName;
    a.options.enforceNamespace = !ctx.global.namespaceName.isEmpty();
    return a;
}

QString verbOf(models::ApplyMode mode)
{
    return mode == models::ApplyMode::Replace ? QStringLiteral("replacing") : QStringLiteral("creating");
}

// kubectl's text of one failed document (without the "error: " prefix of a lone local error).
QString errorText(const models::ApplyResult &r, const models::ApplyOptions &o)
{
    const api::ApiError &e = *r.error;
    if (!r.conflicts.isEmpty())
        return e.message + QStringLiteral("\nPlease review the fields above--they currently have other managers. Here\n"
                                          "are the ways you can resolve this warning:\n"
                                          "* If you intend to manage all of these fields, please re-run the apply\n"
                                          "  command with the `--force-conflicts` flag.\n"
                                          "* If you do not intend to manage all of the fields, please edit your\n"
                                          "  manifest to remove references to the fields that should keep their\n"
                                          "  current managers.\n"
                                          "* You may co-own fields by updating your manifest to match the existing\n"
                                          "  value; in this case, you'll become the manager if the other manager(s)\n"
                                          "  stop managing the field (remove it from their configuration).\n"
                                          "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts");
    if (e.httpStatus == 0 && r.resource.isEmpty() && e.reason == QLatin1String("NotFound"))
        return QStringLiteral("resource mapping not found for name: \"%1\" namespace: \"%2\" from \"%3\": %4\n"
                              "ensure CRDs are installed first")
            .arg(r.name, r.namespaceName, o.fileName, e.message);
    if (e.httpStatus == 0)
        return e.line > 0 ? e.toString() : e.message;
    // kubectl returns server-side apply errors as they are; client-side ones name the file.
    const QString what = o.mode == models::ApplyMode::ServerSideApply
        ? e.message
        : QStringLiteral("error when %1 \"%2\": %3").arg(verbOf(o.mode), o.fileName, e.message);
    return e.reason.isEmpty() ? QStringLiteral("Error from server: ") + what
                              : QStringLiteral("Error from server (%1): %2").arg(e.reason, what);
}

bool isLocal(const models::ApplyResult &r)
{
    return r.error && (r.error->httpStatus == 0 || !r.conflicts.isEmpty());
}

// kubectl's text for a lone Invalid error (cmdutil.CheckErr): "The Kind \"name\" is invalid: "
// and the causes (one inline, several as "* field: message" lines).
std::optional<QString> invalidText(const api::ApiError &e)
{
    if (!e.isInvalid() || e.httpStatus == 0 || e.details.isEmpty())
        return std::nullopt;
    const QString kind = e.details.value(QLatin1String("kind")).toString();
    const QString name = e.details.value(QLatin1String("name")).toString();
    QString s = kind.isEmpty() && name.isEmpty() ? QStringLiteral("The request is invalid")
                                                 : QStringLiteral("The %1 \"%2\" is invalid").arg(kind, name);
    QStringList causes;
    for (const QJsonValue &v : e.details.value(QLatin1String("causes")).toArray()) {
        const QJsonObject c = v.toObject();
        causes << c.value(QLatin1String("field")).toString() + QStringLiteral(": ") + c.value(QLatin1String("message")).toString();
    }
    if (causes.isEmpty())
        return s;
    if (causes.size() == 1)
        return s + QStringLiteral(": ") + causes.first();
    return s + QStringLiteral(": \n* ") + causes.join(QStringLiteral("\n* "));
}

void printWarnings(CommandContext &ctx, const QStringList &warnings)
{
    for (const QString &w : warnings)
        ctx.err << "Warning: " << w << '\n';
}

// The cluster connection's informer logs (acp.models debug/info) stay out of kubectl's output.
void quietModels()
{
    QLoggingCategory::setFilterRules(QStringLiteral("acp.models.debug=false\nacp.models.info=false"));
}

// Runs `start` (which calls back with `done`) in a local event loop.
template <typename T, typename Start>
T runLoop(Start start)
{
    std::optional<T> out;
    QEventLoop loop;
    start(&loop, [&](const T &r) {
        out.emplace(r);
        loop.quit();
    });
    if (!out)
        loop.exec();
    return *out;
}

int apply(CommandContext &ctx)
{
    QString error;
    auto a = parseArgs(ctx, false, &error);
    if (!a)
        return ctx.fail(error);
    quietModels();
    models::ClusterConnection connection(a->target.label, api::KubeClient(a->target.config));
    models::ApplyEngine engine(&connection);
    QStringList errors;
    int localErrors = 0;
    std::optional<api::ApiError> lastError;
    for (const QString &file : a->files) {
        const auto input = readInput(file);
        if (!input)
            return ctx.fail(input.error().message);
        models::ApplyOptions o = a->options;
        o.fileName = file;
        const auto results = runLoop<api::Result<QList<models::ApplyResult>>>([&](QObject *loop, auto done) {
            engine.apply(input->text, o, loop, done, [&](const models::ApplyResult &r) {
                printWarnings(ctx, r.warnings);
                if (r.ok())
                    ctx.out << r.kubectlLine() << '\n';
                ctx.out.flush();
                ctx.err.flush();
            });
        });
        if (!results)
            return ctx.fail(results.error().toString());
        for (const models::ApplyResult &r : *results) {
            if (!r.ok()) {
                errors << errorText(r, o);
                localErrors += isLocal(r) ? 1 : 0;
                lastError = r.error;
            }
        }
    }
    // kubectl: one error is printed alone ("error: " before local ones); several one per line.
    if (errors.size() == 1 && localErrors == 1)
        ctx.err << "error: ";
    if (errors.size() == 1 && invalidText(*lastError))
        errors = QStringList{*invalidText(*lastError)};
    for (const QString &e : errors)
        ctx.err << e << '\n';
    ctx.err.flush();
    return errors.isEmpty() ? 0 : 1;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Runs diff (or $KUBECTL_EXTERNAL_DIFF) on the two directories; returns its exit code.
int runDiff(CommandContext &ctx, const QString &live, const QString &merged)
{
    QStringList command{QStringLiteral("diff"), QStringLiteral("-u"), QStringLiteral("-N")};
    const QString external = qEnvironmentVariable("KUBECTL_EXTERNAL_DIFF");
    if (!external.trimmed().isEmpty())
        command = external.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(command.first(), command.mid(1) + QStringList{live, merged});
    if (!p.waitForStarted(10000)) {
        ctx.err << "error: failed to run \"" << command.first() << "\": " << p.errorString() << '\n';
        return 2;
    }
    p.waitForFinished(-1);
    ctx.out << QString::fromUtf8(p.readAllStandardOutput());
    ctx.err << QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 2;
}

int diff(CommandContext &ctx)
{
    QString error;
    auto a = parseArgs(ctx, true, &error);
    if (!a) {
        ctx.fail(error);
        return 2;
    }
    quietModels();
    models::ClusterConnection connection(a->target.label, api::KubeClient(a->target.config));
    models::ApplyEngine engine(&connection);
    QTemporaryDir live(QDir::tempPath() + QStringLiteral("/LIVE-XXXXXXXXX"));
    QTemporaryDir merged(QDir::tempPath() + QStringLiteral("/MERGED-XXXXXXXXX"));
    QStringList errors;
    for (const QString &file : a->files) {
        const auto input = readInput(file);
        if (!input) {
            ctx.fail(input.error().message);
            return 2;
        }
        models::ApplyOptions o = a->options;
        o.fileName = file;
        const auto diffs = runLoop<api::Result<QList<models::ApplyDiff>>>(
            [&](QObject *loop, auto done) { engine.diff(input->text, o, loop, done); });
        if (!diffs) {
            ctx.fail(diffs.error().toString());
            return 2;
        }
        for (const models::ApplyDiff &d : *diffs) {
            printWarnings(ctx, d.result.warnings);
            if (!d.result.ok()) {
                errors << errorText(d.result, o);
                continue;
            }
            if (!d.liveYaml.isEmpty())
                writeFile(live.filePath(d.fileName), d.liveYaml);
            writeFile(merged.filePath(d.fileName), d.mergedYaml);
        }
    }
    if (!errors.isEmpty()) {
        for (const QString &e : errors)
            ctx.err << e << '\n';
        return 2;
    }
    ctx.out.flush();
    const int code = runDiff(ctx, live.path(), merged.path());
    return code <= 1 ? code : 2;
}

} // namespace

void registerApplyCommands(CommandRegistry &registry)
{
    registry.add({QStringLiteral("apply")}, QStringLiteral("Apply a configuration to a resource by file name or stdin"), apply);
    registry.add({QStringLiteral("diff")}, QStringLiteral("Diff the live version against what would be applied"), diff);
}

} // namespace acp::cli
