#include "models/SecretCodec.h"

#include <QJsonDocument>
#include <QStringDecoder>

namespace acp::models {

namespace {
const QString kData = QStringLiteral("data");
const QString kStringData = QStringLiteral("stringData");
const QString kDockerConfigKey = QStringLiteral(".dockerconfigjson");
} // namespace

bool SecretCodec::isSecret(const QJsonObject &object)
{
    return object.value(QLatin1String("kind")).toString() == QLatin1String("Secret")
        && object.value(QLatin1String("apiVersion")).toString() == QLatin1String("v1");
}

bool SecretCodec::isText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return false;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f)
            return false;
    }
    return true;
}

SecretCodec::Decoded SecretCodec::decode(const QJsonObject &secret)
{
    Decoded out{secret, {}};
    if (!isSecret(secret) || !secret.contains(kData))
        return out;
    QJsonObject data = secret.value(kData).toObject();
    QJsonObject stringData = secret.value(kStringData).toObject();
    for (auto it = data.begin(); it != data.end();) {
        const auto bytes = QByteArray::fromBase64Encoding(it.value().toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (bytes && isText(*bytes) && !stringData.contains(it.key())) {
            stringData.insert(it.key(), QString::fromUtf8(*bytes));
            it = data.erase(it);
        } else {
            out.binaryKeys << it.key();
            ++it;
        }
    }
    if (data.isEmpty())
        out.object.remove(kData);
    else
        out.object.insert(kData, data);
    if (!stringData.isEmpty())
        out.object.insert(kStringData, stringData);
    return out;
}

api::Result<QJsonObject> SecretCodec::encode(const QJsonObject &edited)
{
    if (!isSecret(edited))
        return edited;
    QJsonObject out = edited;
    QJsonObject data = edited.value(kData).toObject();
    for (auto it = data.begin(); it != data.end(); ++it) {
        if (!QByteArray::fromBase64Encoding(it.value().toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors))
            return api::ApiError::badRequest(QStringLiteral("data[%1]: not valid base64").arg(it.key()));
    }
    const QJsonObject stringData = edited.value(kStringData).toObject();
    for (auto it = stringData.begin(); it != stringData.end(); ++it)
        data.insert(it.key(), QString::fromLatin1(it.value().toString().toUtf8().toBase64()));
    out.remove(kStringData);
    if (!data.isEmpty() || edited.contains(kData))
        out.insert(kData, data);
    return out;
}

QJsonObject SecretCodec::dockerRegistrySecret(const QString &name, const QString &namespaceName, const DockerRegistry &r)
{
    QJsonObject entry{{QStringLiteral("username"), r.username}, {QStringLiteral("password"), r.password}};
    if (!r.email.isEmpty())
        entry.insert(QStringLiteral("email"), r.email);
    entry.insert(QStringLiteral("auth"), QString::fromLatin1((r.username + QLatin1Char(':') + r.password).toUtf8().toBase64()));
    const QJsonObject config{{QStringLiteral("auths"), QJsonObject{{r.server, entry}}}};
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!namespaceName.isEmpty())
        meta.insert(QStringLiteral("namespace"), namespaceName);
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("v1")},
        {QStringLiteral("kind"), QStringLiteral("Secret")},
        {QStringLiteral("metadata"), meta},
        {QStringLiteral("type"), QStringLiteral("kubernetes.io/dockerconfigjson")},
        {kData, QJsonObject{{kDockerConfigKey, QString::fromLatin1(QJsonDocument(config).toJson(QJsonDocument::Compact).toBase64())}}},
    };
}

api::Result<QJsonObject> SecretCodec::dockerConfig(const QJsonObject &secret)
{
    QByteArray bytes;
    const QJsonValue encoded = secret.value(kData).toObject().value(kDockerConfigKey);
    if (encoded.isString()) {
        const auto decoded = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return api::ApiError::badRequest(QStringLiteral("data[.dockerconfigjson]: not valid base64"));
        bytes = *decoded;
    } else if (secret.value(kStringData).toObject().contains(kDockerConfigKey)) {
        bytes = secret.value(kStringData).toObject().value(kDockerConfigKey).toString().toUtf8();
    } else {
        return api::ApiError::badRequest(QStringLiteral("the Secret has no .dockerconfigjson"));
    }
    const QJsonDocument d = QJsonDocument::fromJson(bytes);
    if (!d.isObject())
        return api::ApiError::badRequest(QStringLiteral(".dockerconfigjson is not a JSON object"));
    return d.object();
}

} // namespace acp::models
