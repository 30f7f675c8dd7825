// Protobuf: Kubernetes protobuf request bodies -> the JSON kube-apiserver would have seen.
#include "sandbox/Protobuf.h"

#include "sandbox/ProtobufSchema.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>
#include <utility>
#include <vector>

namespace acp::sandbox {

using protobuf::Field;
using protobuf::FieldType;
using protobuf::Message;
using protobuf::Schema;

// ---- wire format ---------------------------------------------------------------------------------

bool ProtoReader::readVarint(quint64 *value)
{
    quint64 result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_p >= m_end)
            return false;
        const unsigned char byte = *m_p++;
        result |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80)) {
            *value = result;
            return true;
        }
    }
    return false; // more than 10 bytes
}

bool ProtoReader::readTag(int *field, int *wireType)
{
    quint64 key = 0;
    if (!readVarint(&key))
        return false;
    const quint64 number = key >> 3;
    if (number == 0 || number > 0x1fffffff)
        return false;
    *field = int(number);
    *wireType = int(key & 7);
    return true;
}

bool ProtoReader::readFixed32(quint32 *value)
{
    if (m_end - m_p < 4)
        return false;
    *value = quint32(m_p[0]) | quint32(m_p[1]) << 8 | quint32(m_p[2]) << 16 | quint32(m_p[3]) << 24;
    m_p += 4;
    return true;
}

bool ProtoReader::readFixed64(quint64 *value)
{
    quint32 lo = 0, hi = 0;
    if (m_end - m_p < 8 || !readFixed32(&lo) || !readFixed32(&hi))
        return false;
    *value = quint64(lo) | quint64(hi) << 32;
    return true;
}

bool ProtoReader::readBytes(const char **data, qsizetype *size)
{
    quint64 len = 0;
    if (!readVarint(&len) || len > quint64(m_end - m_p))
        return false;
    *data = reinterpret_cast<const char *>(m_p);
    *size = qsizetype(len);
    m_p += len;
    return true;
}

bool ProtoReader::skip(int wireType)
{
    quint64 v = 0;
    quint32 v32 = 0;
    const char *d = nullptr;
    qsizetype n = 0;
    switch (wireType) {
    case Varint: return readVarint(&v);
    case Fixed64: return readFixed64(&v);
    case LengthDelimited: return readBytes(&d, &n);
    case Fixed32: return readFixed32(&v32);
    default: return false; // groups (3, 4) are not used by Kubernetes; 6 and 7 are invalid
    }
}

// ---- decoding ------------------------------------------------------------------------------------

namespace {

constexpr int kMaxDepth = 100;

api::ApiError badRequest(const QString &message)
{
    api::ApiError e;
    e.httpStatus = 400;
    e.reason = QStringLiteral("BadRequest");
    e.message = message;
    return e;
}

api::ApiError unsupported()
{
    api::ApiError e;
    e.httpStatus = 415;
    e.reason = QStringLiteral("UnsupportedMediaType");
    e.message = QStringLiteral("the body of the request was in an unknown format - accepted media types include: "
                               "application/json, application/yaml");
    return e;
}

QString rfc3339(qint64 seconds, int micros, bool withMicros)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    const QDate d = t.date();
    const QTime tm = t.time();
    QString s = QString::asprintf("%04d-%02d-%02dT%02d:%02d:%02d", d.year(), d.month(), d.day(), tm.hour(),
                                  tm.minute(), tm.second());
    if (withMicros)
        s += QString::asprintf(".%06d", micros);
    return s + QLatin1Char('Z');
}

QJsonValue parseJsonValue(const char *data, qsizetype size)
{
    // QJsonDocument only takes objects and arrays at top level: wrap in an array.
    QByteArray wrapped;
    wrapped.reserve(size + 2);
    wrapped.append('[').append(data, size).append(']');
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &err);
    if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue(QString::fromLatin1(QByteArray(data, size).toBase64()));
    return doc.array().at(0);
}

bool isVarintType(FieldType t)
{
    return t == FieldType::Int32 || t == FieldType::Int64 || t == FieldType::Bool;
}

api::Result<QJsonObject> decodeObjectAt(const QByteArray &body, int depth);

struct Decoder {
    QString error;
    int depth = 0;
    bool located = false;

    bool fail(const QString &what)
    {
        if (error.isEmpty())
            error = what;
        return false;
    }
    // Adds the innermost field's name to the error.
    bool locate(const QString &where)
    {
        if (!located)
            error += QStringLiteral(" at ") + where;
        located = true;
        return false;
    }

    bool message(const char *data, qsizetype size, const Message &m, QJsonObject *out);
    bool value(FieldType type, const Message *type_message, int wireType, ProtoReader &r, QJsonValue *out, bool *zero);
    bool scalar(FieldType type, quint64 v, QJsonValue *out, bool *zero);
    bool special(FieldType type, const char *data, qsizetype size, QJsonValue *out, bool *zero);
    bool mapEntry(const Field &f, const char *data, qsizetype size, QJsonObject *map);
};

QString where(const Message &m, const Field *f)
{
    return f ? m.name + QLatin1Char('.') + f->json : m.name;
}

bool Decoder::scalar(FieldType type, quint64 v, QJsonValue *out, bool *zero)
{
    *zero = v == 0;
    switch (type) {
    case FieldType::Int32: *out = double(qint32(quint32(v))); *zero = qint32(quint32(v)) == 0; return true;
    case FieldType::Int64: *out = double(qint64(v)); return true;
    case FieldType::Bool: *out = v != 0; return true;
    default: return false;
    }
}

bool Decoder::value(FieldType type, const Message *typeMessage, int wireType, ProtoReader &r, QJsonValue *out, bool *zero)
{
    *zero = false;
    if (isVarintType(type)) {
        quint64 v = 0;
        if (wireType != ProtoReader::Varint)
            return fail(QStringLiteral("wrong wire type %1 for a varint").arg(wireType));
        if (!r.readVarint(&v))
            return fail(QStringLiteral("truncated varint"));
        return scalar(type, v, out, zero);
    }
    if (wireType != ProtoReader::LengthDelimited)
        return fail(QStringLiteral("wrong wire type %1 for a length-delimited field").arg(wireType));
    const char *data = nullptr;
    qsizetype size = 0;
    if (!r.readBytes(&data, &size))
        return fail(QStringLiteral("truncated length-delimited field"));
    switch (type) {
    case FieldType::String:
        *out = QString::fromUtf8(data, size);
        *zero = size == 0;
        return true;
    case FieldType::Bytes:
        *out = QString::fromLatin1(QByteArray::fromRawData(data, size).toBase64());
        *zero = size == 0;
        return true;
    case FieldType::Message: {
        QJsonObject obj;
        if (!message(data, size, *typeMessage, &obj))
            return false;
        *out = obj;
        return true;
    }
    default:
        return special(type, data, size, out, zero);
    }
}

// The well-known small messages with a JSON form of their own.
bool Decoder::special(FieldType type, const char *data, qsizetype size, QJsonValue *out, bool *zero)
{
    ProtoReader r(data, size);
    quint64 ints[4] = {0, 0, 0, 0};
    QString str;
    QJsonArray list;
    const char *bytes = nullptr;
    qsizetype bytesSize = 0;
    while (!r.atEnd()) {
        int field = 0, wt = 0;
        if (!r.readTag(&field, &wt))
            return fail(QStringLiteral("malformed field tag"));
        const bool stringField = (type == FieldType::Quantity && field == 1) || (type == FieldType::IntOrString && field == 3)
                                 || (type == FieldType::StringList && field == 1);
        const bool bytesField = (type == FieldType::FieldsV1 || type == FieldType::RawExtension) && field == 1;
        if ((stringField || bytesField) && wt == ProtoReader::LengthDelimited) {
            const char *d = nullptr;
            qsizetype n = 0;
            if (!r.readBytes(&d, &n))
                return fail(QStringLiteral("truncated length-delimited field"));
            if (type == FieldType::StringList)
                list.append(QString::fromUtf8(d, n));
            else if (stringField)
                str = QString::fromUtf8(d, n);
            else
                bytes = d, bytesSize = n;
        } else if (!stringField && !bytesField && field < 4 && wt == ProtoReader::Varint) {
            if (!r.readVarint(&ints[field]))
                return fail(QStringLiteral("truncated varint"));
        } else if (!r.skip(wt)) {
            return fail(QStringLiteral("malformed field %1").arg(field));
        }
    }
    switch (type) {
    case FieldType::Time:      // {1: seconds, 2: nanos}; metav1.Time keeps seconds only
    case FieldType::MicroTime: // an empty message is the zero time (JSON null)
        *zero = size == 0;
        *out = rfc3339(qint64(ints[1]), qint32(quint32(ints[2])) / 1000, type == FieldType::MicroTime);
        return true;
    case FieldType::Duration:
        *zero = ints[1] == 0;
        *out = Protobuf::goDuration(qint64(ints[1]));
        return true;
    case FieldType::Quantity:
        *zero = str.isEmpty();
        *out = str.isEmpty() ? QStringLiteral("0") : str;
        return true;
    case FieldType::IntOrString: // {1: type (0 int, 1 string), 2: intVal, 3: strVal}
        if (ints[1] == 1) {
            *zero = str.isEmpty();
            *out = str;
        } else {
            *zero = qint32(quint32(ints[2])) == 0;
            *out = double(qint32(quint32(ints[2])));
        }
        return true;
    case FieldType::StringList:
        *out = list;
        return true;
    case FieldType::FieldsV1:
    case FieldType::RawExtension:
        *zero = bytesSize == 0;
        if (bytesSize == 0) {
            *out = QJsonValue::Null;
        } else if (type == FieldType::RawExtension && bytesSize >= 4 && memcmp(bytes, Protobuf::kMagic, 4) == 0) {
            // A nested object in protobuf (runtime.Unknown) rather than JSON.
            const auto nested = decodeObjectAt(QByteArray(bytes, bytesSize), depth + 1);
            if (!nested)
                return fail(nested.error().message);
            *out = nested.value();
        } else {
            *out = parseJsonValue(bytes, bytesSize);
        }
        return true;
    default:
        return fail(QStringLiteral("unsupported field type"));
    }
}

bool Decoder::mapEntry(const Field &f, const char *data, qsizetype size, QJsonObject *map)
{
    ProtoReader r(data, size);
    QString key;
    QJsonValue entry;
    bool haveValue = false;
    while (!r.atEnd()) {
        int field = 0, wt = 0;
        if (!r.readTag(&field, &wt))
            return fail(QStringLiteral("malformed map entry"));
        if (field == 1 || field == 2) {
            QJsonValue v;
            bool zero = false;
            if (!value(field == 1 ? f.mapKey : f.mapValue, f.message, wt, r, &v, &zero))
                return false;
            if (field == 1)
                key = v.isString() ? v.toString() : QString::number(v.toDouble(), 'g', 17);
            else
                entry = v, haveValue = true;
        } else if (!r.skip(wt)) {
            return fail(QStringLiteral("malformed map entry"));
        }
    }
    if (!haveValue) {
        switch (f.mapValue) {
        case FieldType::Message: entry = QJsonObject(); break;
        case FieldType::StringList: entry = QJsonArray(); break;
        case FieldType::Int32:
        case FieldType::Int64: entry = 0; break;
        case FieldType::Bool: entry = false; break;
        case FieldType::Quantity: entry = QStringLiteral("0"); break;
        default: entry = QString(); break;
        }
    }
    map->insert(key, entry);
    return true;
}

bool Decoder::message(const char *data, qsizetype size, const Message &m, QJsonObject *out)
{
    if (++depth > kMaxDepth)
        return fail(QStringLiteral("nesting too deep"));
    // Repeated fields and maps are collected, then inserted once.
    std::vector<std::pair<const Field *, QJsonArray>> lists;
    std::vector<std::pair<const Field *, QJsonObject>> maps;
    auto listFor = [&lists](const Field *f) -> QJsonArray & {
        for (auto &l : lists) {
            if (l.first == f)
                return l.second;
        }
        return lists.emplace_back(f, QJsonArray()).second;
    };
    auto mapFor = [&maps](const Field *f) -> QJsonObject & {
        for (auto &l : maps) {
            if (l.first == f)
                return l.second;
        }
        return maps.emplace_back(f, QJsonObject()).second;
    };

    ProtoReader r(data, size);
    while (!r.atEnd()) {
        int number = 0, wt = 0;
        if (!r.readTag(&number, &wt))
            return fail(QStringLiteral("malformed field tag at offset %1 in %2").arg(r.offset()).arg(m.name));
        const Field *f = m.field(number);
        if (!f) {
            if (!r.skip(wt))
                return fail(QStringLiteral("malformed field %1 in %2").arg(number).arg(m.name));
            continue;
        }
        if (f->type == FieldType::Map) {
            const char *d = nullptr;
            qsizetype n = 0;
            if (wt != ProtoReader::LengthDelimited || !r.readBytes(&d, &n))
                return fail(QStringLiteral("malformed map entry in %1").arg(where(m, f)));
            if (!mapEntry(*f, d, n, &mapFor(f)))
                return locate(where(m, f));
            continue;
        }
        if (f->repeated && isVarintType(f->type) && wt == ProtoReader::LengthDelimited) { // packed
            const char *d = nullptr;
            qsizetype n = 0;
            if (!r.readBytes(&d, &n))
                return fail(QStringLiteral("truncated packed field %1").arg(where(m, f)));
            ProtoReader packed(d, n);
            QJsonArray &list = listFor(f);
            while (!packed.atEnd()) {
                quint64 v = 0;
                QJsonValue jv;
                bool zero = false;
                if (!packed.readVarint(&v) || !scalar(f->type, v, &jv, &zero))
                    return fail(QStringLiteral("malformed packed field %1").arg(where(m, f)));
                list.append(jv);
            }
            continue;
        }
        QJsonValue v;
        bool zero = false;
        if (!value(f->type, f->message, wt, r, &v, &zero))
            return locate(where(m, f));
        if (f->repeated) {
            listFor(f).append(v);
        } else if (f->inlined && v.isObject()) {
            const QJsonObject inner = v.toObject();
            for (auto it = inner.begin(); it != inner.end(); ++it)
                out->insert(it.key(), it.value());
        } else if (zero && (!f->pointer || f->type == FieldType::Time || f->type == FieldType::MicroTime)) {
            out->remove(f->json); // Go omits the zero value (omitempty) / the zero time is null
        } else {
            out->insert(f->json, v);
        }
    }
    for (auto &l : lists)
        out->insert(l.first->json, l.second);
    for (auto &mp : maps)
        out->insert(mp.first->json, mp.second);
    --depth;
    return true;
}

} // namespace

QString Protobuf::goDuration(qint64 nanoseconds)
{
    if (nanoseconds == 0)
        return QStringLiteral("0s");
    const bool negative = nanoseconds < 0;
    quint64 u = negative ? quint64(0) - quint64(nanoseconds) : quint64(nanoseconds);
    // "<int>[.<frac without trailing zeros>]" of u / 10^prec
    auto frac = [](quint64 v, int prec) {
        quint64 p = 1;
        for (int i = 0; i < prec; ++i)
            p *= 10;
        QString s = QString::number(v / p);
        QString f = QString::number(v % p).rightJustified(prec, QLatin1Char('0'));
        while (f.endsWith(QLatin1Char('0')))
            f.chop(1);
        return f.isEmpty() ? s : s + QLatin1Char('.') + f;
    };
    QString s;
    if (u < 1000000000ULL) {
        if (u < 1000ULL)
            s = QString::number(u) + QStringLiteral("ns");
        else if (u < 1000000ULL)
            s = frac(u, 3) + QStringLiteral("µs");
        else
            s = frac(u, 6) + QStringLiteral("ms");
    } else {
        const quint64 secs = u / 1000000000ULL;
        const quint64 subsec = u % 1000000000ULL;
        s = frac((secs % 60) * 1000000000ULL + subsec, 9) + QLatin1Char('s');
        const quint64 mins = secs / 60;
        if (mins > 0) {
            s.prepend(QString::number(mins % 60) + QLatin1Char('m'));
            const quint64 hours = mins / 60;
            if (hours > 0)
                s.prepend(QString::number(hours) + QLatin1Char('h'));
        }
    }
    return negative ? QLatin1Char('-') + s : s;
}

api::Result<Protobuf::Envelope> Protobuf::decodeEnvelope(const QByteArray &body)
{
    if (body.size() < 4 || memcmp(body.constData(), kMagic, 4) != 0)
        return badRequest(QStringLiteral("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"));
    Envelope env;
    ProtoReader r(body.constData() + 4, body.size() - 4);
    while (!r.atEnd()) {
        int field = 0, wt = 0;
        if (!r.readTag(&field, &wt))
            return badRequest(QStringLiteral("unable to decode protobuf body: malformed runtime.Unknown"));
        const char *d = nullptr;
        qsizetype n = 0;
        if (field >= 1 && field <= 4 && wt == ProtoReader::LengthDelimited) {
            if (!r.readBytes(&d, &n))
                return badRequest(QStringLiteral("unable to decode protobuf body: truncated runtime.Unknown"));
            if (field == 1) {
                ProtoReader tm(d, n);
                while (!tm.atEnd()) {
                    int f2 = 0, wt2 = 0;
                    const char *d2 = nullptr;
                    qsizetype n2 = 0;
                    if (!tm.readTag(&f2, &wt2))
                        return badRequest(QStringLiteral("unable to decode protobuf body: malformed runtime.TypeMeta"));
                    if ((f2 == 1 || f2 == 2) && wt2 == ProtoReader::LengthDelimited) {
                        if (!tm.readBytes(&d2, &n2))
                            return badRequest(QStringLiteral("unable to decode protobuf body: truncated runtime.TypeMeta"));
                        (f2 == 1 ? env.apiVersion : env.kind) = QString::fromUtf8(d2, n2);
                    } else if (!tm.skip(wt2)) {
                        return badRequest(QStringLiteral("unable to decode protobuf body: malformed runtime.TypeMeta"));
                    }
                }
            } else if (field == 2) {
                env.raw = QByteArray(d, n);
            } else {
                (field == 3 ? env.contentEncoding : env.contentType) = QString::fromUtf8(d, n);
            }
        } else if (!r.skip(wt)) {
            return badRequest(QStringLiteral("unable to decode protobuf body: malformed runtime.Unknown"));
        }
    }
    return env;
}

api::Result<QJsonObject> Protobuf::decodeMessage(const QByteArray &raw, const QString &qualifiedType)
{
    const Message *m = Schema::instance().message(qualifiedType);
    if (!m)
        return unsupported();
    Decoder dec;
    QJsonObject out;
    if (!dec.message(raw.constData(), raw.size(), *m, &out))
        return badRequest(QStringLiteral("unable to decode protobuf body as %1: %2").arg(qualifiedType, dec.error));
    return out;
}

api::Result<QJsonObject> Protobuf::decodeObject(const QByteArray &body)
{
    return decodeObjectAt(body, 0);
}

namespace {

api::Result<QJsonObject> decodeObjectAt(const QByteArray &body, int depth)
{
    auto env = Protobuf::decodeEnvelope(body);
    if (!env)
        return env.error();
    const Protobuf::Envelope &e = env.value();
    if (e.kind.isEmpty())
        return badRequest(QStringLiteral("Object 'Kind' is missing in protobuf body"));
    if (!e.contentEncoding.isEmpty())
        return unsupported();
    const Message *m = Schema::instance().messageFor(e.apiVersion, e.kind);
    if (!m)
        return unsupported();
    if (depth > kMaxDepth)
        return badRequest(QStringLiteral("unable to decode protobuf body: nesting too deep"));
    Decoder dec;
    dec.depth = depth;
    QJsonObject out;
    if (!dec.message(e.raw.constData(), e.raw.size(), *m, &out))
        return badRequest(QStringLiteral("unable to decode protobuf body as %1 %2: %3").arg(e.apiVersion, e.kind, dec.error));
    out.insert(QStringLiteral("apiVersion"), e.apiVersion);
    out.insert(QStringLiteral("kind"), e.kind);
    return out;
}

} // namespace

} // namespace acp::sandbox
