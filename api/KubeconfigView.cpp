#include "api/KubeconfigView.h"
#include "api/Yaml.h"
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace acp::api {

namespace {

const QByteArray &dataOmitted()
{
    static const QByteArray b = QByteArray::fromBase64("DATA+OMITTED"); // re-encodes to the same text
    return b;
}

// FlattenContent: path -> contents read from disk, relative to the defining file's directory.
std::optional<QString> flatten(QString *path, QByteArray *contents, const QString &origin)
{
    if (path->isEmpty())
        return {};
    if (!contents->isEmpty())
        return QStringLiteral("cannot have values for both path and contents");
    const QString abs = Kubeconfig::resolvePath(*path, origin.isEmpty() ? QStringLiteral("./x") : origin);
    const QString full = QFileInfo(abs).absoluteFilePath();
    QFile f(full);
    if (!f.open(QIODevice::ReadOnly)) {
        if (QFileInfo(full).isDir())
            return QStringLiteral("read %1: is a directory").arg(full);
        return QStringLiteral("open %1: %2").arg(full, f.exists() ? QStringLiteral("permission denied")
                                                                  : QStringLiteral("no such file or directory"));
    }
    *contents = f.readAll();
    path->clear();
    return {};
}

template <typename Entry, typename Enc>
QJsonValue namedList(const QMap<QString, Entry> &m, const char *inner, Enc encode)
{
    if (m.isEmpty())
        return QJsonValue::Null;
    QJsonArray a;
    for (auto it = m.begin(); it != m.end(); ++it)
        a.append(QJsonObject{{QStringLiteral("name"), it.key()}, {QLatin1String(inner), encode(it->value)}});
    return a;
}

int rank(const QString &key)
{
    static const QStringList order{
        QStringLiteral("kind"), QStringLiteral("command"), QStringLiteral("args"), QStringLiteral("env"), QStringLiteral("apiVersion"),
        QStringLiteral("preferences"), QStringLiteral("clusters"), QStringLiteral("users"), QStringLiteral("contexts"),
        QStringLiteral("current-context"), QStringLiteral("name"), QStringLiteral("value"), QStringLiteral("cluster"), QStringLiteral("user"),
        QStringLiteral("context"), QStringLiteral("extension"), QStringLiteral("server"), QStringLiteral("tls-server-name"),
        QStringLiteral("insecure-skip-tls-verify"), QStringLiteral("certificate-authority"), QStringLiteral("certificate-authority-data"),
        QStringLiteral("proxy-url"), QStringLiteral("disable-compression"), QStringLiteral("client-certificate"),
        QStringLiteral("client-certificate-data"), QStringLiteral("client-key"), QStringLiteral("client-key-data"), QStringLiteral("token"),
        QStringLiteral("tokenFile"), QStringLiteral("as"), QStringLiteral("as-uid"), QStringLiteral("as-groups"), QStringLiteral("as-user-extra"),
        QStringLiteral("username"), QStringLiteral("password"), QStringLiteral("auth-provider"), QStringLiteral("exec"),
        QStringLiteral("namespace"), QStringLiteral("installHint"), QStringLiteral("provideClusterInfo"), QStringLiteral("interactiveMode"),
        QStringLiteral("config"), QStringLiteral("colors"), QStringLiteral("extensions")};
    const int i = order.indexOf(key);
    return i < 0 ? 1000 : i;
}

void writeString(QByteArray &out, const QString &s)
{
    out.append('"');
    for (const QChar c : s) {
        const ushort u = c.unicode();
        if (u == '"') out.append("\\\"");
        else if (u == '\\') out.append("\\\\");
        else if (u == '\n') out.append("\\n");
        else if (u == '\r') out.append("\\r");
        else if (u == '\t') out.append("\\t");
        else if (u < 0x20 || u == '<' || u == '>' || u == '&' || u == 0x2028 || u == 0x2029)
            out.append(QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0')).toLatin1());
        else
            out.append(QString(c).toUtf8());
    }
    out.append('"');
}

void writeValue(QByteArray &out, const QJsonValue &v, int depth, bool structOrder)
{
    const QByteArray pad(4 * (depth + 1), ' '), close(4 * depth, ' ');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.isEmpty()) { out.append("{}"); return; }
        QStringList keys = o.keys();
        if (structOrder)
            std::stable_sort(keys.begin(), keys.end(), [](const QString &a, const QString &b) { return rank(a) < rank(b); });
        out.append("{\n");
        for (int i = 0; i < keys.size(); ++i) {
            out.append(pad);
            writeString(out, keys.at(i));
            out.append(": ");
            const bool mapValue = keys.at(i) == QLatin1String("extension") || keys.at(i) == QLatin1String("config")
                || keys.at(i) == QLatin1String("as-user-extra");
            writeValue(out, o.value(keys.at(i)), depth + 1, structOrder && !mapValue);
            out.append(i + 1 < keys.size() ? ",\n" : "\n");
        }
        out.append(close).append('}');
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        if (a.isEmpty()) { out.append("[]"); return; }
        out.append("[\n");
        for (int i = 0; i < a.size(); ++i) {
            out.append(pad);
            writeValue(out, a.at(i), depth + 1, structOrder);
            out.append(i + 1 < a.size() ? ",\n" : "\n");
        }
        out.append(close).append(']');
    } else if (v.isString()) {
        writeString(out, v.toString());
    } else if (v.isBool()) {
        out.append(v.toBool() ? "true" : "false");
    } else if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)) && qAbs(d) < 1e15) out.append(QByteArray::number(qint64(d)));
        else out.append(QByteArray::number(d, 'g', 17));
    } else {
        out.append("null");
    }
}

} // namespace

Result<QJsonObject> KubeconfigView::build(const Kubeconfig &k, const KubeconfigViewOptions &o)
{
    QString current = k.currentContext();
    QMap<QString, ClusterEntry> clusters = k.clusters();
    QMap<QString, AuthInfoEntry> users = k.users();
    QMap<QString, ContextEntry> contexts = k.contexts();
    auto fail = [](const QString &m) { return Kubeconfig::configError(m); };
    if (o.minify) { // MinifyConfig
        if (!o.context.isEmpty())
            current = o.context;
        if (current.isEmpty())
            return fail(QStringLiteral("current-context must exist in order to minify"));
        if (!contexts.contains(current))
            return fail(QStringLiteral("cannot locate context %1").arg(current));
        const KubeContext ctx = contexts.value(current).value;
        QMap<QString, ClusterEntry> c;
        QMap<QString, AuthInfoEntry> u;
        if (!ctx.cluster.isEmpty()) {
            if (!clusters.contains(ctx.cluster))
                return fail(QStringLiteral("cannot locate cluster %1").arg(ctx.cluster));
            c.insert(ctx.cluster, clusters.value(ctx.cluster));
        }
        if (!ctx.user.isEmpty()) {
            if (!users.contains(ctx.user))
                return fail(QStringLiteral("cannot locate user %1").arg(ctx.user));
            u.insert(ctx.user, users.value(ctx.user));
        }
        contexts = {{current, contexts.value(current)}};
        clusters = c;
        users = u;
    }
    if (o.flatten) {
        for (auto &u : users) {
            if (auto e = flatten(&u.value.clientCertificate, &u.value.clientCertificateData, u.origin)) return fail(*e);
            if (auto e = flatten(&u.value.clientKey, &u.value.clientKeyData, u.origin)) return fail(*e);
        }
        for (auto &c : clusters)
            if (auto e = flatten(&c.value.certificateAuthority, &c.value.certificateAuthorityData, c.origin)) return fail(*e);
    } else if (!o.raw) { // ShortenConfig
        for (auto &u : users) {
            if (!u.value.clientKeyData.isEmpty()) u.value.clientKeyData = dataOmitted();
            if (!u.value.clientCertificateData.isEmpty()) u.value.clientCertificateData = dataOmitted();
            if (!u.value.token.isEmpty()) u.value.token = QStringLiteral("REDACTED");
            if (!u.value.password.isEmpty()) u.value.password = QStringLiteral("REDACTED");
        }
        for (auto &c : clusters)
            if (!c.value.certificateAuthorityData.isEmpty()) c.value.certificateAuthorityData = dataOmitted();
    }
    QJsonObject view{{QStringLiteral("kind"), QStringLiteral("Config")},
                     {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                     {QStringLiteral("preferences"), KubeconfigCodec::encodePreferences(k.preferences())},
                     {QStringLiteral("clusters"), namedList(clusters, "cluster", KubeconfigCodec::encodeCluster)},
                     {QStringLiteral("users"), namedList(users, "user", KubeconfigCodec::encodeAuthInfo)},
                     {QStringLiteral("contexts"), namedList(contexts, "context", KubeconfigCodec::encodeContext)},
                     {QStringLiteral("current-context"), current}};
    if (!k.extensions().isEmpty())
        view.insert(QStringLiteral("extensions"), KubeconfigCodec::encodeExtensions(k.extensions()));
    return view;
}

QByteArray KubeconfigView::toJson(const QJsonObject &view)
{
    QByteArray out;
    writeValue(out, view, 0, true);
    out.append('\n');
    return out;
}

QByteArray KubeconfigView::toYaml(const QJsonObject &view)
{
    return yaml::dump(view);
}

} // namespace acp::api
