#include "api/KubeClientTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace acp::api {

namespace {
QString seg(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

void addIf(QUrlQuery &q, const char *key, const QString &value)
{
    if (!value.isEmpty())
        q.addQueryItem(QLatin1String(key), QString::fromLatin1(QUrl::toPercentEncoding(value)));
}
} // namespace

QString ResourcePath::toString() const
{
    QString p = !root.isEmpty() ? root : group.isEmpty() ? QStringLiteral("/api/") + seg(version) : QStringLiteral("/apis/") + seg(group) + QLatin1Char('/') + seg(version);
    if (!namespaceName.isEmpty())
        p += QStringLiteral("/namespaces/") + seg(namespaceName);
    if (!resource.isEmpty())
        p += QLatin1Char('/') + seg(resource);
    if (!name.isEmpty())
        p += QLatin1Char('/') + seg(name);
    if (!subresource.isEmpty())
        p += QLatin1Char('/') + seg(subresource);
    return p;
}

QUrlQuery ListOptions::toQuery() const
{
    QUrlQuery q;
    addIf(q, "labelSelector", labelSelector);
    addIf(q, "fieldSelector", fieldSelector);
    if (limit > 0)
        q.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    addIf(q, "continue", continueToken);
    addIf(q, "resourceVersion", resourceVersion);
    addIf(q, "resourceVersionMatch", resourceVersionMatch);
    if (timeoutSeconds > 0)
        q.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeoutSeconds));
    return q;
}

QUrlQuery WriteOptions::toQuery(bool apply) const
{
    QUrlQuery q;
    if (dryRun)
        q.addQueryItem(QStringLiteral("dryRun"), QStringLiteral("All"));
    const QString manager = fieldManager.isEmpty() && apply ? QStringLiteral("acp-console") : fieldManager;
    addIf(q, "fieldManager", manager);
    addIf(q, "fieldValidation", fieldValidation);
    if (apply && force)
        q.addQueryItem(QStringLiteral("force"), QStringLiteral("true"));
    return q;
}

QByteArray DeleteOptions::toJson() const
{
    QJsonObject o{{QStringLiteral("kind"), QStringLiteral("DeleteOptions")}, {QStringLiteral("apiVersion"), QStringLiteral("v1")}};
    if (dryRun)
        o.insert(QStringLiteral("dryRun"), QJsonArray{QStringLiteral("All")});
    if (!propagationPolicy.isEmpty())
        o.insert(QStringLiteral("propagationPolicy"), propagationPolicy);
    if (gracePeriodSeconds >= 0)
        o.insert(QStringLiteral("gracePeriodSeconds"), gracePeriodSeconds);
    QJsonObject pre;
    if (!preconditionUid.isEmpty())
        pre.insert(QStringLiteral("uid"), preconditionUid);
    if (!preconditionResourceVersion.isEmpty())
        pre.insert(QStringLiteral("resourceVersion"), preconditionResourceVersion);
    if (!pre.isEmpty())
        o.insert(QStringLiteral("preconditions"), pre);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray patchContentType(PatchType type)
{
    switch (type) {
    case PatchType::Merge: return QByteArrayLiteral("application/merge-patch+json");
    case PatchType::Json: return QByteArrayLiteral("application/json-patch+json");
    case PatchType::StrategicMerge: return QByteArrayLiteral("application/strategic-merge-patch+json");
    }
    return QByteArrayLiteral("application/merge-patch+json");
}

QByteArray Response::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return QByteArray();
}

Result<QJsonObject> Response::json() const
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return ApiError{0, QStringLiteral("BadResponse"),
                        QStringLiteral("response is not a JSON object: %1 at offset %2").arg(err.errorString()).arg(err.offset)};
    return doc.object();
}

QStringList parseWarningHeader(const QByteArray &value)
{
    // warn-code SP warn-agent SP quoted-text [SP warn-date], comma-separated; only 299 is used by
    // kube-apiserver. Quoted text may contain escaped quotes and commas.
    QStringList out;
    qsizetype i = 0;
    const qsizetype n = value.size();
    while (i < n) {
        while (i < n && (value[i] == ' ' || value[i] == ','))
            ++i;
        const qsizetype codeStart = i;
        while (i < n && value[i] != ' ')
            ++i;
        const QByteArray code = value.mid(codeStart, i - codeStart);
        while (i < n && value[i] == ' ')
            ++i;
        while (i < n && value[i] != ' ')   // agent
            ++i;
        while (i < n && value[i] == ' ')
            ++i;
        if (i >= n || value[i] != '"')
            break;   // malformed: stop, keep what was decoded
        ++i;
        QByteArray text;
        while (i < n && value[i] != '"') {
            if (value[i] == '\\' && i + 1 < n)
                ++i;
            text += value[i++];
        }
        ++i;   // closing quote
        if (i < n && value[i] == ' ') {   // optional quoted date
            while (i < n && value[i] == ' ')
                ++i;
            if (i < n && value[i] == '"') {
                ++i;
                while (i < n && value[i] != '"')
                    ++i;
                ++i;
            }
        }
        if (code == "299" || !text.isEmpty())
            out << QString::fromUtf8(text);
    }
    return out;
}

Result<ListMeta> ListMeta::scan(const QByteArray &body)
{
    // Walk the top-level object; skip values with a string-aware depth counter.
    const char *p = body.constData();
    const qsizetype n = body.size();
    qsizetype i = 0;
    int depth = 0;
    bool expectKey = false;
    while (i < n) {
        const char c = p[i];
        if (c == '"') {
            const qsizetype start = ++i;
            while (i < n && p[i] != '"')
                i += p[i] == '\\' ? 2 : 1;
            const qsizetype end = i++;
            if (depth == 1 && expectKey && end - start == 8 && qstrncmp(p + start, "metadata", 8) == 0) {
                while (i < n && (p[i] == ' ' || p[i] == ':' || p[i] == '\n' || p[i] == '\r' || p[i] == '\t'))
                    ++i;
                const qsizetype objStart = i;
                int d = 0;
                for (; i < n; ++i) {
                    if (p[i] == '"') {
                        ++i;
                        while (i < n && p[i] != '"')
                            i += p[i] == '\\' ? 2 : 1;
                    } else if (p[i] == '{') {
                        ++d;
                    } else if (p[i] == '}' && --d == 0) {
                        break;
                    }
                }
                const QJsonDocument doc = QJsonDocument::fromJson(body.mid(objStart, i - objStart + 1));
                const QJsonObject m = doc.object();
                ListMeta meta;
                meta.resourceVersion = m.value(QLatin1String("resourceVersion")).toString();
                meta.continueToken = m.value(QLatin1String("continue")).toString();
                meta.remainingItemCount = m.value(QLatin1String("remainingItemCount")).toInteger(-1);
                return meta;
            }
            expectKey = false;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
            expectKey = c == '{' && depth == 1;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
        ++i;
    }
    return ApiError{0, QStringLiteral("BadResponse"), QStringLiteral("list response has no metadata")};
}

} // namespace acp::api
