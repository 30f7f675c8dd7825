#pragma once
// SecretCodec: Secrets for editing. Pure functions, any thread. Never logs values.
//
// decode(): a Secret's base64 `data` values that are UTF-8 text move to `stringData` decoded
// (a real Secret field, so even an un-encoded object applies correctly); values that are not
// text (invalid UTF-8 or control characters other than tab/newline/CR) stay in `data` as base64
// and are listed in Decoded::binaryKeys. encode(): the reverse (stringData wins over data for
// the same key, as the API server does), so the applied object carries only `data`.
// Objects other than v1 Secrets (e.g. ConfigMaps with binaryData) pass through untouched.
#include "api/Result.h"

#include <QJsonObject>
#include <QStringList>

namespace acp::models {

class SecretCodec {
public:
    struct Decoded {
        QJsonObject object;
        QStringList binaryKeys;   // keys left base64-encoded in data (not text)
    };
    static bool isSecret(const QJsonObject &object);
    static Decoded decode(const QJsonObject &secret);
    // A data value that is not valid base64 is a BadRequest naming its key (never its value).
    static api::Result<QJsonObject> encode(const QJsonObject &edited);
    // Whether bytes are editable text (valid UTF-8, no control characters but \t \n \r).
    static bool isText(const QByteArray &bytes);

    // kubectl create secret docker-registry: type kubernetes.io/dockerconfigjson with
    // .dockerconfigjson = {"auths":{server:{username,password,email (when set),auth}}},
    // auth = base64("username:password").
    struct DockerRegistry {
        QString server;
        QString username;
        QString password;
        QString email;
    };
    static QJsonObject dockerRegistrySecret(const QString &name, const QString &namespaceName, const DockerRegistry &registry);
    // The .dockerconfigjson of a Secret (decoded JSON); BadRequest when missing or not JSON.
    static api::Result<QJsonObject> dockerConfig(const QJsonObject &secret);
};

} // namespace acp::models
