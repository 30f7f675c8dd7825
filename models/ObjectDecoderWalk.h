#pragma once
// Internals of ObjectDecoder (private to models/): walking one Kubernetes object with simdjson
// On-Demand, extracting its hot fields into KubeObject::Data and locating its text in the input.
#include "models/KubeObjectData.h"
#include "models/ObjectDecoder.h"

#include <simdjson.h>
#include <string>
#include <string_view>
#include <unordered_map>

namespace acp::models::detail {

namespace sj = simdjson;
namespace od = simdjson::ondemand;

// Interns strings repeated across the objects of one decode call (implicitly shared QStrings).
// (FNV-1a: these strings are short, and Qt's seeded qHash(QByteArray) was a fifth of the time.)
class StringPool {
public:
    QString get(std::string_view s);

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept
        {
            size_t h = 1469598103934665603ull;
            for (unsigned char c : s)
                h = (h ^ c) * 1099511628211ull;
            return h;
        }
    };
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_strings;
};

struct DecodeContext {
    StringPool &pool;
    const DecodeOptions &options;
};

// Where an object's text lies in the parser's buffer (valid during the decode call only).
struct ObjectSlice {
    const char *start = nullptr;     // '{'
    const char *end = nullptr;       // one past '}'
    const char *cutStart = nullptr;  // "managedFields":[...] to drop, if any
    const char *cutEnd = nullptr;
    bool hasApiVersion = false;
    bool hasKind = false;
    bool pretty = false;             // minify the bytes (set when the input had interior newlines)
};

// A string or null ("") into `out` (valid while the document lives); other types are errors.
sj::error_code readString(od::value &v, std::string_view &out);
// True when the whole document was consumed (nothing but whitespace follows).
inline bool atEnd(od::document &doc)
{
    const char *p = nullptr;
    return doc.current_location().get(p) == sj::OUT_OF_BOUNDS;
}
// An integer or null (unchanged).
sj::error_code readInt(od::value &v, qint64 &out);

// `v` is an object nested in `doc` (a list item, a watch event's object).
sj::error_code walkNestedObject(od::document &doc, od::value &v, DecodeContext &ctx, KubeObject::Data &data,
                                ObjectSlice &slice);
// The whole document is the object; `text`/`size` is the input as given to the parser.
sj::error_code walkTopObject(od::document &doc, const char *text, size_t size, DecodeContext &ctx,
                             KubeObject::Data &data, ObjectSlice &slice);

// Fills data.bytes from the slice (dropping the cut, injecting apiVersion/kind when the object
// has none and they are given, minifying pretty input). False when the slice is not an object.
bool finishObject(KubeObject::Data &data, const ObjectSlice &slice, const QString &apiVersion, const QString &kind);

} // namespace acp::models::detail
