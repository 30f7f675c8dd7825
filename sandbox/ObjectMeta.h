#pragma once
// Small accessors for metadata fields of objects as JSON, shared by the sandbox's core files.
#include <QJsonObject>
#include <QString>

namespace acp::sandbox {

// metadata.<field> as a string ("" when absent).
inline QString metaStr(const QJsonObject &o, const char *field)
{
    return o.value(QLatin1String("metadata")).toObject().value(QLatin1String(field)).toString();
}

} // namespace acp::sandbox
