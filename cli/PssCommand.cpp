#include "cli/PssCommand.h"

#include "api/Yaml.h"
#include "models/PodSecurity.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using acp::models::PodSecurity;
using acp::models::PssFinding;
using acp::models::PssLevel;
using acp::models::PssVersion;

namespace acp::cli {

namespace {

constexpr int kExitFailed = 1;
constexpr int kExitInput = 2;

struct CheckOptions {
    PssLevel level = PssLevel::Baseline;
    PssVersion version;
};

int usageError(CommandContext &ctx, const QString &message)
{
    ctx.err << "error: " << message << '\n';
    return kExitInput;
}

QString findingText(const PssFinding &f)
{
    QStringList where;
    if (!f.container.isEmpty())
        where.append(f.container);
    if (!f.field.isEmpty())
        where.append(f.field);
    return where.isEmpty() ? f.check : f.check + u" ("_s + where.join(u", "_s) + u')';
}

// Evaluates one object; returns true when it passed (or was skipped).
bool checkObject(CommandContext &ctx, const QJsonObject &object, const CheckOptions &options)
{
    const QString id = object.value(u"kind"_s).toString() + u'/'
        + object.value(u"metadata"_s).toObject().value(u"name"_s).toString();
    if (!PodSecurity::hasPodSpec(object)) {
        ctx.out << "SKIP " << id << ": no pod template\n";
        return true;
    }
    const auto violations = PodSecurity::evaluate(object, options.level, options.version);
    if (violations.isEmpty()) {
        ctx.out << "PASS " << id << '\n';
        return true;
    }
    QStringList parts;
    for (const PssFinding &f : PodSecurity::findings(object, violations))
        parts.append(findingText(f));
    ctx.out << "FAIL " << id << ": " << parts.join(u"; "_s) << '\n';
    return false;
}

// Objects of one parsed document: the object itself, or the items of a List.
QList<QJsonObject> objectsOf(const QJsonValue &document)
{
    const QJsonObject o = document.toObject();
    if (o.value(u"kind"_s).toString().endsWith(u"List"_s) && o.value(u"items"_s).isArray()) {
        QList<QJsonObject> items;
        for (const QJsonValue &item : o.value(u"items"_s).toArray())
            items.append(item.toObject());
        return items;
    }
    return {o};
}

// Reads and checks one file. Returns false on an input error (reported on stderr).
bool checkFile(CommandContext &ctx, const QString &path, const CheckOptions &options, bool &anyFailed)
{
    QFile file;
    const bool stdinInput = path == u"-"_s;
    const bool opened = stdinInput ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        ctx.err << "error: " << path << ": " << file.errorString() << '\n';
        return false;
    }
    const auto documents = api::yaml::parseAll(file.readAll(), stdinInput ? u"<stdin>"_s : path);
    if (!documents) {
        ctx.err << "error: " << documents.error().toString() << '\n';
        return false;
    }
    for (const api::yaml::Document &doc : *documents) {
        if (!doc.value.isObject()) {
            ctx.err << "error: " << path << ':' << doc.line << ": document is not an object\n";
            return false;
        }
        for (const QJsonObject &object : objectsOf(doc.value)) {
            if (!checkObject(ctx, object, options))
                anyFailed = true;
        }
    }
    return true;
}

int runCheck(CommandContext &ctx)
{
    ArgParser parser(ctx.args);
    parser.addValue(u"level"_s);
    parser.addValue(u"version"_s);
    if (const auto error = parser.parse())
        return usageError(ctx, *error);
    CheckOptions options;
    const auto level = PodSecurity::parseLevel(parser.value(u"level"_s));
    if (!level || *level == PssLevel::Privileged)
        return usageError(ctx, u"--level must be baseline or restricted"_s);
    options.level = *level;
    const auto version = PodSecurity::parseVersion(parser.value(u"version"_s, u"latest"_s));
    if (!version)
        return usageError(ctx, u"--version must be latest or v1.<minor>, got \"%1\""_s.arg(parser.value(u"version"_s)));
    options.version = *version;
    const QStringList files = parser.positional();
    if (files.isEmpty())
        return usageError(ctx, u"no input files: acpctl pss check --level baseline|restricted [--version vX.Y] FILE..."_s);
    bool anyFailed = false;
    bool inputError = false;
    for (const QString &path : files) {
        if (!checkFile(ctx, path, options, anyFailed))
            inputError = true;
    }
    ctx.out.flush();
    return inputError ? kExitInput : (anyFailed ? kExitFailed : 0);
}

} // namespace

void registerPssCommands(CommandRegistry &registry)
{
    registry.add({u"pss"_s, u"check"_s},
                 u"Check Pods and workload templates in files against a Pod Security Standards level"_s,
                 runCheck);
}

} // namespace acp::cli
