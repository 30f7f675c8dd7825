#include "models/ObjectDecoderWalk.h"

#include <cstring>

namespace acp::models::detail {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

QString utf8(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

sj::error_code walkLabels(od::value &v, DecodeContext &ctx, KubeObject::Data &data)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null)
        return sj::SUCCESS;
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        std::string_view key, value;
        SIMDJSON_TRY(f.unescaped_key().get(key));
        SIMDJSON_TRY(readString(f.value(), value));
        data.labels.append({ctx.pool.get(key), ctx.pool.get(value)});
    }
    return sj::SUCCESS;
}

sj::error_code walkOwner(od::value &v, DecodeContext &ctx, OwnerRef &owner)
{
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        const od::raw_json_string key = f.key();
        std::string_view s;
        if (key.unsafe_is_equal("uid")) {
            SIMDJSON_TRY(readString(f.value(), s));
            owner.uid = ctx.pool.get(s);
        } else if (key.unsafe_is_equal("kind")) {
            SIMDJSON_TRY(readString(f.value(), s));
            owner.kind = ctx.pool.get(s);
        } else if (key.unsafe_is_equal("name")) {
            SIMDJSON_TRY(readString(f.value(), s));
            owner.name = ctx.pool.get(s);
        } else if (key.unsafe_is_equal("controller")) {
            od::json_type t;
            SIMDJSON_TRY(f.value().type().get(t));
            if (t == od::json_type::boolean)
                SIMDJSON_TRY(f.value().get_bool().get(owner.controller));
        }
    }
    return sj::SUCCESS;
}

sj::error_code walkOwners(od::value &v, DecodeContext &ctx, KubeObject::Data &data)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null)
        return sj::SUCCESS;
    od::array a;
    SIMDJSON_TRY(v.get_array().get(a));
    for (auto itemResult : a) {
        od::value item;
        SIMDJSON_TRY(std::move(itemResult).get(item));
        OwnerRef owner;
        SIMDJSON_TRY(walkOwner(item, ctx, owner));
        data.owners.append(std::move(owner));
    }
    return sj::SUCCESS;
}

sj::error_code readTime(od::value &v, QDateTime &out)
{
    std::string_view s;
    SIMDJSON_TRY(readString(v, s));
    out = ObjectDecoder::parseTimestamp(QByteArrayView(s.data(), qsizetype(s.size())));
    return sj::SUCCESS;
}

// The text of an array or object value (consumes it); other values are single tokens.
sj::error_code rawJson(od::value &v, std::string_view &raw)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::array) {
        od::array a;
        SIMDJSON_TRY(v.get_array().get(a));
        return a.raw_json().get(raw);
    }
    if (t == od::json_type::object) {
        od::object o;
        SIMDJSON_TRY(v.get_object().get(o));
        return o.raw_json().get(raw);
    }
    raw = v.raw_json_token();
    while (!raw.empty() && isSpace(raw.back()))
        raw.remove_suffix(1);
    return sj::SUCCESS;
}

sj::error_code walkMetadata(od::value &v, DecodeContext &ctx, KubeObject::Data &data, ObjectSlice &slice)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null)
        return sj::SUCCESS;
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        const od::raw_json_string key = f.key();
        std::string_view s;
        if (key.unsafe_is_equal("name")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.name = utf8(s);
        } else if (key.unsafe_is_equal("namespace")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.ns = ctx.pool.get(s);
        } else if (key.unsafe_is_equal("uid")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.uid = utf8(s);
        } else if (key.unsafe_is_equal("resourceVersion")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.resourceVersion = utf8(s);
        } else if (key.unsafe_is_equal("generation")) {
            SIMDJSON_TRY(readInt(f.value(), data.generation));
        } else if (key.unsafe_is_equal("creationTimestamp")) {
            SIMDJSON_TRY(readTime(f.value(), data.creationTimestamp));
        } else if (key.unsafe_is_equal("deletionTimestamp")) {
            SIMDJSON_TRY(readTime(f.value(), data.deletionTimestamp));
        } else if (key.unsafe_is_equal("labels")) {
            SIMDJSON_TRY(walkLabels(f.value(), ctx, data));
        } else if (key.unsafe_is_equal("ownerReferences")) {
            SIMDJSON_TRY(walkOwners(f.value(), ctx, data));
        } else if (key.unsafe_is_equal("managedFields") && ctx.options.dropManagedFields) {
            std::string_view raw;
            SIMDJSON_TRY(rawJson(f.value(), raw));
            slice.cutStart = key.raw() - 1; // the key's opening quote
            slice.cutEnd = raw.data() + raw.size();
            data.managedFieldsDropped = true;
        }
    }
    return sj::SUCCESS;
}

sj::error_code walkSpec(od::value &v, DecodeContext &ctx, KubeObject::Data &data)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t != od::json_type::object)
        return sj::SUCCESS; // some kinds have a non-object "spec"; only Pods' nodeName matters
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        if (f.key().unsafe_is_equal("nodeName")) {
            std::string_view s;
            SIMDJSON_TRY(readString(f.value(), s));
            data.nodeName = ctx.pool.get(s);
        }
    }
    return sj::SUCCESS;
}

sj::error_code walkObject(od::object &o, DecodeContext &ctx, KubeObject::Data &data, ObjectSlice &slice)
{
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        const od::raw_json_string key = f.key();
        std::string_view s;
        if (key.unsafe_is_equal("apiVersion")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.apiVersion = ctx.pool.get(s);
            slice.hasApiVersion = !s.empty();
        } else if (key.unsafe_is_equal("kind")) {
            SIMDJSON_TRY(readString(f.value(), s));
            data.kind = ctx.pool.get(s);
            slice.hasKind = !s.empty();
        } else if (key.unsafe_is_equal("metadata")) {
            SIMDJSON_TRY(walkMetadata(f.value(), ctx, data, slice));
        } else if (key.unsafe_is_equal("spec")) {
            SIMDJSON_TRY(walkSpec(f.value(), ctx, data));
        }
    }
    return sj::SUCCESS;
}

// Widens the managedFields cut to take one neighbouring comma, so the rest stays valid JSON.
void widenCut(const char *objStart, const char *objEnd, const char *&cutStart, const char *&cutEnd)
{
    const char *p = cutEnd;
    while (p < objEnd && isSpace(*p))
        ++p;
    if (p < objEnd && *p == ',') {
        cutEnd = p + 1;
        return;
    }
    const char *q = cutStart;
    while (q > objStart && isSpace(q[-1]))
        --q;
    if (q > objStart && q[-1] == ',')
        cutStart = q - 1;
}

void appendQuoted(QByteArray &out, const char *key, const QString &value)
{
    out.append('"').append(key).append("\":\"").append(value.toUtf8()).append('"');
}

bool hasNonSpace(const char *b, const char *e)
{
    for (; b < e; ++b) {
        if (!isSpace(*b))
            return true;
    }
    return false;
}

} // namespace

QString StringPool::get(std::string_view s)
{
    if (s.empty())
        return QString();
    auto it = m_strings.find(s);
    if (it != m_strings.end())
        return it->second;
    QString value = utf8(s);
    m_strings.emplace(std::string(s), value);
    return value;
}

sj::error_code readString(od::value &v, std::string_view &out)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null) {
        out = std::string_view();
        return sj::SUCCESS;
    }
    if (t != od::json_type::string)
        return sj::INCORRECT_TYPE;
    return v.get_string().get(out);
}

sj::error_code readInt(od::value &v, qint64 &out)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null)
        return sj::SUCCESS;
    int64_t n = 0;
    SIMDJSON_TRY(v.get_int64().get(n));
    out = n;
    return sj::SUCCESS;
}

sj::error_code walkNestedObject(od::document &doc, od::value &v, DecodeContext &ctx, KubeObject::Data &data,
                                ObjectSlice &slice)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t != od::json_type::object)
        return sj::INCORRECT_TYPE;
    const char *start = v.raw_json_token().data();
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    SIMDJSON_TRY(walkObject(o, ctx, data, slice));
    // The object is consumed: the iterator stands on the token after its '}' (',' ']' '}').
    const char *next = nullptr;
    if (doc.current_location().get(next) != sj::SUCCESS)
        return sj::TAPE_ERROR;
    const char *end = next;
    while (end > start && isSpace(end[-1]))
        --end;
    if (end <= start || *start != '{' || end[-1] != '}')
        return sj::TAPE_ERROR;
    slice.start = start;
    slice.end = end;
    return sj::SUCCESS;
}

sj::error_code walkTopObject(od::document &doc, const char *text, size_t size, DecodeContext &ctx,
                             KubeObject::Data &data, ObjectSlice &slice)
{
    const char *start = text;
    const char *end = text + size;
    while (start < end && isSpace(*start))
        ++start;
    while (end > start && isSpace(end[-1]))
        --end;
    od::object o;
    SIMDJSON_TRY(doc.get_object().get(o));
    SIMDJSON_TRY(walkObject(o, ctx, data, slice));
    if (!detail::atEnd(doc))
        return sj::TRAILING_CONTENT;
    if (end <= start || *start != '{' || end[-1] != '}')
        return sj::TAPE_ERROR;
    slice.start = start;
    slice.end = end;
    return sj::SUCCESS;
}

bool finishObject(KubeObject::Data &data, const ObjectSlice &slice, const QString &apiVersion, const QString &kind)
{
    if (!slice.start || slice.end - slice.start < 2)
        return false;
    const bool injectApiVersion = !slice.hasApiVersion && !apiVersion.isEmpty();
    const bool injectKind = !slice.hasKind && !kind.isEmpty();
    if (injectApiVersion)
        data.apiVersion = apiVersion;
    if (injectKind)
        data.kind = kind;
    const char *innerStart = slice.start + 1;
    const char *innerEnd = slice.end - 1;
    const char *cutStart = slice.cutStart;
    const char *cutEnd = slice.cutEnd;
    if (cutStart)
        widenCut(innerStart, innerEnd, cutStart, cutEnd);
    // Exact size up front: one allocation, no squeeze.
    QByteArray prefix;
    if (injectApiVersion)
        appendQuoted(prefix, "apiVersion", apiVersion);
    if (injectKind) {
        if (injectApiVersion)
            prefix.append(',');
        appendQuoted(prefix, "kind", kind);
    }
    const bool restNonEmpty = cutStart ? (hasNonSpace(innerStart, cutStart) || hasNonSpace(cutEnd, innerEnd))
                                       : hasNonSpace(innerStart, innerEnd);
    if (!prefix.isEmpty() && restNonEmpty)
        prefix.append(',');
    const qsizetype headLen = qsizetype((cutStart ? cutStart : innerEnd) - innerStart);
    const qsizetype tailLen = cutStart ? qsizetype(innerEnd - cutEnd) : 0;
    QByteArray out(1 + prefix.size() + headLen + tailLen + 1, Qt::Uninitialized);
    char *p = out.data();
    *p++ = '{';
    std::memcpy(p, prefix.constData(), size_t(prefix.size()));
    p += prefix.size();
    std::memcpy(p, innerStart, size_t(headLen));
    p += headLen;
    if (tailLen) {
        std::memcpy(p, cutEnd, size_t(tailLen));
        p += tailLen;
    }
    *p = '}';
    // Servers send compact JSON; files and tests may be pretty-printed (slice.pretty).
    if (slice.pretty) {
        std::string compact(size_t(out.size()), '\0');
        size_t n = 0;
        if (sj::minify(out.constData(), size_t(out.size()), compact.data(), n) != sj::SUCCESS)
            return false;
        out = QByteArray(compact.data(), qsizetype(n));
    }
    data.bytes = std::move(out);
    return true;
}

} // namespace acp::models::detail

namespace acp::models {

namespace {

int digits(QByteArrayView t, int at, int n)
{
    int v = 0;
    for (int i = at; i < at + n; ++i) {
        const char c = t[i];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

QDateTime ObjectDecoder::parseTimestamp(QByteArrayView t)
{
    if (t.isEmpty())
        return QDateTime();
    // Fast path: Kubernetes metav1.Time, "2006-01-02T15:04:05Z".
    if (t.size() == 20 && t[4] == '-' && t[7] == '-' && (t[10] == 'T' || t[10] == 't') && t[13] == ':'
        && t[16] == ':' && (t[19] == 'Z' || t[19] == 'z')) {
        const int y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
        const int h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
        if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 61
            && QDate::isValid(y, mo, d)) {
            const qint64 days = QDate(y, mo, d).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
            return QDateTime::fromMSecsSinceEpoch(((days * 24 + h) * 60 + mi) * 60000LL + s * 1000LL, Qt::UTC);
        }
        return QDateTime();
    }
    const QDateTime dt = QDateTime::fromString(QString::fromLatin1(t), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

} // namespace acp::models
