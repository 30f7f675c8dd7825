#include "models/ObjectDecoder.h"

#include "models/KubeObjectData.h"
#include "models/ObjectDecoderWalk.h"

#include <QJsonDocument>

#include <cstring>

#include <simdjson.h>

namespace acp::models {

namespace sj = simdjson;
namespace od = simdjson::ondemand;
using detail::DecodeContext;
using detail::ObjectSlice;

namespace {

// One parser and one padded input buffer per thread. A parser grows to the largest document it
// saw (about 5x its size); after an unusually large one it is dropped to give the memory back.
struct ThreadParser {
    std::unique_ptr<od::parser> parser = std::make_unique<od::parser>();
    std::vector<char> buffer;
};

constexpr size_t kKeepParserCapacity = 16 * 1024 * 1024;

ThreadParser &threadParser()
{
    thread_local ThreadParser tp;
    return tp;
}

void releaseIfLarge(ThreadParser &tp)
{
    if (tp.parser->capacity() > kKeepParserCapacity) {
        tp.parser = std::make_unique<od::parser>();
        std::vector<char>().swap(tp.buffer);
    }
}

sj::padded_string_view padded(ThreadParser &tp, const QByteArray &data)
{
    const size_t n = size_t(data.size());
    if (tp.buffer.size() < n + sj::SIMDJSON_PADDING)
        tp.buffer.resize(n + sj::SIMDJSON_PADDING);
    std::memcpy(tp.buffer.data(), data.constData(), n);
    std::memset(tp.buffer.data() + n, ' ', sj::SIMDJSON_PADDING);
    return sj::padded_string_view(tp.buffer.data(), n, tp.buffer.size());
}

// The input must look like one JSON object ('{' ... '}' between whitespace). Checked before
// parsing: simdjson 3.0.1's On-Demand front end crashes on empty documents.
bool objectShaped(const QByteArray &data)
{
    auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    qsizetype b = 0, e = data.size();
    while (b < e && space(data[b]))
        ++b;
    while (e > b && space(data[e - 1]))
        --e;
    return e - b >= 2 && data[b] == '{' && data[e - 1] == '}';
}

// Pretty-printed input (any newline inside the text; servers send compact JSON, at most with a
// trailing newline): every object's bytes are minified.
bool isPretty(const QByteArray &data)
{
    qsizetype e = data.size();
    while (e > 0 && (data[e - 1] == '\n' || data[e - 1] == '\r' || data[e - 1] == ' '))
        --e;
    return std::memchr(data.constData(), '\n', size_t(e)) != nullptr;
}

api::ApiError decodeError(const char *what, const QString &detail)
{
    api::ApiError e;
    e.reason = QStringLiteral("DecodeError");
    e.message = QStringLiteral("cannot decode %1: %2").arg(QLatin1String(what), detail);
    return e;
}

api::ApiError decodeError(const char *what, sj::error_code code)
{
    return decodeError(what, QString::fromLatin1(sj::error_message(code)));
}

QString kindOfItems(const QString &listKind)
{
    return listKind.endsWith(QLatin1String("List")) ? listKind.chopped(4) : QString();
}

struct ListMeta {
    std::string_view resourceVersion, continueToken;
    qint64 remaining = -1;
};

sj::error_code walkListMeta(od::value &v, ListMeta &meta)
{
    od::object o;
    SIMDJSON_TRY(v.get_object().get(o));
    for (auto fieldResult : o) {
        od::field f;
        SIMDJSON_TRY(std::move(fieldResult).get(f));
        const od::raw_json_string key = f.key();
        if (key.unsafe_is_equal("resourceVersion")) {
            SIMDJSON_TRY(detail::readString(f.value(), meta.resourceVersion));
        } else if (key.unsafe_is_equal("continue")) {
            SIMDJSON_TRY(detail::readString(f.value(), meta.continueToken));
        } else if (key.unsafe_is_equal("remainingItemCount")) {
            SIMDJSON_TRY(detail::readInt(f.value(), meta.remaining));
        }
    }
    return sj::SUCCESS;
}

// Decodes the items array; slices point into the parser's buffer (valid during this call).
sj::error_code walkItems(od::document &doc, od::value &v, DecodeContext &ctx, bool pretty,
                         std::vector<std::shared_ptr<KubeObject::Data>> &datas, std::vector<ObjectSlice> &slices)
{
    od::json_type t;
    SIMDJSON_TRY(v.type().get(t));
    if (t == od::json_type::null)
        return sj::SUCCESS;
    od::array items;
    SIMDJSON_TRY(v.get_array().get(items));
    for (auto itemResult : items) {
        od::value item;
        SIMDJSON_TRY(std::move(itemResult).get(item));
        auto data = std::make_shared<KubeObject::Data>();
        ObjectSlice slice;
        slice.pretty = pretty;
        SIMDJSON_TRY(detail::walkNestedObject(doc, item, ctx, *data, slice));
        datas.push_back(std::move(data));
        slices.push_back(slice);
    }
    return sj::SUCCESS;
}

} // namespace

std::optional<api::ApiError> ObjectDecoder::forEachListItem(const QByteArray &body,
                                                           const std::function<void(const QByteArray &)> &fn)
{
    if (!objectShaped(body))
        return decodeError("list response", QStringLiteral("not a JSON object"));
    if (!sj::validate_utf8(body.constData(), size_t(body.size())))
        return decodeError("list response", QStringLiteral("invalid UTF-8"));
    ThreadParser &tp = threadParser();
    od::document doc;
    sj::error_code err = tp.parser->iterate(padded(tp, body)).get(doc);
    od::value items;
    if (!err)
        err = doc[std::string_view("items")].get(items);
    if (err == sj::NO_SUCH_FIELD)
        return std::nullopt;
    od::json_type type{};
    if (!err)
        err = items.type().get(type);
    if (!err && type == od::json_type::null)
        return std::nullopt;
    od::array array;
    if (!err)
        err = items.get_array().get(array);
    for (auto item : array) {
        if (err)
            break;
        od::object object;
        std::string_view raw;
        if (!(err = item.get_object().get(object)) && !(err = object.raw_json().get(raw)))
            fn(QByteArray::fromRawData(raw.data(), qsizetype(raw.size())));
    }
    releaseIfLarge(tp);
    if (err)
        return decodeError("list response", err);
    return std::nullopt;
}

api::Result<ObjectList> ObjectDecoder::decodeList(const QByteArray &body, const DecodeOptions &options)
{
    if (!objectShaped(body))
        return decodeError("list response", QStringLiteral("not a JSON object"));
    if (!sj::validate_utf8(body.constData(), size_t(body.size())))
        return decodeError("list response", QStringLiteral("invalid UTF-8"));
    const bool pretty = isPretty(body);
    ThreadParser &tp = threadParser();
    detail::StringPool pool;
    DecodeContext ctx{pool, options};
    std::vector<std::shared_ptr<KubeObject::Data>> datas;
    std::vector<ObjectSlice> slices;
    ObjectList list;
    ListMeta meta;
    sj::error_code err = sj::SUCCESS;
    {
        od::document doc;
        err = tp.parser->iterate(padded(tp, body)).get(doc);
        od::object top;
        if (!err)
            err = doc.get_object().get(top);
        for (auto fieldResult : top) {
            if (err)
                break;
            od::field f;
            if ((err = std::move(fieldResult).get(f)))
                break;
            const od::raw_json_string key = f.key();
            std::string_view s;
            if (key.unsafe_is_equal("items")) {
                err = walkItems(doc, f.value(), ctx, pretty, datas, slices);
            } else if (key.unsafe_is_equal("kind")) {
                if (!(err = detail::readString(f.value(), s)))
                    list.kind = pool.get(s);
            } else if (key.unsafe_is_equal("apiVersion")) {
                if (!(err = detail::readString(f.value(), s)))
                    list.apiVersion = pool.get(s);
            } else if (key.unsafe_is_equal("metadata")) {
                err = walkListMeta(f.value(), meta);
            }
        }
        if (!err && !detail::atEnd(doc))
            err = sj::TRAILING_CONTENT;
        if (!err) {
            list.resourceVersion = QString::fromUtf8(meta.resourceVersion.data(), qsizetype(meta.resourceVersion.size()));
            list.continueToken = QString::fromUtf8(meta.continueToken.data(), qsizetype(meta.continueToken.size()));
            list.remainingItemCount = meta.remaining;
            const QString itemApiVersion = options.defaultApiVersion.isEmpty() ? list.apiVersion : options.defaultApiVersion;
            const QString itemKind = options.defaultKind.isEmpty() ? kindOfItems(list.kind) : options.defaultKind;
            list.items.reserve(qsizetype(datas.size()));
            for (size_t i = 0; i < datas.size(); ++i) {
                if (!detail::finishObject(*datas[i], slices[i], itemApiVersion, itemKind)) {
                    err = sj::TAPE_ERROR;
                    break;
                }
                list.items.append(KubeObject::fromData(std::move(datas[i])));
            }
        }
    }
    releaseIfLarge(tp);
    if (err)
        return decodeError("list response", err);
    return list;
}

api::Result<KubeObject> ObjectDecoder::decodeObject(const QByteArray &json, const DecodeOptions &options)
{
    if (!objectShaped(json))
        return decodeError("object", QStringLiteral("not a JSON object"));
    if (!sj::validate_utf8(json.constData(), size_t(json.size())))
        return decodeError("object", QStringLiteral("invalid UTF-8"));
    const bool pretty = isPretty(json);
    ThreadParser &tp = threadParser();
    detail::StringPool pool;
    DecodeContext ctx{pool, options};
    auto data = std::make_shared<KubeObject::Data>();
    ObjectSlice slice;
    slice.pretty = pretty;
    sj::error_code err = sj::SUCCESS;
    {
        od::document doc;
        err = tp.parser->iterate(padded(tp, json)).get(doc);
        if (!err)
            err = detail::walkTopObject(doc, tp.buffer.data(), size_t(json.size()), ctx, *data, slice);
        if (!err && !detail::finishObject(*data, slice, options.defaultApiVersion, options.defaultKind))
            err = sj::TAPE_ERROR;
    }
    releaseIfLarge(tp);
    if (err)
        return decodeError("object", err);
    return KubeObject::fromData(std::move(data));
}

WatchEvent::Type ObjectDecoder::eventType(QByteArrayView name, bool *ok)
{
    static const struct { const char *name; WatchEvent::Type type; } types[] = {
        {"ADDED", WatchEvent::Added}, {"MODIFIED", WatchEvent::Modified}, {"DELETED", WatchEvent::Deleted},
        {"BOOKMARK", WatchEvent::Bookmark}, {"ERROR", WatchEvent::Error}};
    for (const auto &t : types) {
        if (name == QByteArrayView(t.name)) {
            if (ok)
                *ok = true;
            return t.type;
        }
    }
    if (ok)
        *ok = false;
    return WatchEvent::Error;
}

api::Result<WatchEvent> ObjectDecoder::decodeEvent(const QByteArray &frame, const DecodeOptions &options)
{
    detail::StringPool pool;
    return decodeEvent(frame, options, pool);
}

api::Result<WatchEvent> ObjectDecoder::decodeEvent(const QByteArray &frame, const DecodeOptions &options,
                                                   detail::StringPool &pool)
{
    if (!objectShaped(frame))
        return decodeError("watch event", QStringLiteral("not a JSON object"));
    if (!sj::validate_utf8(frame.constData(), size_t(frame.size())))
        return decodeError("watch event", QStringLiteral("invalid UTF-8"));
    const bool pretty = isPretty(frame);
    ThreadParser &tp = threadParser();
    DecodeContext ctx{pool, options};
    auto data = std::make_shared<KubeObject::Data>();
    ObjectSlice slice;
    slice.pretty = pretty;
    std::string_view typeName;
    bool haveObject = false;
    sj::error_code err = sj::SUCCESS;
    {
        od::document doc;
        err = tp.parser->iterate(padded(tp, frame)).get(doc);
        od::object top;
        if (!err)
            err = doc.get_object().get(top);
        for (auto fieldResult : top) {
            if (err)
                break;
            od::field f;
            if ((err = std::move(fieldResult).get(f)))
                break;
            const od::raw_json_string key = f.key();
            if (key.unsafe_is_equal("type")) {
                err = detail::readString(f.value(), typeName);
            } else if (key.unsafe_is_equal("object")) {
                err = detail::walkNestedObject(doc, f.value(), ctx, *data, slice);
                haveObject = !err;
            }
        }
        if (!err && !detail::atEnd(doc))
            err = sj::TRAILING_CONTENT;
        if (!err && haveObject && !detail::finishObject(*data, slice, options.defaultApiVersion, options.defaultKind))
            err = sj::TAPE_ERROR;
    }
    releaseIfLarge(tp);
    if (err)
        return decodeError("watch event", err);
    if (!haveObject)
        return decodeError("watch event", QStringLiteral("no \"object\""));
    bool known = false;
    WatchEvent event;
    event.type = eventType(QByteArrayView(typeName.data(), qsizetype(typeName.size())), &known);
    if (!known) {
        return decodeError("watch event", QStringLiteral("unknown event type \"%1\"")
                                              .arg(QString::fromUtf8(typeName.data(), qsizetype(typeName.size()))));
    }
    event.object = KubeObject::fromData(std::move(data));
    event.resourceVersion = event.object.resourceVersion();
    if (event.type == WatchEvent::Error) {
        const QJsonObject status = QJsonDocument::fromJson(event.object.bytes()).object();
        event.error = api::ApiError::fromStatus(status, status.value(QLatin1String("code")).toInt());
    }
    return event;
}

WatchEventBatch ObjectDecoder::decodeEvents(const QByteArrayList &frames, const DecodeOptions &options)
{
    WatchEventBatch batch;
    detail::StringPool pool; // shared by the burst: namespaces, kinds, labels repeat
    batch.events.reserve(frames.size());
    for (const QByteArray &frame : frames) {
        auto event = decodeEvent(frame, options, pool);
        if (!event.ok()) {
            batch.error = event.error();
            break;
        }
        batch.events.append(std::move(event).value());
    }
    return batch;
}

} // namespace acp::models
