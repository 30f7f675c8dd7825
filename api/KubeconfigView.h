#pragma once
// KubeconfigView: what `kubectl config view` prints for a merged kubeconfig. Pure functions,
// any thread (flatten reads the referenced files).
//
// kubectl's own quirks, reproduced on purpose:
//  - the output is the clientcmd v1 Config: kind, apiVersion, preferences (always, {} when
//    empty), clusters/users/contexts (null when empty, else sorted by name: kubectl keeps them
//    in maps), current-context (always, "" when unset), extensions (omitted when empty);
//  - entries are printed with the omitempty rules of KubeconfigCodec (a context always has
//    "cluster" and "user", exec always has "command", "args", "env", "provideClusterInfo");
//  - paths are printed as written in the file (not resolved);
//  - without --raw and without --flatten, *-data fields print as DATA+OMITTED and token and
//    password as REDACTED (ShortenConfig); --flatten alone prints the data in full;
//  - --minify keeps the current (or --context) context and the cluster and user it names;
//    errors: "current-context must exist in order to minify", "cannot locate context X",
//    "cannot locate cluster X", "cannot locate user X";
//  - --flatten replaces certificate-authority, client-certificate and client-key with the
//    file contents (-data), resolving relative paths against the file that defined the entry;
//    "cannot have values for both path and contents" when both are set; a missing file gives
//    "open /abs/path: no such file or directory". tokenFile and exec commands are untouched;
//  - JSON is Go's json.MarshalIndent with 4 spaces: struct fields in declaration order, map
//    keys (extension contents, auth-provider config, as-user-extra) sorted, and <, >, &
//    escaped as \u003c, \u003e, \u0026.
#include "api/Kubeconfig.h"

namespace acp::api {

struct KubeconfigViewOptions {
    bool minify = false;
    bool flatten = false;
    bool raw = false;
    QString context; // with minify: the context to keep instead of current-context
};

class KubeconfigView {
public:
    static Result<QJsonObject> build(const Kubeconfig &config, const KubeconfigViewOptions &options);
    // kubectl -o json text (trailing newline included).
    static QByteArray toJson(const QJsonObject &view);
    // kubectl -o yaml text.
    static QByteArray toYaml(const QJsonObject &view);
};

} // namespace acp::api
