#include "api/KubeconfigCodec.h"
#include <QRegularExpression>

namespace acp::api {

namespace {

using Err = std::optional<KubeconfigCodec::Error>;

QString jsonKind(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return QStringLiteral("bool");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::Object: return QStringLiteral("object");
    default: return QStringLiteral("null");
    }
}

// Where we are while decoding: the JSON path with indexes (for line lookup), the Go field path
// without indexes and the Go struct type holding the current fields (for Go's error text).
struct Ctx {
    QString path;   // "clusters[0].cluster"
    QString goPath; // "clusters.cluster"
    QString goType; // "Cluster"

    Ctx field(const QString &key, const QString &type = QString()) const
    {
        return Ctx{path.isEmpty() ? key : path + QLatin1Char('.') + key,
                   goPath.isEmpty() ? key : goPath + QLatin1Char('.') + key, type.isEmpty() ? goType : type};
    }
    Ctx index(int i) const { return Ctx{path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'), goPath, goType}; }
    KubeconfigCodec::Error typeError(const QJsonValue &v, const QString &target) const
    {
        return {path, QStringLiteral("json: cannot unmarshal %1 into Go struct field %2.%3 of type %4")
                          .arg(jsonKind(v), goType, goPath, target)};
    }
};

// Decoders return the first error; null leaves the output untouched (Go's behaviour).
Err getString(const QJsonObject &o, const char *key, const Ctx &c, QString *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isString())
        return c.field(QLatin1String(key)).typeError(v, QStringLiteral("string"));
    *out = v.toString();
    return {};
}

Err getBool(const QJsonObject &o, const char *key, const Ctx &c, bool *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isBool())
        return c.field(QLatin1String(key)).typeError(v, QStringLiteral("bool"));
    *out = v.toBool();
    return {};
}

Err getBytes(const QJsonObject &o, const char *key, const Ctx &c, QByteArray *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isString())
        return c.field(QLatin1String(key)).typeError(v, QStringLiteral("[]uint8"));
    if (auto e = KubeconfigCodec::decodeBase64(v.toString(), out))
        return KubeconfigCodec::Error{c.field(QLatin1String(key)).path, *e};
    return {};
}

Err getStringList(const QJsonValue &v, const Ctx &c, QStringList *out, bool *present = nullptr)
{
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isArray())
        return c.typeError(v, QStringLiteral("[]string"));
    const QJsonArray a = v.toArray();
    if (present)
        *present = true;
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).isNull()) {
            out->append(QString());
            continue;
        }
        if (!a.at(i).isString())
            return c.index(i).typeError(a.at(i), QStringLiteral("string"));
        out->append(a.at(i).toString());
    }
    return {};
}

Err getObject(const QJsonValue &v, const Ctx &c, const QString &goTarget, QJsonObject *out)
{
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isObject())
        return c.typeError(v, goTarget);
    *out = v.toObject();
    return {};
}

Err getExtensions(const QJsonObject &o, const Ctx &c, KubeExtensions *out)
{
    const QJsonValue v = o.value(QLatin1String("extensions"));
    const Ctx f = c.field(QStringLiteral("extensions"));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isArray())
        return f.typeError(v, QStringLiteral("[]v1.NamedExtension"));
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
        QJsonObject item;
        if (auto e = getObject(a.at(i), f.index(i), QStringLiteral("v1.NamedExtension"), &item))
            return e;
        const Ctx ic{f.index(i).path, f.goPath, QStringLiteral("NamedExtension")};
        QString name;
        if (auto e = getString(item, "name", ic, &name))
            return e;
        if (!out->contains(name)) // clientcmd's conversion keeps the first of a repeated name
            out->insert(name, item.value(QLatin1String("extension")));
    }
    return {};
}

Err decodeExec(const QJsonObject &o, const Ctx &c, ExecConfig *x)
{
    if (auto e = getString(o, "command", c, &x->command)) return e;
    if (auto e = getStringList(o.value(QLatin1String("args")), c.field(QStringLiteral("args")), &x->args)) return e;
    const QJsonValue env = o.value(QLatin1String("env"));
    const Ctx ec = c.field(QStringLiteral("env"));
    if (!env.isNull() && !env.isUndefined()) {
        if (!env.isArray())
            return ec.typeError(env, QStringLiteral("[]v1.ExecEnvVar"));
        const QJsonArray a = env.toArray();
        for (int i = 0; i < a.size(); ++i) {
            QJsonObject item;
            if (auto e = getObject(a.at(i), ec.index(i), QStringLiteral("v1.ExecEnvVar"), &item)) return e;
            const Ctx ic{ec.index(i).path, ec.goPath, QStringLiteral("ExecEnvVar")};
            ExecEnvVar var;
            if (auto e = getString(item, "name", ic, &var.name)) return e;
            if (auto e = getString(item, "value", ic, &var.value)) return e;
            x->env.append(var);
        }
    }
    if (auto e = getString(o, "apiVersion", c, &x->apiVersion)) return e;
    if (auto e = getString(o, "installHint", c, &x->installHint)) return e;
    if (auto e = getBool(o, "provideClusterInfo", c, &x->provideClusterInfo)) return e;
    if (auto e = getString(o, "interactiveMode", c, &x->interactiveMode)) return e;
    // clientcmd v1 defaulting: v1beta1 (and the removed v1alpha1) default to IfAvailable.
    if (x->interactiveMode.isEmpty()
        && (x->apiVersion == QLatin1String("client.authentication.k8s.io/v1beta1")
            || x->apiVersion == QLatin1String("client.authentication.k8s.io/v1alpha1")))
        x->interactiveMode = QStringLiteral("IfAvailable");
    return {};
}

Err decodeAuthProvider(const QJsonObject &o, const Ctx &c, AuthProviderConfig *p)
{
    if (auto e = getString(o, "name", c, &p->name)) return e;
    QJsonObject cfg;
    const Ctx cc = c.field(QStringLiteral("config"));
    if (auto e = getObject(o.value(QLatin1String("config")), cc, QStringLiteral("map[string]string"), &cfg)) return e;
    for (auto it = cfg.begin(); it != cfg.end(); ++it) {
        if (it.value().isNull())
            continue;
        if (!it.value().isString())
            return cc.field(it.key()).typeError(it.value(), QStringLiteral("string"));
        p->config.insert(it.key(), it.value().toString());
    }
    return {};
}

Err decodeImpersonation(const QJsonObject &o, const Ctx &c, KubeAuthInfo *u)
{
    if (auto e = getString(o, "as", c, &u->impersonate)) return e;
    if (auto e = getString(o, "as-uid", c, &u->impersonateUid)) return e;
    if (auto e = getStringList(o.value(QLatin1String("as-groups")), c.field(QStringLiteral("as-groups")), &u->impersonateGroups)) return e;
    QJsonObject extra;
    const Ctx xc = c.field(QStringLiteral("as-user-extra"));
    if (auto e = getObject(o.value(QLatin1String("as-user-extra")), xc, QStringLiteral("map[string][]string"), &extra)) return e;
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        QStringList values;
        if (auto e = getStringList(it.value(), xc.field(it.key()), &values)) return e;
        u->impersonateUserExtra.insert(it.key(), values);
    }
    return {};
}

template <typename T, typename F>
Err decodeList(const QJsonObject &root, const char *listKey, const char *innerKey, const QString &goElem,
               const QString &goInner, F decodeInner, QList<KubeEntry<T>> *out)
{
    const Ctx lc{QLatin1String(listKey), QLatin1String(listKey), QStringLiteral("Config")};
    const QJsonValue v = root.value(QLatin1String(listKey));
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isArray())
        return lc.typeError(v, QStringLiteral("[]v1.") + goElem);
    const QJsonArray a = v.toArray();
    for (int i = 0; i < a.size(); ++i) {
        QJsonObject item;
        if (auto e = getObject(a.at(i), lc.index(i), QStringLiteral("v1.") + goElem, &item)) return e;
        const Ctx ic{lc.index(i).path, lc.goPath, goElem};
        KubeEntry<T> entry;
        if (auto e = getString(item, "name", ic, &entry.name)) return e;
        const Ctx inner = ic.field(QLatin1String(innerKey), goInner);
        const QJsonValue iv = item.value(QLatin1String(innerKey));
        if (auto e = getObject(iv, inner, QStringLiteral("v1.") + goInner, &entry.raw)) return e;
        if (auto e = decodeInner(iv, inner.path, &entry.value)) return e;
        out->append(entry);
    }
    return {};
}

} // namespace

std::optional<QString> KubeconfigCodec::decodeBase64(const QString &text, QByteArray *out)
{
    static const QByteArray alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    QByteArray clean;
    QList<int> pos; // input offset of each kept byte
    const QByteArray in = text.toUtf8();
    for (int i = 0; i < in.size(); ++i) {
        if (in.at(i) == '\r' || in.at(i) == '\n')
            continue;
        clean.append(in.at(i));
        pos.append(i);
    }
    auto bad = [&](int k) {
        return QStringLiteral("illegal base64 data at input byte %1").arg(k < pos.size() ? pos.at(k) : in.size());
    };
    int pad = clean.size();
    for (int k = 0; k < clean.size(); ++k) {
        if (clean.at(k) == '=') {
            pad = k;
            break;
        }
        if (!alphabet.contains(clean.at(k)))
            return bad(k);
    }
    const int padCount = clean.size() - pad;
    for (int k = pad; k < clean.size(); ++k)
        if (clean.at(k) != '=')
            return bad(k);
    if (clean.size() % 4 != 0 || padCount > 2 || (padCount > 0 && pad % 4 < 2))
        return bad(padCount > 0 ? pad : (clean.size() / 4) * 4);
    *out = QByteArray::fromBase64(clean);
    return {};
}

std::optional<KubeconfigCodec::Error> KubeconfigCodec::decodeCluster(const QJsonValue &v, const QString &path, KubeCluster *c)
{
    const QJsonObject o = v.toObject();
    const Ctx x{path, QString(path).remove(QRegularExpression(QStringLiteral("\\[\\d+\\]"))), QStringLiteral("Cluster")};
    if (auto e = getString(o, "server", x, &c->server)) return e;
    if (auto e = getString(o, "tls-server-name", x, &c->tlsServerName)) return e;
    if (auto e = getBool(o, "insecure-skip-tls-verify", x, &c->insecureSkipTlsVerify)) return e;
    if (auto e = getString(o, "certificate-authority", x, &c->certificateAuthority)) return e;
    if (auto e = getBytes(o, "certificate-authority-data", x, &c->certificateAuthorityData)) return e;
    if (auto e = getString(o, "proxy-url", x, &c->proxyUrl)) return e;
    if (auto e = getBool(o, "disable-compression", x, &c->disableCompression)) return e;
    return getExtensions(o, x, &c->extensions);
}

std::optional<KubeconfigCodec::Error> KubeconfigCodec::decodeAuthInfo(const QJsonValue &v, const QString &path, KubeAuthInfo *u)
{
    const QJsonObject o = v.toObject();
    const Ctx x{path, QString(path).remove(QRegularExpression(QStringLiteral("\\[\\d+\\]"))), QStringLiteral("AuthInfo")};
    if (auto e = getString(o, "client-certificate", x, &u->clientCertificate)) return e;
    if (auto e = getBytes(o, "client-certificate-data", x, &u->clientCertificateData)) return e;
    if (auto e = getString(o, "client-key", x, &u->clientKey)) return e;
    if (auto e = getBytes(o, "client-key-data", x, &u->clientKeyData)) return e;
    if (auto e = getString(o, "token", x, &u->token)) return e;
    if (auto e = getString(o, "tokenFile", x, &u->tokenFile)) return e;
    if (auto e = decodeImpersonation(o, x, u)) return e;
    if (auto e = getString(o, "username", x, &u->username)) return e;
    if (auto e = getString(o, "password", x, &u->password)) return e;
    QJsonObject ap, ex;
    const Ctx apc = x.field(QStringLiteral("auth-provider"), QStringLiteral("AuthProviderConfig"));
    if (auto e = getObject(o.value(QLatin1String("auth-provider")), apc, QStringLiteral("v1.AuthProviderConfig"), &ap)) return e;
    if (o.value(QLatin1String("auth-provider")).isObject()) {
        u->authProvider = AuthProviderConfig{};
        if (auto e = decodeAuthProvider(ap, apc, &*u->authProvider)) return e;
    }
    const Ctx exc = x.field(QStringLiteral("exec"), QStringLiteral("ExecConfig"));
    if (auto e = getObject(o.value(QLatin1String("exec")), exc, QStringLiteral("v1.ExecConfig"), &ex)) return e;
    if (o.value(QLatin1String("exec")).isObject()) {
        u->exec = ExecConfig{};
        if (auto e = decodeExec(ex, exc, &*u->exec)) return e;
    }
    return getExtensions(o, x, &u->extensions);
}

std::optional<KubeconfigCodec::Error> KubeconfigCodec::decodeContext(const QJsonValue &v, const QString &path, KubeContext *c)
{
    const QJsonObject o = v.toObject();
    const Ctx x{path, QString(path).remove(QRegularExpression(QStringLiteral("\\[\\d+\\]"))), QStringLiteral("Context")};
    if (auto e = getString(o, "cluster", x, &c->cluster)) return e;
    if (auto e = getString(o, "user", x, &c->user)) return e;
    if (auto e = getString(o, "namespace", x, &c->namespaceName)) return e;
    return getExtensions(o, x, &c->extensions);
}

std::optional<KubeconfigCodec::Error> KubeconfigCodec::decodeFile(const QJsonValue &root, Decoded *out)
{
    if (root.isNull() || root.isUndefined())
        return {};
    if (!root.isObject()) {
        return Error{QString(), QStringLiteral("couldn't get version/kind; json parse error: json: cannot unmarshal %1 into Go value of type "
                                               "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }")
                                    .arg(jsonKind(root))};
    }
    const QJsonObject o = root.toObject();
    const Ctx top{QString(), QString(), QStringLiteral("Config")};
    if (auto e = getString(o, "kind", top, &out->kind)) return e;
    if (auto e = getString(o, "apiVersion", top, &out->apiVersion)) return e;
    if ((!out->kind.isEmpty() && out->kind != QLatin1String("Config"))
        || (!out->apiVersion.isEmpty() && out->apiVersion != QLatin1String("v1"))) {
        return Error{QStringLiteral("kind"),
                     QStringLiteral("no kind \"%1\" is registered for version \"%2\" in scheme "
                                    "\"k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50\"")
                         .arg(out->kind.isEmpty() ? QStringLiteral("Config") : out->kind, out->apiVersion)};
    }
    QJsonObject prefs;
    const Ctx pc = top.field(QStringLiteral("preferences"), QStringLiteral("Preferences"));
    if (auto e = getObject(o.value(QLatin1String("preferences")), pc, QStringLiteral("v1.Preferences"), &prefs)) return e;
    if (auto e = getBool(prefs, "colors", pc, &out->preferences.colors)) return e;
    if (auto e = getExtensions(prefs, pc, &out->preferences.extensions)) return e;
    if (auto e = decodeList<KubeCluster>(o, "clusters", "cluster", QStringLiteral("NamedCluster"), QStringLiteral("Cluster"), decodeCluster, &out->clusters)) return e;
    if (auto e = decodeList<KubeAuthInfo>(o, "users", "user", QStringLiteral("NamedAuthInfo"), QStringLiteral("AuthInfo"), decodeAuthInfo, &out->users)) return e;
    if (auto e = decodeList<KubeContext>(o, "contexts", "context", QStringLiteral("NamedContext"), QStringLiteral("Context"), decodeContext, &out->contexts)) return e;
    if (auto e = getString(o, "current-context", top, &out->currentContext)) return e;
    return getExtensions(o, top, &out->extensions);
}

} // namespace acp::api
