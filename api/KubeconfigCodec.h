#pragma once
// KubeconfigCodec: JSON (as read from a kubeconfig's YAML) <-> the typed kubeconfig fields,
// with kubectl's decoding rules and error texts, and kubectl's v1 encoding (the exact JSON
// `kubectl config view -o json` prints: which fields are omitted when empty, which are always
// written). Pure functions, any thread.
//
// Decoding mirrors encoding/json into client-go's clientcmd v1 structs: null means "unset",
// unknown fields are ignored here (callers keep the raw JSON), a wrong type is an error in Go's
// words ("json: cannot unmarshal number into Go struct field Cluster.clusters.cluster.server of
// type string"), and *-data fields are standard base64 ("illegal base64 data at input byte N").
#include "api/KubeconfigTypes.h"
#include <QJsonArray>
#include <optional>

namespace acp::api {

class KubeconfigCodec {
public:
    // A decoding failure: the JSON path of the offending field with list indexes
    // ("clusters[0].cluster.server") and kubectl's message.
    struct Error {
        QString path;
        QString message;
    };

    // The whole file (its first YAML document as JSON). Fills `entries` per list in file order
    // (names may repeat: callers apply "first wins"). Returns the first error in field order.
    struct Decoded {
        QString kind, apiVersion, currentContext;
        KubePreferences preferences;
        KubeExtensions extensions;
        QList<ClusterEntry> clusters;
        QList<AuthInfoEntry> users;
        QList<ContextEntry> contexts;
    };
    static std::optional<Error> decodeFile(const QJsonValue &root, Decoded *out);

    // One inner object, e.g. the value of clusters[i].cluster; `path` is its JSON path.
    static std::optional<Error> decodeCluster(const QJsonValue &v, const QString &path, KubeCluster *out);
    static std::optional<Error> decodeAuthInfo(const QJsonValue &v, const QString &path, KubeAuthInfo *out);
    static std::optional<Error> decodeContext(const QJsonValue &v, const QString &path, KubeContext *out);

    // kubectl's v1 JSON for each part (omitempty exactly as clientcmd v1 declares it).
    static QJsonObject encodeCluster(const KubeCluster &c);
    static QJsonObject encodeAuthInfo(const KubeAuthInfo &u);
    static QJsonObject encodeContext(const KubeContext &c);
    static QJsonObject encodePreferences(const KubePreferences &p);
    static QJsonArray encodeExtensions(const KubeExtensions &e); // [{name, extension}] by name

    // `raw` with each known field whose encoding changed from `before` to `after` replaced (or
    // removed when `after` omits it); unchanged and unknown fields of `raw` are kept as written.
    // Used when saving an edited entry.
    static QJsonObject overlay(const QJsonObject &raw, const QJsonObject &before, const QJsonObject &after,
                               const QStringList &known);
    static const QStringList &clusterKeys();
    static const QStringList &authInfoKeys();
    static const QStringList &contextKeys();

    // Go's base64.StdEncoding (strict padding; '\r' and '\n' skipped). Error text as Go's.
    static std::optional<QString> decodeBase64(const QString &text, QByteArray *out);
};

} // namespace acp::api
