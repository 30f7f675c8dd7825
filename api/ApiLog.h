#pragma once
// The api library's logging category ("acp.api"). Never log tokens, passwords, keys or Secret data.
#include <QLoggingCategory>

namespace acp::api {
Q_DECLARE_LOGGING_CATEGORY(lcApi)
}
