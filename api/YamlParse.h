#pragma once
// Internal to api/: api::yaml::parseAll with an extra observer of the parse events, so other
// parts of api/ (YamlPositions) reuse the one YAML parser (same scalar rules, same errors).
#include "api/Yaml.h"

namespace YAML {
class EventHandler;
}

namespace acp::api::yaml::detail {

// parseAll(text, fileName), and every parse event is also given to `observer` (after the
// builder sees it; may be null). A UTF-8 BOM is skipped, so marks count from after it.
// Thread: any; `observer` is used only during the call.
Result<QList<Document>> parseAllObserved(const QByteArray &text, const QString &fileName,
                                         YAML::EventHandler *observer);

} // namespace acp::api::yaml::detail
