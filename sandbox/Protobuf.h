#pragma once
// Protobuf: decodes request bodies in Kubernetes' protobuf encoding
// (Content-Type: application/vnd.kubernetes.protobuf) into the JSON object kube-apiserver would have
// read from the same object sent as JSON. Decoding only; acp-sandbox answers in JSON.
//
// Body layout: the magic "k8s\0", then a runtime.Unknown message
//   {1: typeMeta {1: apiVersion, 2: kind}, 2: raw (the object's message), 3: contentEncoding, 4: contentType}.
// Message definitions come from sandbox/ProtobufSchema.h.
#include "api/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace acp::sandbox {

// Reads the protobuf wire format: varints, fixed32/64, length-delimited fields.
class ProtoReader {
public:
    enum WireType { Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5 };

    ProtoReader(const char *data, qsizetype size)
        : m_p(reinterpret_cast<const unsigned char *>(data)), m_end(m_p + size), m_begin(m_p) {}
    explicit ProtoReader(const QByteArray &data) : ProtoReader(data.constData(), data.size()) {}

    bool atEnd() const { return m_p >= m_end; }
    qsizetype offset() const { return m_p - m_begin; }

    // Each returns false on truncated or malformed input.
    bool readTag(int *field, int *wireType);
    bool readVarint(quint64 *value);
    bool readFixed32(quint32 *value);
    bool readFixed64(quint64 *value);
    bool readBytes(const char **data, qsizetype *size);
    bool skip(int wireType);

private:
    const unsigned char *m_p;
    const unsigned char *m_end;
    const unsigned char *m_begin;
};

class Protobuf {
public:
    static constexpr char kMagic[4] = {'k', '8', 's', '\0'};

    struct Envelope {
        QString apiVersion;
        QString kind;
        QByteArray raw;
        QString contentEncoding;
        QString contentType;
    };

    // The whole body: envelope + object -> the object as JSON, with apiVersion and kind set.
    // Unknown apiVersion/kind: 415 UnsupportedMediaType; malformed input: 400 BadRequest.
    static api::Result<QJsonObject> decodeObject(const QByteArray &body);

    // Only the envelope (magic + runtime.Unknown).
    static api::Result<Envelope> decodeEnvelope(const QByteArray &body);

    // One message of a known type ("apps.v1.Deployment") -> JSON (no apiVersion/kind added).
    static api::Result<QJsonObject> decodeMessage(const QByteArray &raw, const QString &qualifiedType);

    // Go's time.Duration.String() for nanoseconds ("1h0m0s", "1.5s", "300ms").
    static QString goDuration(qint64 nanoseconds);
};

} // namespace acp::sandbox
