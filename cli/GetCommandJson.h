#pragma once
// kubectl's `-o json` text: Go's json.MarshalIndent(obj, "", "    ") of an unstructured object
// (map keys sorted, 4-space indentation, "{}" / "[]" for empty collections, '<' '>' '&' U+2028
// U+2029 escaped as \u003c..., integers without a fraction, a final newline). Pure; any thread.
#include <QByteArray>
#include <QJsonValue>

namespace acp::cli {

QByteArray goJsonIndent(const QJsonValue &value);

} // namespace acp::cli
